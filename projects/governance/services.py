"""Every change to a dataset's sharing route, in one module.

Each service asks ``projects.governance.rules`` whether the person (``by``) may act, refuses a
stale form or a replay (``version`` is the one the person saw), saves in a transaction, writes an
append-only ``DataSharingEvent`` (who, when, from → to, why), sets the dataset's
``sharing_agreement`` to what the sign-off means, and owes the emails about it to the outbox.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from loti_data.accounts.models import User
from loti_data.errors import NotAllowed, RuleError
from loti_data.outbox.services import owe
from projects.canvas import rules as canvas_rules
from projects.canvas.models import Dataset
from projects.canvas.selectors import Canvas
from projects.governance import emails, rules
from projects.governance.models import DataSharing, DataSharingEvent, ReviewReminder, SignOff
from projects.governance.routes import Answers, check, decide, needs_agreement, needs_dpo


class SharingError(RuleError):
    """A change the route or its sign-off does not allow now; shown to the person as it is."""


class SharingNotAllowed(NotAllowed):
    """Refused because of who asks: a 403 unless a caller handles it."""


class InvalidAnswers(SharingError):
    """The answers are incomplete or contradict each other: ``errors`` by question."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("Some answers are missing or contradict each other.")
        self.errors = errors


STALE = (
    "This changed since you opened the page ({what}). Nothing was saved: look at it again "
    "and decide."
)


def _record(sharing, *, action, by, from_status, note="") -> DataSharingEvent:
    return DataSharingEvent.objects.create(
        sharing=sharing,
        action=action,
        actor=by,
        from_status=from_status,
        to_status=sharing.status,
        route=sharing.route,
        note=note,
    )


def _follow(sharing: DataSharing) -> None:
    """The dataset's agreement status follows the sign-off, and its data protection answers
    on the Data stage follow the route's, so the canvas and the route never disagree."""
    facts = {
        "sharing_agreement": rules.dataset_status(sharing),
        "personal_data": sharing.answers.personal,
        "special_category": sharing.special_category,
        "lawful_basis": sharing.lawful_basis,
    }
    Dataset.objects.filter(pk=sharing.dataset_id).update(**facts)
    for name, value in facts.items():
        setattr(sharing.dataset, name, value)


def _locked(sharing: DataSharing, version: int | None) -> DataSharing:
    fresh = (
        DataSharing.objects.select_for_update(of=("self",))
        .select_related("dataset__project", "dataset__holder")
        .get(pk=sharing.pk)
    )
    if version is not None and fresh.version != version:
        last = fresh.events.order_by("-created_at", "-pk").first()
        what = (
            f"{last.get_action_display().lower()} by {last.actor or 'the product'}"
            if last
            else "changed"
        )
        raise SharingError(STALE.format(what=what))
    return fresh


@transaction.atomic
def route_answer(
    *,
    dataset: Dataset,
    by: User,
    answers: Answers,
    review_on: date | None,
    version: int | None = None,
) -> DataSharing:
    """The team answers (or changes) the route questions; the route follows from the table.

    Changing the answers of an agreement that was signed or waiting for sign-off withdraws it:
    the new answers need a new sign-off."""
    canvas = Canvas(dataset.project)
    if not rules.may_answer(by, dataset, canvas.statuses):
        raise SharingNotAllowed("Only the project's team answers, while the Data stage is open.")
    if errors := check(answers):
        raise InvalidAnswers(errors)
    decision = decide(answers)
    if needs_agreement(decision.route):
        if review_on is None:
            raise InvalidAnswers({"review_on": "An agreement needs a review date."})
        if review_on <= timezone.localdate():
            raise InvalidAnswers({"review_on": "The review date must be in the future."})
    existing = DataSharing.objects.filter(dataset=dataset).first()
    if existing is not None:
        sharing = _locked(existing, version)
    else:
        if version not in (None, 0):
            raise SharingError(STALE.format(what="its route was removed"))
        sharing = DataSharing(dataset=dataset, version=0, status="")
    from_status = sharing.status
    for name in Answers.__dataclass_fields__:
        value = getattr(answers, name)
        setattr(sharing, name, list(value) if name == "high_risk" else value)
    sharing.review_on = review_on if needs_agreement(decision.route) else None
    sharing.route = decision.route
    sharing.status = SignOff.DRAFT if needs_agreement(decision.route) else SignOff.NOT_NEEDED
    sharing.requested_by = sharing.holder_signed_by = sharing.dpo_signed_by = None
    sharing.signed_at = None
    sharing.version += 1
    sharing.dataset = dataset
    sharing.save()
    note = ""
    if from_status in (SignOff.REQUESTED, SignOff.HOLDER_APPROVED, SignOff.SIGNED):
        note = "The answers changed, so the earlier sign-off no longer applies."
    _record(
        sharing, action=DataSharingEvent.Action.ANSWERED, by=by, from_status=from_status, note=note
    )
    _follow(sharing)
    return sharing


