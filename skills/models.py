# The capability model, jobs library, salary benchmarks and data networks live here.
#
# Capability model and jobs library (issue 6): frameworks, skills with a description per
# proficiency level, role families → roles → role levels and the skills each level needs;
# organisations' salary ranges and hard-to-fill flags. Library admins keep the library in the
# Django admin; members read it and write their own organisation's salary and recruitment entries.
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from loti_data.accounts.models import Organisation


class Proficiency(models.IntegerChoices):
    """The four skill levels of the government framework, in order, so levels can be compared."""

    AWARENESS = 1, "Awareness"
    WORKING = 2, "Working"
    PRACTITIONER = 3, "Practitioner"
    EXPERT = 4, "Expert"


class SkillGroup(models.TextChoices):
    DIGITAL = "digital", "Digital"
    DATA = "data", "Data"
    INNOVATION = "innovation", "Innovation"


class Framework(models.Model):
    """A capability framework: the government Digital and Data one, or LOTI's own."""

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(blank=True)
    source_url = models.URLField(
        "source", blank=True, help_text="Where the framework is published."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FrameworkImport(models.Model):
    """History: an import of the framework's CSV that changed the library (append-only)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField()
    summary = models.TextField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.framework} import, {self.imported_at:%d %b %Y %H:%M}"


class Skill(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=200)
    group = models.CharField(
        max_length=20,
        choices=SkillGroup.choices,
        default=SkillGroup.DIGITAL,
        help_text="Set from the role family when a skill is first imported; imports never "
        "change it afterwards, so a correction made here stays.",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="skill_unique_in_framework")
        ]
        indexes = [models.Index(fields=["group"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:skill_detail", args=[self.pk])


class SkillLevelDescription(models.Model):
    """What someone can do with a skill at one proficiency level."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="level_descriptions")
    level = models.PositiveSmallIntegerField(choices=Proficiency.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["skill", "level"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="one_description_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_level_display()})"


class RoleFamily(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="families")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "role families"
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="family_unique_in_framework")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    family = models.ForeignKey(RoleFamily, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["family", "name"], name="role_unique_in_family")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:role_detail", args=[self.pk])


class RoleLevel(models.Model):
    """One step of a role's career path, e.g. senior data analyst."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Seniority within the role: lower comes first (associate … principal)."
    )
    role_type = models.CharField(
        max_length=150,
        blank=True,
        help_text="The framework's 'role type', e.g. whether the level is a Senior Civil "
        "Service role.",
    )
    skills = models.ManyToManyField(Skill, through="RoleLevelSkill", related_name="role_levels")

    class Meta:
        ordering = ["role", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "name"], name="level_unique_in_role")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:role_level", args=[self.pk])


class RoleLevelSkill(models.Model):
    """A skill a role level needs, at a proficiency level."""

    role_level = models.ForeignKey(RoleLevel, on_delete=models.CASCADE, related_name="needs")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="needed_by")
    level = models.PositiveSmallIntegerField(choices=Proficiency.choices)

    class Meta:
        ordering = ["role_level", "skill__name"]
        verbose_name = "skill needed"
        verbose_name_plural = "skills needed"
        constraints = [
            models.UniqueConstraint(fields=["role_level", "skill"], name="skill_once_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.role_level}: {self.skill} ({self.get_level_display()})"


class SalarySource(models.TextChoices):
    ADVERTISED = "advertised", "Advertised"
    ACTUAL = "actual", "Actual"


class SalarySubmission(models.Model):
    """One organisation's salary range for a role level in a year.

    Figures are confidential to the organisation (and library admins): everyone else only ever
    sees aggregates over at least ``MIN_ORGANISATIONS`` organisations (see skills/salaries.py).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="salary_submissions"
    )
    role_level = models.ForeignKey(
        RoleLevel, on_delete=models.CASCADE, related_name="salary_submissions"
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    minimum = models.PositiveIntegerField("minimum (£ a year)")
    maximum = models.PositiveIntegerField("maximum (£ a year)")
    source = models.CharField(max_length=20, choices=SalarySource.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "role_level__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role_level", "year", "source"],
                name="one_salary_range_per_org_level_year_source",
                violation_error_message="Your organisation has already given a range from this "
                "source for this role level and year: change that one instead.",
            ),
            models.CheckConstraint(
                condition=models.Q(minimum__lte=models.F("maximum")),
                name="salary_minimum_not_above_maximum",
                violation_error_message="The minimum must not be more than the maximum.",
            ),
        ]
        indexes = [models.Index(fields=["role_level", "year"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role_level} {self.year} ({self.get_source_display()})"

    def clean(self) -> None:
        super().clean()
        from skills.salaries import salary_range_problems

        problems = salary_range_problems(year=self.year, minimum=self.minimum, maximum=self.maximum)
        if problems:
            raise ValidationError(problems)

    @property
    def midpoint(self) -> float:
        return (self.minimum + self.maximum) / 2


class SalaryRangeEvent(models.Model):
    """History: every create, change and deletion of a salary range (append-only).

    Keeps the figures as they were after the action, so a deleted range is still on record.
    Library admins read it in the Django admin; members never see it.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"

    submission = models.ForeignKey(
        SalarySubmission, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role_level = models.ForeignKey(RoleLevel, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    minimum = models.PositiveIntegerField()
    maximum = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=SalarySource.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.organisation}, {self.role_level} {self.year}"


class DifficultyReason(models.TextChoices):
    PAY = "pay", "Pay"
    SKILLS_SCARCITY = "skills_scarcity", "Skills scarcity"
    OTHER = "other", "Other"


class HardToFillFlag(models.Model):
    """An organisation struggles to recruit for a role level."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hard_to_fill_flags"
    )
    role_level = models.ForeignKey(
        RoleLevel, on_delete=models.CASCADE, related_name="hard_to_fill_flags"
    )
    reason = models.CharField(max_length=20, choices=DifficultyReason.choices)
    note = models.TextField(
        blank=True, max_length=1000, help_text="Optional: what makes it hard (kept to LOTI)."
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "hard-to-fill flag"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role_level"], name="one_flag_per_org_and_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role_level} ({self.get_reason_display()})"


# --- Data networks and meet-ups (issue 7) ---
# Networks, their members, meet-ups with an agenda, RSVPs with a waiting list, reminders and an
# outbox of emails. Services live in skills/network_services.py; nothing here changes state.


class Network(models.Model):
    """A LOTI data network (Data Leaders, Data Managers, Data Scientists)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    purpose = models.TextField(max_length=4000, help_text="Who the network is for and why.")
    cadence = models.CharField(
        max_length=120, blank=True, help_text="How often it meets, e.g. “Monthly, online”."
    )
    position = models.PositiveSmallIntegerField(default=0)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="NetworkMembership", related_name="data_networks"
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:network_detail", args=[self.slug])


class NetworkMembership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="one_network_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.network}"


class Meetup(models.Model):
    """One meet-up of a network. Times are stored in UTC and shown in Europe/London."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="meetups")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    location = models.CharField(
        "place", max_length=300, blank=True, help_text="Address or room, if people meet in person."
    )
    online_url = models.URLField(
        "online link", max_length=500, blank=True, help_text="Teams, Zoom or Meet link."
    )
    description = models.TextField(max_length=10000, blank=True)
    tips = models.TextField(
        "practical tips",
        max_length=4000,
        blank=True,
        help_text="What attendees should know: how to get in, what to prepare, accessibility.",
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Most people who can come. Leave empty for no limit; others join a waiting list.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(max_length=2000, blank=True)
    # Calendar identity: the UID never changes, SEQUENCE grows with every change people see.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meetup_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse("skills:meetup_detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def ical_uid(self) -> str:
        return f"meetup-{self.uid}@loti-data"


class AgendaItem(models.Model):
    """One line of a meet-up's agenda; the time is London wall-clock time on the day."""

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    starts_at = models.TimeField("time")
    title = models.CharField(max_length=200)
    presenter = models.CharField(
        max_length=150, blank=True, help_text="Free text: a name or a role, e.g. “LOTI”."
    )
    organisation = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["position", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M} {self.title}"


class ReminderOffset(models.TextChoices):
    """How long before a meet-up a reminder goes. Days count in London wall-clock time."""

    DAYS_14 = "14d", "14 days before"
    DAYS_7 = "7d", "7 days before"
    DAYS_3 = "3d", "3 days before"
    DAYS_1 = "1d", "1 day before"
    HOURS_2 = "2h", "2 hours before"
    HOURS_1 = "1h", "1 hour before"


DEFAULT_REMINDER_OFFSETS = [ReminderOffset.DAYS_7, ReminderOffset.DAYS_1]


class Reminder(models.Model):
    """A reminder of a meet-up, due at ``due_at``. ``round`` grows each time it is re-armed
    (a reschedule), so people are reminded again of the new time but never twice of one."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting until due"
        DISPATCHED = "dispatched", "Emails queued"
        SKIPPED = "skipped", "Skipped (due before it was armed, or meet-up over)"
        REMOVED = "removed", "Removed by the organiser"

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="reminders")
    offset = models.CharField(max_length=4, choices=ReminderOffset.choices)
    due_at = models.DateTimeField()
    round = models.PositiveIntegerField(default=1)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    dispatched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["meetup", "offset"], name="one_reminder_per_offset")
        ]
        # The sweep reads only pending rows that are due: past reminders never slow it down.
        indexes = [models.Index(fields=["state", "due_at"], name="reminder_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_offset_display()} {self.meetup}"


class Rsvp(models.Model):
    class Status(models.TextChoices):
        GOING = "going", "Going"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANT_GO = "cant_go", "Can't go"

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetup_rsvps"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    responded_at = models.DateTimeField(default=timezone.now)
    waitlisted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["responded_at"]
        constraints = [models.UniqueConstraint(fields=["meetup", "user"], name="one_rsvp")]
        indexes = [models.Index(fields=["meetup", "status", "waitlisted_at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_status_display()} ({self.meetup})"


class NetworkEvent(models.Model):
    """Append-only history: joins, leaves, RSVPs, promotions, reschedules, cancellations."""

    class Action(models.TextChoices):
        JOINED = "joined", "Joined the network"
        LEFT = "left", "Left the network"
        MEETUP_CREATED = "meetup_created", "Meet-up created"
        MEETUP_UPDATED = "meetup_updated", "Meet-up details changed"
        MEETUP_RESCHEDULED = "meetup_rescheduled", "Meet-up rescheduled"
        MEETUP_CANCELLED = "meetup_cancelled", "Meet-up cancelled"
        RSVP = "rsvp", "Replied"
        PROMOTED = "promoted", "Promoted from the waiting list"
        CALENDAR_TOKEN_RESET = "calendar_token_reset", "Calendar link reset"

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    meetup = models.ForeignKey(
        Meetup, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person the event is about, when not the actor.",
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"


class MeetupEmail(models.Model):
    """The outbox: one row per email we owe someone, claimed in the database before it is sent.

    ``dedupe_key`` is unique, so a duplicate sweep, a retried task or a re-queued message can never
    create a second email for the same person, meet-up and reminder. ``queued`` rows are
    (re)enqueued, a worker claims one by moving it to ``sending`` with a conditional update, and
    only a confirmed SMTP send moves it to ``sent``, which is final.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        RESCHEDULED = "rescheduled", "Rescheduled"
        CANCELLED = "cancelled", "Cancelled"
        PROMOTED = "promoted", "Promoted from the waiting list"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Claimed by a worker"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Not needed any more"

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="emails")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetup_emails"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    reminder = models.ForeignKey(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    reminder_round = models.PositiveIntegerField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=120, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The sweep looks for stuck rows by status first: sent rows never slow it down.
        indexes = [
            models.Index(fields=["status", "queued_at"], name="meetupemail_queued_idx"),
            models.Index(fields=["status", "claimed_at"], name="meetupemail_claimed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient} ({self.get_status_display()})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address. Resetting it replaces the token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
