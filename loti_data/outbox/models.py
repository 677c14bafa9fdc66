"""The outbox: one row per email the product owes someone. See ``loti_data/outbox/services.py``
for how a row is written, claimed, sent and swept."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class OutboxEmail(models.Model):
    """An email owed to one person. ``dedupe_key`` is unique, so a retried service, a second
    sweep or a redelivered task can never owe (or send) the same email twice. ``sent``,
    ``skipped`` and ``failed`` are final; only an admin puts a failed row back in the queue."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Claimed by a worker"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Not needed any more"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60, help_text="Which part builds it, e.g. “ethics.event”.")
    dedupe_key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox_emails"
    )
    # Ids only: the builder reads the current data at send time, so nothing private is copied.
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    available_at = models.DateTimeField(
        default=timezone.now, help_text="Not sent before this time (back-off after an error)."
    )
    doorbell_at = models.DateTimeField(
        "task due at",
        null=True,
        blank=True,
        help_text="When the last Celery message for this row is due; empty if none could be "
        "sent, so the next sweep sends one.",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outbox email"
        # The sweep's lookups start with the status, so sent rows never slow it down.
        indexes = [
            models.Index(fields=["status", "available_at"], name="outbox_due_idx"),
            models.Index(fields=["status", "claimed_at"], name="outbox_claimed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient} ({self.get_status_display()})"
