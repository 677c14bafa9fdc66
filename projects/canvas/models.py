"""The project, its team and partners, and its canvas: one row of state per stage, the
structured entries of each stage and their history. The rules for moving between stages live in
``methodology``, not here."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from loti_data.accounts.models import Organisation
from loti_data.validators import single_line, storable_text
from methodology.stages import STAGE_ORDER, Principle, Stage
from projects.governance.routes import LawfulBasis


class Theme(models.Model):
    """A policy area a project works on (housing, health, …). Rows come from a data migration."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=80, unique=True, validators=[single_line])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A pan-London data project: its canvas, team and place in the shared backlog."""

    title = models.CharField(max_length=200, validators=[single_line])
    summary = models.TextField(
        "summary of the problem",
        max_length=5000,
        help_text="What problem does this project address, and for whom?",
        validators=[storable_text],
    )
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_projects"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        default=STAGE_ORDER[0],
        help_text="The furthest stage open on the canvas (kept by the methodology services).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # --- Backlog and triage: fields kept by the projects.backlog.services services only ---
    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        IN_PROGRESS = "in_progress", "In progress"
        ON_HOLD = "on_hold", "On hold"
        DONE = "done", "Done"
        DECLINED = "declined", "Declined"
        DUPLICATE = "duplicate", "Duplicate"

        # The groups of statuses the backlog's rules speak of (projects/backlog/rules.py).
        @classmethod
        def closed(cls) -> frozenset["Project.Status"]:
            """Finished with, one way or another: no longer looking for partners."""
            return frozenset({cls.DONE, cls.DECLINED, cls.DUPLICATE})

        @classmethod
        def under_way(cls) -> frozenset["Project.Status"]:
            """Accepted into LOTI's programme and being worked on."""
            return frozenset({cls.ACCEPTED, cls.IN_PROGRESS})

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
    replicated_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replicas",
        help_text="The project this one copied into its organisation (kept by the services).",
    )
    interest_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Organisations interested (kept by the services)."
    )
    # --- end of backlog and triage fields ---

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["stage"]),
            # The backlog: one index per sort key, ids as the tie-breaker.
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
        # A new project joins the bottom of the ranked backlog.
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


# ---------------------------------------------------------------------------------------------
# The canvas: one row of state per stage, the structured entries of each stage, and history.
# The rules for moving between stages live in methodology/workflow.py, not here.
# ---------------------------------------------------------------------------------------------

SHORT_TEXT = 300
LONG_TEXT = 3000


