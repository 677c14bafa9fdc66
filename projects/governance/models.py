"""A dataset's sharing route (the answers to the route questions, the route they decide, the
agreement's sign-off) and its append-only history."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from loti_data.validators import storable_text
from projects.append_only import AppendOnlyModel
from projects.canvas.models import Dataset
from projects.governance.routes import (
    Answers,
    Article9,
    Controller,
    Frequency,
    Identifiable,
    LawfulBasis,
    Route,
    Schedule1,
)


class SignOff(models.TextChoices):
    """Where an agreement's sign-off stands."""

    NOT_NEEDED = "not_needed", "No agreement needed"
    DRAFT = "draft", "Draft: sign-off not requested"
    REQUESTED = "requested", "Waiting for the holder's sign-off"
    HOLDER_APPROVED = "holder_approved", "Waiting for the DPO's sign-off"
    SIGNED = "signed", "Signed off"
    DECLINED = "declined", "Declined"


class DataSharing(models.Model):
    """One dataset's sharing route: the answers, the route, the agreement and its sign-off.

    ``version`` moves on with every change, so a stale form or a replayed sign-off is refused.
    """

    dataset = models.OneToOneField(Dataset, on_delete=models.CASCADE, related_name="sharing")
    identifiable = models.CharField(max_length=10, choices=Identifiable.choices)
    special_category = models.BooleanField(default=False)
    criminal_offence = models.BooleanField(default=False)
    controller = models.CharField(max_length=10, choices=Controller.choices, blank=True)
    lawful_basis = models.CharField(max_length=30, choices=LawfulBasis.choices, blank=True)
    article9 = models.CharField(
        "Article 9 condition", max_length=2, choices=Article9.choices, blank=True
    )
    schedule1 = models.CharField(
        "Schedule 1 condition", max_length=3, choices=Schedule1.choices, blank=True
    )
    aggregated = models.BooleanField(default=False)
    high_risk = models.JSONField(default=list, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, blank=True)
    retention = models.TextField(blank=True, validators=[storable_text])
    security = models.TextField(blank=True, validators=[storable_text])
    transparency = models.TextField(blank=True, validators=[storable_text])
    review_on = models.DateField("review date", null=True, blank=True)

    route = models.CharField(max_length=10, choices=Route.choices, db_index=True)
    status = models.CharField(max_length=20, choices=SignOff.choices, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    holder_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dpo_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status", "review_on"])]

    def __str__(self) -> str:
        return f"Sharing route of {self.dataset}"

    @property
    def answers(self) -> Answers:
        return Answers(
            identifiable=self.identifiable,
            special_category=self.special_category,
            criminal_offence=self.criminal_offence,
            controller=self.controller,
            lawful_basis=self.lawful_basis,
            article9=self.article9,
            schedule1=self.schedule1,
            aggregated=self.aggregated,
            high_risk=tuple(self.high_risk or ()),
            frequency=self.frequency,
            retention=self.retention,
            security=self.security,
            transparency=self.transparency,
        )

    @property
    def expired(self) -> bool:
        """A signed agreement whose review date has passed: the dataset is flagged until the
        agreement is reviewed and signed again."""
        return (
            self.status == SignOff.SIGNED
            and self.review_on is not None
            and self.review_on < timezone.localdate()
        )

    @property
    def status_label(self) -> str:
        if self.expired:
            return f"Review overdue since {self.review_on:%d %B %Y}"
        return self.get_status_display()


class DataSharingEvent(AppendOnlyModel):
    """One step of a dataset's sharing route: who, when, from → to, why. Never changed."""

    class Action(models.TextChoices):
        ANSWERED = "answered", "Answered the route questions"
        REQUESTED = "requested", "Requested sign-off"
        HOLDER_APPROVED = "holder_approved", "Signed off for the holder"
        DPO_APPROVED = "dpo_approved", "Signed off as DPO"
        DECLINED = "declined", "Declined"
        REMINDED = "reminded", "Review reminder sent"

    sharing = models.ForeignKey(DataSharing, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=20, choices=SignOff.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=SignOff.choices)
    route = models.CharField(max_length=10, choices=Route.choices)
    note = models.TextField(blank=True, validators=[storable_text])

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} on {self.created_at:%d %b %Y}"


class ReviewReminder(models.Model):
    """A reminder that a signed agreement's review date is near, claimed once by the sweep.

    Written when an agreement is signed (one per reminder lead time); the sweep claims it with a
    conditional update, and the outbox's unique key makes each recipient's email owed once."""

    sharing = models.ForeignKey(DataSharing, on_delete=models.CASCADE, related_name="reminders")
    review_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    due_on = models.DateField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sharing", "review_on", "days_before"], name="one_reminder_per_review"
            )
        ]

    def __str__(self) -> str:
        return f"Review reminder {self.days_before} days before {self.review_on:%d %b %Y}"
