"""The route questions, the sign-off and the register's filter."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from loti_data.accounts.models import Organisation
from loti_data.validators import storable_text
from projects.canvas.models import ProjectPartner
from projects.governance.models import SignOff
from projects.governance.routes import (
    Answers,
    Article9,
    Controller,
    Frequency,
    HighRisk,
    Identifiable,
    LawfulBasis,
    Route,
    Schedule1,
    check,
)

TEXT = {"max_length": 5000, "validators": [storable_text]}


def _text(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        **TEXT,
    )


class RouteForm(forms.Form):
    """The guided questions. ``routes.check`` finds what is missing or contradictory; its
    messages are shown beside the questions they are about."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    identifiable = forms.ChoiceField(
        label="Is it personal data, or could it identify people once combined with other data?",
        choices=Identifiable.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    special_category = forms.BooleanField(
        label="It holds special category data (health, ethnicity, religion, sexual orientation…)",
        required=False,
    )
    criminal_offence = forms.BooleanField(
        label="It holds criminal offence data (UK GDPR Article 10)", required=False
    )
    controller = forms.ChoiceField(
        label="Who is the controller?",
        choices=Controller.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis (UK GDPR Article 6)", choices=LawfulBasis.choices, required=False
    )
    article9 = forms.ChoiceField(
        label="Article 9 condition (special category data only)",
        choices=Article9.choices,
        required=False,
    )
    schedule1 = forms.ChoiceField(
        label="Schedule 1 condition, DPA 2018 (where one is needed)",
        choices=Schedule1.choices,
        required=False,
        help_text="Article 9(2)(b), (g), (h), (i) and (j) and all criminal offence data need one.",
    )
    aggregated = forms.BooleanField(
        label="Aggregated or anonymised data will serve the insight instead",
        required=False,
    )
    high_risk = forms.MultipleChoiceField(
        label="Does any of the ICO's high-risk processing apply? (tick all that do)",
        choices=HighRisk.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    frequency = forms.ChoiceField(
        label="How is it shared?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    retention = _text(
        "Retention and deletion", "How long it is kept, and how it is deleted or returned."
    )
    security = _text("Security", "Where it is kept, who can see it, how access is logged.")
    transparency = _text("Transparency", "How people are told: the privacy notice and where.")
    review_on = forms.DateField(
        label="Review date of the agreement",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the agreement is looked at again (not needed for open data).",
    )

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            identifiable=data.get("identifiable", ""),
            special_category=data.get("special_category", False),
            criminal_offence=data.get("criminal_offence", False),
            controller=data.get("controller", ""),
            lawful_basis=data.get("lawful_basis", ""),
            article9=data.get("article9", ""),
            schedule1=data.get("schedule1", ""),
            aggregated=data.get("aggregated", False),
            high_risk=tuple(data.get("high_risk", ())),
            frequency=data.get("frequency", ""),
            retention=data.get("retention", "").strip(),
            security=data.get("security", "").strip(),
            transparency=data.get("transparency", "").strip(),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for name, message in check(self.answers()).items():
            self.add_error(name if name in self.fields else None, message)
        review_on = cleaned.get("review_on")
        if review_on is not None and review_on <= timezone.localdate():
            self.add_error("review_on", "The review date must be in the future.")
        return cleaned


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SignOffForm(VersionForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve: sign it off"), ("decline", "Decline")],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The project's team reads them, and the register keeps them.",
        **TEXT,
    )


@extend_schema_field(OpenApiTypes.STR)
class OrganisationSlugFilter(django_filters.ModelChoiceFilter):
    """An organisation by its slug (the API documents it as a string)."""


class RegisterFilter(django_filters.FilterSet):
    organisation = OrganisationSlugFilter(
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        method="by_organisation",
        label="Organisation (holding or using the data)",
        empty_label="Every organisation",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    route = django_filters.ChoiceFilter(
        field_name="sharing__route",
        choices=Route.choices,
        empty_label="Every route",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = django_filters.ChoiceFilter(
        field_name="sharing__status",
        choices=SignOff.choices,
        empty_label="Every status",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def by_organisation(self, queryset, name, value):
        partner = ProjectPartner.objects.filter(project=OuterRef("project"), organisation=value)
        return queryset.filter(
            Q(holder=value) | Q(project__lead_organisation=value) | Exists(partner)
        )