class StageState(models.Model):
    """Where one stage of one project's canvas stands.

    ``version`` goes up by one on every change to the stage; a save that was started from an
    older version is refused (optimistic concurrency), so nobody overwrites a colleague silently.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_states")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    version = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="one_state_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_stage_display()} (v{self.version})"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class CanvasEntry(models.Model):
    """Common parts of a structured canvas entry. ``STAGE`` says which stage it belongs to."""

    STAGE: Stage

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["pk"]

    @property
    def anchor(self) -> str:
        """The element id of this entry on pages (and the target of its missing items)."""
        return f"{self._meta.model_name}-{self.pk}"


class Outcome(CanvasEntry):
    STAGE = Stage.OUTCOMES

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    who = models.CharField(
        "who is better off",
        max_length=SHORT_TEXT,
        help_text="Which specific people? For example: people sleeping rough in Camden.",
        validators=[single_line],
    )
    how = models.TextField(
        "in what way",
        max_length=LONG_TEXT,
        help_text="How will their lives be better because we acted?",
        validators=[storable_text],
    )
    measure = models.TextField(
        "how we would know",
        max_length=LONG_TEXT,
        blank=True,
        help_text="The sign or measure that would show the outcome is achieved.",
        validators=[storable_text],
    )

    class Meta(CanvasEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.who


class Action(CanvasEntry):
    STAGE = Stage.ACTIONS

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    actor = models.CharField(
        "who",
        max_length=SHORT_TEXT,
        help_text="Who could act differently? For example: outreach workers.",
        validators=[single_line],
    )
    change = models.TextField(
        "could do what differently",
        max_length=LONG_TEXT,
        help_text="What would they do differently if they had better information?",
        validators=[storable_text],
    )
    intervention = models.TextField(
        "the intervention",
        max_length=LONG_TEXT,
        blank=True,
        help_text="The service change or intervention this action is part of.",
        validators=[storable_text],
    )
    outcomes = models.ManyToManyField(Outcome, related_name="actions")

    class Meta(CanvasEntry.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.actor}: {self.change}"[:120]


class Insight(CanvasEntry):
    STAGE = Stage.INSIGHTS

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="insights")
    title = models.CharField(
        "data product",
        max_length=200,
        help_text="A short name for the data product, e.g. 'Weekly rough sleeping hotspot map'.",
        validators=[single_line],
    )
    screen = models.TextField(
        "what would be on the screen",
        max_length=LONG_TEXT,
        blank=True,
        help_text="What would people see: the map, list, alert or report, and what it shows.",
        validators=[storable_text],
    )
    actions = models.ManyToManyField(Action, related_name="insights")

    class Meta(CanvasEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class Enabler(CanvasEntry):
    STAGE = Stage.ENABLERS

    class Kind(models.TextChoices):
        SKILLS = "skills", "Skills"
        PROCESS = "process", "Process"
        TECHNOLOGY = "technology", "Technology"
        GOVERNANCE = "governance", "Governance"
        FUNDING = "funding", "Funding"
        PARTNERSHIP = "partnership", "Partnership"
        OTHER = "other", "Other"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="enablers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    need = models.TextField(
        "what is needed",
        max_length=LONG_TEXT,
        help_text="What must be in place, and who could provide it?",
        validators=[storable_text],
    )

    class Meta(CanvasEntry.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.need}"[:120]


class EthicsAssessment(models.Model):
    """The Ethics stage's answers to LOTI's questions (one per project)."""

    STAGE = Stage.ETHICS

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="ethics")
    legal_use = models.TextField(
        "can we access and use the data legally and ethically?",
        max_length=LONG_TEXT,
        blank=True,
        help_text="The legal gateway, the lawful basis and any agreements you rely on.",
        validators=[storable_text],
    )
    trust = models.TextField(
        "is this project worthy of citizens' trust?",
        max_length=LONG_TEXT,
        blank=True,
        help_text="How would residents react if they knew? How will you tell them?",
        validators=[storable_text],
    )
    limitations = models.TextField(
        "just because we can, should we? Limitations and unintended negative impacts",
        max_length=LONG_TEXT,
        blank=True,
        help_text="Who could be harmed or left out by acting on this data, and how?",
        validators=[storable_text],
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Ethics assessment of {self.project}"


class PrincipleAssessment(models.Model):
    """One of the five principles assessed for a project: a rating, the risks, the mitigations."""

    class Rating(models.TextChoices):
        LOW = "low", "Low risk"
        MEDIUM = "medium", "Medium risk"
        HIGH = "high", "High risk"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="principle_assessments"
    )
    principle = models.CharField(max_length=20, choices=Principle.choices)
    rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    risks = models.TextField(max_length=LONG_TEXT, blank=True, validators=[storable_text])
    mitigations = models.TextField(max_length=LONG_TEXT, blank=True, validators=[storable_text])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "principle"], name="one_assessment_per_principle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_principle_display()} · {self.project}"


class Dataset(CanvasEntry):
    STAGE = Stage.DATA

    class Source(models.TextChoices):
        EXISTING = "existing", "Existing data we hold"
        OTHER_ORGANISATION = "other_organisation", "From another organisation"
        NEW = "new", "New data to collect"

    # One list of Article 6 bases for the canvas and the sharing route that may later decide it.
    LawfulBasis = LawfulBasis

    class SharingAgreement(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed"
        NOT_STARTED = "not_started", "Not started"
        IN_DRAFT = "in_draft", "In draft"
        SIGNED = "signed", "Signed"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="datasets")
    name = models.CharField(max_length=200, validators=[single_line])
    holder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="holder organisation",
    )
    holder_other = models.CharField(
        "other holder",
        max_length=200,
        blank=True,
        help_text="If the holder is not in the list (e.g. a charity or company), name it here.",
        validators=[single_line],
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    personal_data = models.BooleanField("contains personal data", default=False)
    special_category = models.BooleanField("contains special-category data", default=False)
    lawful_basis = models.CharField(
        max_length=30, choices=LawfulBasis.choices, blank=True, default=""
    )
    sharing_agreement = models.CharField(
        "data sharing agreement",
        max_length=20,
        choices=SharingAgreement.choices,
        default=SharingAgreement.NOT_NEEDED,
    )
    insights = models.ManyToManyField(Insight, related_name="datasets")

    class Meta(CanvasEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.name

    @property
    def holder_name(self) -> str:
        return str(self.holder) if self.holder_id else self.holder_other


class StageEvent(models.Model):
    """History: who changed what on which stage, and when. Append-only.

    ``stage`` is blank for changes to the project itself (details, team, partners). ``changes``
    is a list of ``[field, before, after]`` so the page can show exactly what changed.
    """

    class Kind(models.TextChoices):
        CREATED = "created", "Added"
        UPDATED = "updated", "Changed"
        DELETED = "deleted", "Removed"
        COMPLETED = "completed", "Completed the stage"
        REOPENED = "reopened", "Stage back in progress"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="The stage's version after this change."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["project", "stage", "version"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"
