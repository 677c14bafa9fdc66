"""The shared backlog's own records: triage history, private notes, interest, evaluations and
their earlier versions."""

from django.conf import settings
from django.db import models

from loti_data.accounts.models import Organisation
from loti_data.validators import storable_text
from projects.append_only import AppendOnlyModel
from projects.canvas.models import Project


class TriageChange(models.Model):
    """Append-only audit row: one triage field changed on a project, by whom, from what to what."""

    class Field(models.TextChoices):
        STATUS = "status", "Status"
        PRIORITY = "priority", "Priority"
        RANK = "rank", "Rank"
        LOTI_OWNER = "loti_owner", "LOTI owner"
        THEMES = "themes", "Themes"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="triage_changes")
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.CharField("from", max_length=500, blank=True)
    new_value = models.CharField("to", max_length=500, blank=True)
    reason = models.TextField(blank=True, validators=[storable_text])
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.old_value} → {self.new_value}"


class TriageNote(models.Model):
    """A private note by LOTI staff. Never shown, exported or emailed to anyone else."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="triage_notes")
    text = models.TextField(max_length=5000, validators=[storable_text])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note on {self.project_id} by {self.author_id}"


class Interest(models.Model):
    """An organisation's interest in joining a project. Withdrawn, accepted and declined rows
    are kept."""

    class Status(models.TextChoices):
        INTERESTED = "interested", "Interested"
        WITHDRAWN = "withdrawn", "Withdrawn"
        ACCEPTED = "accepted", "Accepted as partner"
        DECLINED = "declined", "Declined"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="project_interests"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INTERESTED)
    message = models.TextField(
        "how you could help",
        max_length=2000,
        blank=True,
        help_text="Optional: what your organisation could bring, or why it wants to join.",
        validators=[storable_text],
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(
        "why it was declined",
        max_length=1000,
        blank=True,
        help_text="The interested organisation reads this in its email and on the project page.",
        validators=[storable_text],
    )

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=models.Q(status="interested"),
                name="one_open_interest_per_organisation",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="interest_org_status")]

    def __str__(self) -> str:
        return f"{self.organisation} interested in {self.project}"


class Evaluation(models.Model):
    """What a finished project achieved and learned, as it stands now: the feedback loop of seed
    slide 31. Every version, this one included, is kept in ``EvaluationRevision``."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="evaluation")
    outcomes_achieved = models.TextField(
        max_length=5000,
        help_text="Which outcomes did the project achieve, for whom?",
        validators=[storable_text],
    )
    lessons_learned = models.TextField(
        max_length=5000,
        help_text="What would you tell another borough starting this work?",
        validators=[storable_text],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"Evaluation of {self.project}"


class EvaluationRevision(AppendOnlyModel):
    """One version of a project's evaluation, as it was recorded or revised. Never changed."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="revisions")
    outcomes_achieved = models.TextField(max_length=5000, validators=[storable_text])
    lessons_learned = models.TextField(max_length=5000, validators=[storable_text])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.evaluation} as recorded by {self.recorded_by} on {self.recorded_at:%d %b %Y}"
