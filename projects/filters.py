"""The backlog's filters and sort (django-filter). Everything lives in the query string, so a
filtered view can be bookmarked and shared."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from loti_data.accounts.models import Organisation
from methodology.stages import STAGE_ORDER
from projects.backlog_selectors import (
    DEFAULT_SORT,
    SORTS,
    loti_staff_users,
    needs_triage_q,
    sort_order,
)
from projects.models import Project, ProjectPartner, Theme

NO_OWNER = "none"


def theme_choices():
    return list(Theme.objects.order_by("position", "name").values_list("slug", "name"))


def organisation_choices():
    return list(Organisation.objects.order_by("name").values_list("slug", "name"))


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
    status = django_filters.MultipleChoiceFilter(
        choices=Project.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    stage = django_filters.MultipleChoiceFilter(
        choices=[(s.value, s.label) for s in STAGE_ORDER], widget=forms.CheckboxSelectMultiple
    )
    priority = django_filters.MultipleChoiceFilter(
        choices=Project.Priority.choices, widget=forms.CheckboxSelectMultiple
    )
    theme = django_filters.ChoiceFilter(
        label="Theme", choices=theme_choices, method="filter_theme", empty_label="Any theme"
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        choices=organisation_choices,
        method="filter_organisation",
        empty_label="Any organisation",
        help_text="Leading the project or a partner on it.",
    )
    loti_owner = django_filters.ChoiceFilter(
        label="LOTI owner", choices=owner_choices, method="filter_owner", empty_label="Anyone"
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

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))

    def filter_theme(self, queryset, name, value):
        tagged = Project.themes.through.objects.filter(project_id=OuterRef("pk"), theme__slug=value)
        return queryset.filter(Exists(tagged))

    def filter_organisation(self, queryset, name, value):
        partner = ProjectPartner.objects.filter(project_id=OuterRef("pk"), organisation__slug=value)
        return queryset.filter(Q(lead_organisation__slug=value) | Q(Exists(partner)))

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
        if not self.is_bound or not self.form.is_valid():
            return 0
        data = self.form.cleaned_data
        return sum(
            1 for key, value in data.items() if key != "sort" and value not in (None, "", [], False)
        )
