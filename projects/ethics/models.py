"""The ethics review of each project and its append-only history."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from loti_data.validators import storable_text
from methodology.checkpoint import APPROVALS, ReviewState
from projects.append_only import AppendOnlyModel
from projects.canvas.models import Project


class EthicsReview(models.Model):
    """The current state of a project's ethics review; its history is in EthicsReviewEvent."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="ethics_review")
    state = models.CharField(
        max_length=30, choices=ReviewState.choices, default=ReviewState.DRAFT, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ethics_reviews",
    )
    round = models.PositiveIntegerField(default=0, help_text="How many times it was submitted.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(
        blank=True,
        help_text="The reasons given with the latest decision.",
        validators=[storable_text],
    )
    conditions = models.TextField(blank=True, validators=[storable_text])
    conditions_acknowledged_at = models.DateTimeField(null=True, blank=True)
    conditions_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rereview_on = models.DateField(
        "re-review date",
        null=True,
        blank=True,
        help_text="When the approval should be looked at again.",
    )

    class Meta:
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        return f"Ethics review of {self.project} ({self.get_state_display()})"

    @property
    def conditions_acknowledged(self) -> bool:
        return self.conditions_acknowledged_at is not None

    @property
    def rereview_due(self) -> bool:
        """An approval whose re-review date has come (the queue filters on the same terms)."""
        return (
            self.rereview_on is not None
            and self.state in APPROVALS
            and self.rereview_on <= timezone.localdate()
        )


class EthicsReviewEvent(AppendOnlyModel):
    """One step of a review: who did what, when, from which state to which. Never changed."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        ASSIGNED = "assigned", "Assigned a reviewer"
        DECIDED = "decided", "Decided"
        CONDITIONS_ACKNOWLEDGED = "conditions_acknowledged", "Acknowledged the conditions"
        REREVIEW_REQUIRED = "rereview_required", "Re-review required"

    review = models.ForeignKey(EthicsReview, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    from_state = models.CharField(max_length=30, choices=ReviewState.choices)
    to_state = models.CharField(max_length=30, choices=ReviewState.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(
        blank=True,
        help_text="The submission note, the decision's reasons, or why re-review.",
        validators=[storable_text],
    )
    conditions = models.TextField(blank=True, validators=[storable_text])
    rereview_on = models.DateField(null=True, blank=True)
    round = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["action", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor} on {self.created_at:%d %b %Y}"
