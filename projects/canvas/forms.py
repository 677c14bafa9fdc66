"""Forms for projects, teams and the canvas. They validate input; services do the writing."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.utils.html import format_html

from loti_data.accounts.models import Organisation, User
from methodology.stages import PRINCIPLE_GUIDANCE, Principle, definition
from projects.models import (
    Action,
    Dataset,
    Enabler,
    EthicsAssessment,
    Insight,
    Outcome,
    PrincipleAssessment,
    Project,
    ProjectMembership,
    Theme,
)


class ProjectForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The policy areas this project works on.",
    )

    class Meta:
        model = Project
        fields = ["title", "summary", "themes"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"title": "A short name other boroughs will recognise."}


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="They need a loti-data account. They can be from any organisation.",
    )
    role = forms.ChoiceField(choices=ProjectMembership.Role.choices, initial="editor")

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                "Nobody with that email address has a loti-data account. Check the address, "
                "or ask LOTI to create an account for them."
            )
        return user


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=ProjectMembership.Role.choices)


class PartnerAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        help_text="A borough or partner organisation working on the project with you.",
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            pk=project.lead_organisation_id
        ).exclude(partnerships__project=project)


# --- the canvas -----------------------------------------------------------------------------


class VersionedForm(forms.Form):
    """Carries the version of the stage the person started from (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StageCompleteForm(VersionedForm):
    pass


class EntryDeleteForm(VersionedForm):
    pass


def _links_field(queryset, label: str, help_text: str, required_message: str):
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "invalid_choice": "That entry is not part of this project.",
            "invalid_pk_value": "That entry is not part of this project.",
        },
    )


