from django import forms
from django.utils import timezone

from loti_data.validators import single_line
from skills.library import selectors
from skills.library.framework_csv import COLUMNS
from skills.library.services import GOVERNMENT_FRAMEWORK
from skills.models import (
    DifficultyReason,
    HardToFillFlag,
    Proficiency,
    SalarySubmission,
    SkillGroup,
)


class RoleLevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.role.name}: {obj.name}"


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)


class SkillSearchForm(SearchForm):
    group = forms.ChoiceField(
        label="Group", required=False, choices=[("", "All groups"), *SkillGroup.choices]
    )


class NeedingSkillForm(forms.Form):
    at_least = forms.TypedChoiceField(
        label="Needed at least at",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any level"), *Proficiency.choices],
    )


class CompareForm(forms.Form):
    a = RoleLevelChoiceField(label="From role level", queryset=selectors.role_level_choices())
    b = RoleLevelChoiceField(label="To role level", queryset=selectors.role_level_choices())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", "Choose a different role level to compare with.")
        return cleaned


class SalarySubmissionForm(forms.ModelForm):
    """The organisation is never a field: it is always the submitter's own."""

    role_level = RoleLevelChoiceField(queryset=selectors.role_level_choices())

    class Meta:
        model = SalarySubmission
        fields = ["role_level", "year", "minimum", "maximum", "source"]
        help_texts = {
            "year": "The year the range applied (not in the future).",
            "minimum": "Bottom of the pay range, in whole pounds a year, e.g. 38000.",
            "maximum": "Top of the pay range, in whole pounds a year.",
            "source": "Advertised: from a job advert. Actual: what post holders are paid.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class HardToFillForm(forms.ModelForm):
    role_level = RoleLevelChoiceField(queryset=selectors.role_level_choices())
    reason = forms.ChoiceField(choices=DifficultyReason.choices, widget=forms.RadioSelect)

    class Meta:
        model = HardToFillFlag
        fields = ["role_level", "reason", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        # One flag per organisation and role level: flagging again updates the reason.
        pass


class FrameworkImportForm(forms.Form):
    framework = forms.CharField(
        max_length=150,
        validators=[single_line],
        initial=GOVERNMENT_FRAMEWORK,
        help_text="The framework to import into; it is created if it does not exist yet.",
    )
    file = forms.FileField(
        label="CSV file",
        help_text="The framework's 'role content' CSV export, with the columns: "
        + ", ".join(COLUMNS)
        + ".",
    )

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB.")
        return upload
