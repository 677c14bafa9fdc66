from django.conf import settings
from django.db import models
from django.urls import reverse

from loti_data.accounts.models import Organisation
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

    # --- Backlog and triage (issue 5): fields kept by projects.triage services only ---
    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        IN_PROGRESS = "in_progress", "In progress"
        ON_HOLD = "on_hold", "On hold"
        DONE = "done", "Done"
        DECLINED = "declined", "Declined"
        DUPLICATE = "duplicate", "Duplicate"

    class Priority(models.IntegerChoices):
        NOT_SET = 0, "Not set"
        LOW = 1, "Low"
        MEDIUM = 2, "Medium"
        HIGH = 3, "High"

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NOT_SET)
    rank = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Position in the backlog (1 is the top). New projects join at the bottom.",
    )
    loti_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_backlog_projects",
        verbose_name="LOTI owner",
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    interest_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Organisations interested (kept by the services)."
    )
    # --- end of backlog and triage fields ---

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["stage"]),
            # Backlog (issue 5): one index per sort key, ids as the tie-breaker.
            models.Index(fields=["rank", "id"], name="project_backlog_rank"),
            models.Index(fields=["-priority", "rank", "id"], name="project_backlog_priority"),
            models.Index(fields=["-interest_count", "rank", "id"], name="project_backlog_interest"),
            models.Index(fields=["-updated_at", "id"], name="project_backlog_updated"),
            models.Index(fields=["-created_at", "id"], name="project_backlog_created"),
            models.Index(fields=["status", "rank", "id"], name="project_backlog_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Backlog (issue 5): a new project joins the bottom of the ranked backlog.
        if self._state.adding and self.rank is None:
            top = Project.objects.aggregate(models.Max("rank"))["rank__max"] or 0
            self.rank = top + 1
        super().save(*args, **kwargs)

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


# --- Backlog and triage (issue 5) ---


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
    reason = models.TextField(blank=True)
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
    text = models.TextField(max_length=5000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note on {self.project_id} by {self.author_id}"


class Interest(models.Model):
    """An organisation's interest in joining a project. Withdrawn or accepted rows are kept."""

    class Status(models.TextChoices):
        INTERESTED = "interested", "Interested"
        WITHDRAWN = "withdrawn", "Withdrawn"
        ACCEPTED = "accepted", "Accepted as partner"

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
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

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
    """What a finished project achieved and learned: the feedback loop of seed slide 31."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="evaluation")
    outcomes_achieved = models.TextField(
        max_length=5000, help_text="Which outcomes did the project achieve, for whom?"
    )
    lessons_learned = models.TextField(
        max_length=5000, help_text="What would you tell another borough starting this work?"
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
