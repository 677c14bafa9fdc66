"""Forms for triage, interest and evaluation. Each has a prefix so several fit on one page."""

from django import forms

from loti_data.validators import storable_text
from projects.backlog.selectors import loti_staff_users
from projects.models import Interest, Project, Theme


class StatusForm(forms.Form):
    prefix = "status"

    status = forms.ChoiceField(label="New status", choices=Project.Status.choices)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Why: the project team sees this reason (it is emailed to them).",
    )
    duplicate_of = forms.IntegerField(
        label="Duplicate of project number",
        required=False,
        min_value=1,
        help_text="Only for “Duplicate”: the number of the original project (shown as #123).",
    )
    outcomes_achieved = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="Only for “Done”: which outcomes did the project achieve, for whom?",
    )
    lessons_learned = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="Only for “Done”: what would you tell another borough starting this work?",
    )

    def __init__(self, *args, project: Project, **kwargs):
        self.project = project
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in Project.Status.choices if value != project.status
        ]
        if hasattr(project, "evaluation"):
            self.fields["outcomes_achieved"].initial = project.evaluation.outcomes_achieved
            self.fields["lessons_learned"].initial = project.evaluation.lessons_learned

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == Project.Status.DUPLICATE:
            number = data.get("duplicate_of")
            if not number:
                self.add_error("duplicate_of", "Give the number of the project this duplicates.")
            else:
                original = Project.objects.filter(pk=number).first()
                if original is None:
                    self.add_error("duplicate_of", f"There is no project #{number}.")
                data["duplicate_of_project"] = original
        if status == Project.Status.DONE and not hasattr(self.project, "evaluation"):
            for name, label in (
                ("outcomes_achieved", "the outcomes achieved"),
                ("lessons_learned", "the lessons learned"),
            ):
                if not (data.get(name) or "").strip():
                    self.add_error(name, f"A finished project needs {label}.")
        return data


class TriageForm(forms.Form):
    prefix = "triage"

    priority = forms.TypedChoiceField(choices=Project.Priority.choices, coerce=int)
    loti_owner = forms.ModelChoiceField(
        label="LOTI owner", queryset=None, required=False, empty_label="No owner yet"
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, project: Project, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "priority": project.priority,
                "loti_owner": project.loti_owner_id,
                "themes": list(project.themes.all()),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["loti_owner"].queryset = loti_staff_users()


class RankForm(forms.Form):
    prefix = "rank"

    position = forms.IntegerField(
        label="Move to position", min_value=1, help_text="1 is the top of the backlog."
    )


class NoteForm(forms.Form):
    prefix = "note"

    text = forms.CharField(
        label="Private note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="Only LOTI staff ever see these notes.",
    )


class InterestForm(forms.ModelForm):
    prefix = "interest"

    class Meta:
        model = Interest
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 2})}


class DeclineInterestForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining?",
        max_length=1000,
        validators=[storable_text],
        error_messages={"required": "Say why you are declining, so the organisation knows."},
    )


class LessonsFilterForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", "Any theme"),
            *Theme.objects.values_list("slug", "name"),
        ]