class EntryForm(forms.ModelForm):
    """A canvas entry. ``link_field`` names the links to the previous stage's entries."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @property
    def link_field(self) -> str | None:
        return definition(self._meta.model.STAGE).link_field

    @property
    def links(self) -> list:
        return list(self.cleaned_data.get(self.link_field, [])) if self.link_field else []


class OutcomeForm(EntryForm):
    class Meta:
        model = Outcome
        fields = ["who", "how", "measure"]
        widgets = {
            "how": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "measure": "The sign or measure that would show the outcome is achieved. You can "
            "add it later, but the stage needs it to be complete.",
        }


class ActionForm(EntryForm):
    class Meta:
        model = Action
        fields = ["actor", "change", "intervention", "outcomes"]
        widgets = {
            "change": forms.Textarea(attrs={"rows": 3}),
            "intervention": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        self.fields["outcomes"] = _links_field(
            project.outcomes.all(),
            "Outcomes it serves",
            "Tick every outcome this action helps to achieve.",
            "Choose the outcome(s) this action serves: every action must serve an outcome.",
        )


class InsightForm(EntryForm):
    class Meta:
        model = Insight
        fields = ["title", "screen", "actions"]
        widgets = {"screen": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        self.fields["actions"] = _links_field(
            project.actions.all(),
            "Actions it enables",
            "Tick every action this data product would make possible.",
            "Choose the action(s) this insight enables: every insight must enable an action.",
        )


class EnablerForm(EntryForm):
    class Meta:
        model = Enabler
        fields = ["kind", "need"]
        widgets = {"need": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "Kind of enabler"}


YES_NO = [(True, "Yes"), (False, "No")]


def _yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value in (True, "True", "true", "1"),
        widget=forms.RadioSelect,
        error_messages={"required": "Answer yes or no."},
    )


# The Data stage's answers a dataset's sharing route owns once it has one.
SET_BY_SHARING_ROUTE = ("personal_data", "special_category", "lawful_basis", "sharing_agreement")


class DatasetForm(EntryForm):
    class Meta:
        model = Dataset
        fields = [
            "name",
            "holder",
            "holder_other",
            "source",
            "personal_data",
            "special_category",
            "lawful_basis",
            "sharing_agreement",
            "insights",
        ]
        widgets = {"source": forms.RadioSelect, "sharing_agreement": forms.RadioSelect}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        self.fields["holder"].help_text = "The organisation that holds (or will hold) the data."
        # A required choice shown as radios needs no blank "---------" option.
        self.fields["source"].choices = Dataset.Source.choices
        self.fields["personal_data"] = _yes_no(
            "Does it contain personal data?", "Data about identifiable living people."
        )
        self.fields["special_category"] = _yes_no(
            "Does it contain special-category data?",
            "For example health, ethnicity, religion or sexual orientation (UK GDPR Article 9).",
        )
        self.fields["lawful_basis"].help_text = "Needed when the dataset holds personal data."
        if hasattr(self.instance, "sharing"):  # its sharing route decides these from now on
            for name in SET_BY_SHARING_ROUTE:
                self.fields[name].disabled = True
                self.fields[
                    name
                ].help_text = (
                    "Set by the dataset's sharing route: change the route's answers instead."
                )
        self.fields["insights"] = _links_field(
            project.insights.all(),
            "Insights it feeds",
            "Tick every insight (data product) this dataset is needed for.",
            "Choose the insight(s) this dataset feeds: every dataset must feed an insight.",
        )

    def clean(self):
        cleaned = super().clean()
        holder, other = cleaned.get("holder"), cleaned.get("holder_other", "").strip()
        if not holder and not other:
            self.add_error("holder", "Choose the holder organisation, or name it below.")
        elif holder and other:
            self.add_error("holder_other", "Choose an organisation from the list or name one.")
        if cleaned.get("special_category") and cleaned.get("personal_data") is False:
            self.add_error(
                "personal_data", "Special-category data is personal data: answer yes here."
            )
        if cleaned.get("personal_data") is False and cleaned.get("lawful_basis"):
            self.add_error(
                "lawful_basis", "A lawful basis is only needed for personal data: leave it empty."
            )
        return cleaned


class EthicsForm(VersionedForm):
    """LOTI's ethics questions and, for each of the five principles, a rating, the risks and
    the mitigations. Everything may be saved as a draft; completing the stage needs it all."""

    def __init__(self, *args, assessment: EthicsAssessment | None, principles, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("legal_use", "trust", "limitations"):
            model_field = EthicsAssessment._meta.get_field(name)
            self.fields[name] = model_field.formfield(
                widget=forms.Textarea(attrs={"rows": 3}), required=False
            )
            self.fields[name].label = str(model_field.verbose_name).capitalize()
            if assessment is not None:
                self.initial.setdefault(name, getattr(assessment, name))
        by_principle = {row.principle: row for row in principles}
        fieldsets = []
        for principle in Principle:
            row = by_principle.get(principle.value)
            prefix = principle.value
            self.fields[f"{prefix}_rating"] = forms.ChoiceField(
                label="Rating",
                choices=[("", "Not yet rated"), *PrincipleAssessment.Rating.choices],
                required=False,
            )
            for part in ("risks", "mitigations"):
                self.fields[f"{prefix}_{part}"] = forms.CharField(
                    label=part.capitalize(),
                    widget=forms.Textarea(attrs={"rows": 2}),
                    max_length=PrincipleAssessment._meta.get_field(part).max_length,
                    required=False,
                )
            if row is not None:
                for part in ("rating", "risks", "mitigations"):
                    self.initial.setdefault(f"{prefix}_{part}", getattr(row, part))
            fieldsets.append(
                Fieldset(
                    principle.label,
                    HTML(
                        format_html(
                            '<p class="form-text mt-0">{}</p>', PRINCIPLE_GUIDANCE[principle]
                        )
                    ),
                    f"{prefix}_rating",
                    f"{prefix}_risks",
                    f"{prefix}_mitigations",
                    css_class="principle border rounded p-3 mb-3",
                    id=f"principle-{prefix}",
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "version",
            Fieldset("LOTI's questions", "legal_use", "trust", "limitations"),
            HTML('<h3 class="h5 mt-4">LOTI\'s five data ethics principles</h3>'),
            *fieldsets,
        )

    @property
    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("legal_use", "trust", "limitations")}

    @property
    def principles(self) -> dict[str, dict[str, str]]:
        return {
            principle.value: {
                part: self.cleaned_data[f"{principle.value}_{part}"]
                for part in ("rating", "risks", "mitigations")
            }
            for principle in Principle
        }
