/* Accessible names the Django admin's own widgets leave out, on every admin page.
 *
 * - A split date/time input (meet-up starts and ends, RSVP times) has one <label> for its date
 *   part only: both parts get "<field>: date" and "<field>: time".
 * - An autocomplete select's Select2 combobox is labelled by its current value only (nothing
 *   when empty): it gets its field's name, and its value as a description.
 *
 * In tabular inlines the field's name is the column heading. No inline script (strict CSP).
 */
(function () {
  "use strict";

  function fieldName(input, id) {
    var label = document.querySelector('label[for="' + id + '"]');
    if (label) {
      return label.textContent.replace(/[:*]\s*$/, "").trim();
    }
    var cell = input.closest("td");
    var table = input.closest("table");
    if (cell && table) {
      var index = Array.prototype.indexOf.call(cell.parentElement.children, cell);
      var heading = table.querySelectorAll("thead th")[index];
      if (heading) {
        return heading.textContent.trim();
      }
    }
    return (input.name || "").replace(/^.*-/, "").replace(/_/g, " ");
  }

  function nameSplitDateTimes(root) {
    root.querySelectorAll("p.datetime").forEach(function (box) {
      var date = box.querySelector("input.vDateField");
      var time = box.querySelector("input.vTimeField");
      if (!date || !time) {
        return;
      }
      var name = fieldName(date, date.id);
      date.setAttribute("aria-label", name + ": date");
      time.setAttribute("aria-label", name + ": time");
    });
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      if (select.name.indexOf("__prefix__") !== -1) {
        return;
      }
      var container = select.nextElementSibling;
      var combobox = container && container.querySelector(".select2-selection");
      if (!combobox) {
        return;
      }
      var name = fieldName(select, select.id);
      var valueId = combobox.getAttribute("aria-labelledby");
      combobox.removeAttribute("aria-labelledby");
      combobox.setAttribute("aria-label", name);
      if (valueId) {
        combobox.setAttribute("aria-describedby", valueId);
      }
    });
  }

  function nameAll(root) {
    nameSplitDateTimes(root);
    nameAutocompletes(root);
  }

  // After the admin's own scripts, which build the Select2 widgets on DOMContentLoaded.
  window.addEventListener("load", function () {
    nameAll(document);
  });
  document.addEventListener("formset:added", function (event) {
    window.setTimeout(function () {
      nameAll(event.target);
    }, 0);
  });
})();
