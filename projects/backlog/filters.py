"""The backlog's filters and sort (django-filter). Everything lives in the query string, so a
filtered view can be bookmarked and shared."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from loti_data.accounts.models import Organisation
from methodology.stages import STAGE_ORDER
from projects.backlog.rules import needs_triage_q
from projects.backlog.selectors import DEFAULT_SORT, SORTS, loti_staff_users, sort_order
from projects.models import Project, ProjectPartner, Theme

NO_OWNER = "none"


def theme_rows():
    return list(Theme.objects.order_by("position", "name").values_list("pk", "slug", "name"))


def organisation_rows():
    return list(Organisation.objects.order_by("name").values_list("pk", "slug", "name"))


def owner_choices():
    return [(NO_OWNER, "No owner yet")] + [
        (str(pk), name) for pk, name in loti_staff_users().values_list("pk", "name")
    ]


class BacklogFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="Words in the title or summary.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    # distinct=False: these filter the projects table itself, so rows cannot repeat (and a
    # DISTINCT would make every COUNT a sort of the whole table).
    status = django_filters.MultipleChoiceFilter(
        choices=Project.Status.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    stage = django_filters.MultipleChoiceFilter(
        choices=[(s.value, s.label) for s in STAGE_ORDER],
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    priority = django_filters.MultipleChoiceFilter(
        choices=Project.Priority.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    # Choices filled in __init__, one query each per request.
    theme = django_filters.ChoiceFilter(
        label="Theme", choices=[], method="filter_theme", empty_label="Any theme"
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        choices=[],
        method="filter_organisation",
        empty_label="Any organisation",
        help_text="Leading the project or a partner on it.",
    )
    loti_owner = django_filters.ChoiceFilter(
        label="LOTI owner", choices=[], method="filter_owner", empty_label="Anyone"
    )
    needs_triage = django_filters.BooleanFilter(
        label="Needs triage only",
        method="filter_needs_triage",
        widget=forms.CheckboxInput,
        help_text="New projects, and open ones without a priority or a LOTI owner.",
    )
    min_interest = django_filters.NumberFilter(
        label="Interested organisations, at least",
        field_name="interest_count",
        lookup_expr="gte",
        min_value=0,
        max_value=1000,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="keep",
        empty_label=None,
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Slugs in the URL (readable bookmarks), ids in the SQL (no joins to look them up).
        themes, organisations = theme_rows(), organisation_rows()
        self.theme_ids = {slug: pk for pk, slug, _ in themes}
        self.organisation_ids = {slug: pk for pk, slug, _ in organisations}
        self.filters["theme"].extra["choices"] = [(slug, name) for _, slug, name in themes]
        self.filters["organisation"].extra["choices"] = [
            (slug, name) for _, slug, name in organisations
        ]
        self.filters["loti_owner"].extra["choices"] = owner_choices()
        # A form field built from the class-level filter (with no choices yet), as a schema
        # generator does when it reads ``base_filters``, would be copied here: build afresh.
        for name in ("theme", "organisation", "loti_owner"):
            self.filters[name].__dict__.pop("_field", None)

    def controls(self) -> list[dict]:
        """The form as plain data, so the template renders it quickly and accessibly."""
        form = self.form
        form.is_valid()
        out = []
        for name, field in form.fields.items():
            bound = form[name]
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                kind = "checkboxes"
                chosen = {str(v) for v in (self.data.getlist(name) if self.data else [])}
            elif isinstance(field.widget, forms.CheckboxInput):
                kind = "checkbox"
                chosen = {"on"} if form.cleaned_data.get(name) else set()
            elif hasattr(field, "choices"):
                kind = "select"
                chosen = {str(self.data.get(name, "")) if self.data else ""}
            else:
                kind = "number" if isinstance(field, forms.DecimalField) else "text"
                chosen = set()
            out.append(
                {
                    "name": name,
                    "id": f"filter-{name}",
                    "label": field.label or name.replace("_", " ").capitalize(),
                    "kind": kind,
                    "help": field.help_text,
                    "errors": list(bound.errors),
                    "value": self.data.get(name, "") if self.data else "",
                    "options": [
                        {"value": str(v), "label": label, "chosen": str(v) in chosen}
                        for v, label in getattr(field, "choices", [])
                    ],
                    "checked": bool(chosen) and kind == "checkbox",
                }
            )
        return out

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))

    def filter_theme(self, queryset, name, value: str):
        tagged = Project.themes.through.objects.filter(project_id=OuterRef("pk"), theme__slug=value)
        return queryset.filter(Exists(tagged))

    def filter_organisation(self, queryset, name, value: str):
        organisation_id = self.organisation_ids[value]
        partner = ProjectPartner.objects.filter(
            project_id=OuterRef("pk"), organisation_id=organisation_id
        )
        return queryset.filter(Q(lead_organisation_id=organisation_id) | Q(Exists(partner)))

    def filter_owner(self, queryset, name, value):
        if value == NO_OWNER:
            return queryset.filter(loti_owner__isnull=True)
        return queryset.filter(loti_owner_id=value)

    def filter_needs_triage(self, queryset, name, value):
        return queryset.filter(needs_triage_q()) if value else queryset

    def keep(self, queryset, name, value):
        return queryset  # the order is applied last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or DEFAULT_SORT
        return queryset.order_by(*sort_order(sort))

    @property
    def active_filters(self) -> int:
        """How many filters (not the sort) narrow the list: for the result summary."""
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return sum(
            1 for key, value in data.items() if key != "sort" and value not in (None, "", [], False)
        )
