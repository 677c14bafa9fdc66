from django import forms
from django.utils import timezone

from methodology.checkpoint import Decision, ReviewState


class SubmitForReviewForm(forms.Form):
    note = forms.CharField(
        label="Note for the reviewer (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example what changed since the last review.",
    )


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(queryset=None, label="Reviewer")

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The team and other boroughs (in the register of decisions) will read these.",
    )
    conditions = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only for an approval with conditions: what the team must do or respect.",
    )
    rereview_on = forms.DateField(
        label="Re-review date (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For an approval: when the project should be reviewed again.",
    )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == Decision.APPROVE_WITH_CONDITIONS and not data.get("conditions", "").strip():
            self.add_error("conditions", "List the conditions of the approval.")
        rereview_on = data.get("rereview_on")
        if rereview_on:
            if decision not in (ReviewState.APPROVED, ReviewState.APPROVED_WITH_CONDITIONS):
                self.add_error("rereview_on", "Only an approval has a re-review date.")
            elif rereview_on <= timezone.localdate():
                self.add_error("rereview_on", "The re-review date must be in the future.")
        return data


class QueueFilterForm(forms.Form):
    SHOW_CHOICES = [
        ("open", "Waiting for a decision"),
        (ReviewState.SUBMITTED, "Submitted, no reviewer yet"),
        (ReviewState.IN_REVIEW, "In review"),
        ("rereview_due", "Due for re-review"),
        (ReviewState.REREVIEW_REQUIRED, "Changed after approval"),
    ]
    show = forms.ChoiceField(choices=SHOW_CHOICES, required=False, label="Show")
    mine = forms.BooleanField(required=False, label="Assigned to me")
