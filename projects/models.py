from django.conf import settings
from django.db import models
from django.urls import reverse

from loti_data.accounts.models import Organisation
from methodology.checkpoint import ReviewState
from methodology.stages import Stage


class Theme(models.Model):
    """A policy area a project works on (housing, health, …). Rows come from a data migration."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A pan-London data project: its canvas, team and place in the shared backlog."""

    title = models.CharField(max_length=200)
    summary = models.TextField(
        "summary of the problem",
        max_length=5000,
        help_text="What problem does this project address, and for whom?",
    )
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_projects"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        default=Stage.OUTCOMES,
        help_text="The furthest stage open on the canvas (kept by the methodology services).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["stage"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])


class ProjectMembership(models.Model):
    """A person on the project's team. Only team members edit the canvas."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        EDITOR = "editor", "Editor"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) on {self.project}"


class ProjectPartner(models.Model):
    """An organisation working on the project beside the lead organisation."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="one_partnership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.project}"


# --- Ethics review (issue 4) ---------------------------------------------------------------------


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
    reasons = models.TextField(blank=True, help_text="The reasons given with the latest decision.")
    conditions = models.TextField(blank=True)
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
        from django.utils import timezone

        return (
            self.rereview_on is not None
            and self.state in (ReviewState.APPROVED, ReviewState.APPROVED_WITH_CONDITIONS)
            and self.rereview_on <= timezone.localdate()
        )


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The ethics review history is append-only.")

    def delete(self):
        raise PermissionError("The ethics review history is append-only.")


class EthicsReviewEvent(models.Model):
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
        blank=True, help_text="The submission note, the decision's reasons, or why re-review."
    )
    conditions = models.TextField(blank=True)
    rereview_on = models.DateField(null=True, blank=True)
    round = models.PositiveIntegerField(default=0)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["action", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor} on {self.created_at:%d %b %Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The ethics review history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The ethics review history is append-only.")


class EthicsEmailSent(models.Model):
    """Claimed before an ethics email goes out, so a retried task never sends it twice."""

    event = models.ForeignKey(EthicsReviewEvent, on_delete=models.PROTECT, related_name="+")
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "recipient"], name="one_email_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.sent_at:%d %b %Y %H:%M})"