@transaction.atomic
def signoff_request(*, sharing: DataSharing, by: User, version: int) -> DataSharing:
    """The team asks the holder organisation to sign the agreement off."""
    sharing = _locked(sharing, version)
    if not canvas_rules.may_edit(by, sharing.dataset.project):
        raise SharingNotAllowed("Only the project's team asks for sign-off.")
    if refusal := rules.request_refusal(by, sharing):
        raise SharingError(refusal)
    from_status = sharing.status
    sharing.status = SignOff.REQUESTED
    sharing.requested_by = by
    sharing.holder_signed_by = sharing.dpo_signed_by = None
    sharing.signed_at = None
    sharing.version += 1
    sharing.save()
    event = _record(
        sharing, action=DataSharingEvent.Action.REQUESTED, by=by, from_status=from_status
    )
    _owe_event(event, rules.who_signs(sharing))
    _follow(sharing)
    return sharing


@transaction.atomic
def signoff_decide(
    *, sharing: DataSharing, by: User, version: int, approve: bool, reasons: str
) -> DataSharing:
    """A person of the holder organisation approves or declines, with reasons; where the
    route needs it, the holder's DPO signs second."""
    sharing = _locked(sharing, version)
    if refusal := rules.signoff_refusal(by, sharing):
        if rules.is_holder_person(by, sharing.dataset):
            raise SharingError(refusal)
        raise SharingNotAllowed(refusal)
    reasons = reasons.strip()
    if not reasons:
        raise SharingError("Give your reasons: the team and the register read them.")
    from_status = sharing.status
    Action = DataSharingEvent.Action
    if not approve:
        sharing.status = SignOff.DECLINED
        action = Action.DECLINED
    elif from_status == SignOff.REQUESTED:
        sharing.holder_signed_by = by
        action = Action.HOLDER_APPROVED
        sharing.status = SignOff.HOLDER_APPROVED if needs_dpo(sharing.route) else SignOff.SIGNED
    else:
        sharing.dpo_signed_by = by
        action = Action.DPO_APPROVED
        sharing.status = SignOff.SIGNED
    if sharing.status == SignOff.SIGNED:
        sharing.signed_at = timezone.now()
    sharing.version += 1
    sharing.save()
    event = _record(sharing, action=action, by=by, from_status=from_status, note=reasons)
    recipients = _team(sharing)
    if sharing.status == SignOff.HOLDER_APPROVED:
        recipients += rules.who_signs(sharing)
    _owe_event(event, [person for person in recipients if person.pk != by.pk])
    if sharing.status == SignOff.SIGNED:
        _plan_reminders(sharing)
    _follow(sharing)
    return sharing


def _team(sharing: DataSharing) -> list[User]:
    memberships = sharing.dataset.project.memberships.select_related("user")
    return [membership.user for membership in memberships if membership.user.is_active]


def _owe_event(event: DataSharingEvent, recipients) -> None:
    owe(kind=emails.EVENT, key=str(event.pk), recipients=recipients, payload={"event": event.pk})


def _plan_reminders(sharing: DataSharing) -> None:
    if sharing.review_on is None:
        return
    for days in rules.REMINDER_DAYS:
        ReviewReminder.objects.get_or_create(
            sharing=sharing,
            review_on=sharing.review_on,
            days_before=days,
            defaults={"due_on": sharing.review_on - timedelta(days=days)},
        )


@dataclass
class SweepResult:
    reminders_sent: int = 0
    emails_queued: int = 0


def reminders_sweep(*, today: date | None = None, batch: int = 200) -> SweepResult:
    """Run every minute by the outbox's sweep: each due reminder of a signed agreement is
    claimed once (a conditional update) and owes one email to the team and the holder's
    people, keyed by reminder, so a second sweep or a second worker owes nothing more."""
    today = today or timezone.localdate()
    result = SweepResult()
    due = ReviewReminder.objects.filter(sent_at__isnull=True, due_on__lte=today).values_list(
        "pk", flat=True
    )[:batch]
    for pk in list(due):
        queued = _remind(pk)
        if queued is not None:
            result.reminders_sent += 1
            result.emails_queued += queued
    return result


@transaction.atomic
def _remind(pk: int) -> int | None:
    now = timezone.now()
    if not ReviewReminder.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=now):
        return None
    reminder = ReviewReminder.objects.select_related(
        "sharing__dataset__project", "sharing__dataset__holder"
    ).get(pk=pk)
    sharing = reminder.sharing
    if sharing.status != SignOff.SIGNED or sharing.review_on != reminder.review_on:
        return None  # signed again or withdrawn since: nothing to remind
    recipients = _team(sharing)
    if sharing.dataset.holder_id:
        recipients += list(
            User.objects.filter(organisation_id=sharing.dataset.holder_id, is_active=True)
        )
    event = _record(
        sharing,
        action=DataSharingEvent.Action.REMINDED,
        by=None,
        from_status=sharing.status,
        note=f"The agreement is due for review on {sharing.review_on:%d %B %Y}.",
    )
    return len(
        owe(
            kind=emails.REMINDER,
            key=f"{reminder.pk}",
            recipients=recipients,
            payload={"event": event.pk},
        )
    )


def sharing_for(dataset: Dataset) -> DataSharing | None:
    return DataSharing.objects.filter(dataset=dataset).first()
