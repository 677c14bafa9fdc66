"""The data networks: members, meet-ups with an agenda, RSVPs with a waiting list, reminders
and calendar feeds; their emails are rows of the product's outbox (``loti_data.outbox``).
Services change them; nothing here changes state."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from loti_data.validators import single_line, storable_text


class Network(models.Model):
    """A LOTI data network (Data Leaders, Data Managers, Data Scientists)."""

    name = models.CharField(max_length=120, unique=True, validators=[single_line])
    slug = models.SlugField(max_length=120, unique=True)
    purpose = models.TextField(
        max_length=4000, help_text="Who the network is for and why.", validators=[storable_text]
    )
    cadence = models.CharField(
        max_length=120,
        blank=True,
        help_text="How often it meets, e.g. “Monthly, online”.",
        validators=[single_line],
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
    title = models.CharField(max_length=200, validators=[single_line])
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    location = models.CharField(
        "place",
        max_length=300,
        blank=True,
        help_text="Address or room, if people meet in person.",
        validators=[single_line],
    )
    online_url = models.URLField(
        "online link", max_length=500, blank=True, help_text="Teams, Zoom or Meet link."
    )
    description = models.TextField(max_length=10000, blank=True, validators=[storable_text])
    tips = models.TextField(
        "practical tips",
        max_length=4000,
        blank=True,
        help_text="What attendees should know: how to get in, what to prepare, accessibility.",
        validators=[storable_text],
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Most people who can come. Leave empty for no limit; others join a waiting list.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(max_length=2000, blank=True, validators=[storable_text])
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
    title = models.CharField(max_length=200, validators=[single_line])
    presenter = models.CharField(
        max_length=150,
        blank=True,
        help_text="Free text: a name or a role, e.g. “LOTI”.",
        validators=[single_line],
    )
    organisation = models.CharField(max_length=150, blank=True, validators=[single_line])

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
