/* Accessible names the Django admin's own widgets leave out, on every admin page.
 *
 * - A split date/time input (meet-up starts and ends, RSVP times) has a <label> tied to neither
 *   part: both parts get "<field>: date" and "<field>: time".
 * - An autocomplete select's Select2 combobox is labelled by its current value only (nothing
 *   when empty): it gets its field's name, and its value as a description. Select2 redraws the
 *   value when it changes, so it is named again then.
 *
 * In tabular inlines the field's name is the column heading. No inline script (strict CSP).
 */
(function () {
  "use strict";

  function fieldName(input, id) {
    var label = document.querySelector('label[for="' + id + '"]');
    // A split input's label has no "for": it is its form row's label (not in a tabular inline).
    var row = !input.closest("td") && input.closest(".flex-container, .form-row");
    label = label || (row && row.querySelector("label"));
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
    return (input.name || "").replace(/^.*-/, "").replace(/_\d+$/, "").replace(/_/g, " ");
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
      // Inside it, Select2 shows the value (a read-only "textbox") and, for a multiple select,
      // a search field: both are named after the field too.
      combobox
        .querySelectorAll(".select2-selection__rendered, .select2-search__field")
        .forEach(function (part) {
          part.setAttribute("aria-label", name);
        });
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select.admin-autocomplete")) {
      nameAutocompletes(event.target.parentElement);
    }
  });

  function nameAll(root) {
    nameSplitDateTimes(root);
    nameAutocompletes(root);
  }

  // After the admin's own scripts: they build the Select2 widgets in jQuery's "ready", whose
  // handlers run in the order they were added (theirs are added first, in the page's head);
  // jQuery runs them asynchronously, so not necessarily before "load".
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () {
      nameAll(document);
    });
  }
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      nameAll(document);
    }, 0);
  });
  document.addEventListener("formset:added", function (event) {
    window.setTimeout(function () {
      nameAll(event.target);
    }, 0);
  });
})();
