"""Every state change of the data networks: joining, meet-ups, RSVPs, reminders and emails.

Emails go through an outbox (``MeetupEmail``). A row is created in the same transaction as the
change that causes it, with a unique ``dedupe_key`` (one per person, meet-up and reminder round,
reschedule, cancellation or promotion), and a Celery task is enqueued after commit. Redis is only
the doorbell: the database decides what is owed and who is sending it.

Exactly-once semantics of the send (``meetup_email_send``):

1. A worker *claims* a ``queued`` row with a conditional UPDATE (``queued`` → ``sending``) that
   commits before any SMTP traffic. Two workers, two sweeps or a duplicated task message race on
   that UPDATE and only one wins.
2. It sends; on success the row becomes ``sent``, which is final: nothing ever sends it again.
3. On an SMTP error the claim is released (back to ``queued``) and the task retries with backoff.
4. If the worker dies after claiming (SIGKILL, power cut), the row stays ``sending``. The sweep
   re-queues claims older than ``CLAIM_LEASE`` (longer than any send can take: the SMTP
   connection has a ``SMTP_TIMEOUT``), so the person still gets the email.
5. If Redis loses the task messages (restart without persistence), the sweep re-enqueues
   ``queued`` rows older than ``REQUEUE_AFTER``; duplicate messages are harmless because of (1).

The one window no protocol can close is a worker dying between the SMTP server's "250 OK" and
the confirming UPDATE (microseconds). Then the claim is retried after the lease, and the message
carries the same deterministic ``Message-ID`` both times, so mail servers and clients that
de-duplicate on Message-ID show it once. We chose "retry an unconfirmed claim" over "never
retry" because a lost reminder is worse than that vanishingly rare duplicate.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from loti_data.errors import RuleError, require
from skills.models import (
    DEFAULT_REMINDER_OFFSETS,
    AgendaItem,
    CalendarFeed,
    Meetup,
    MeetupEmail,
    Network,
    NetworkEvent,
    NetworkMembership,
    Reminder,
    ReminderOffset,
    Rsvp,
)
from skills.networks import rules
from skills.networks.calendars import agenda_lines, meetup_calendar, meetup_ics_filename
from skills.networks.rules import reminder_due_at

logger = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")

CLAIM_LEASE = timedelta(minutes=5)
REQUEUE_AFTER = timedelta(minutes=5)
SMTP_TIMEOUT = 30  # seconds per socket operation; keeps every send well inside CLAIM_LEASE
SWEEP_BATCH = 100


class NetworkError(RuleError):
    """A rule of the networks was broken; the message is shown to the person."""


class EmailSendFailed(Exception):
    """The SMTP server refused or could not be reached; the claim was released for a retry."""


# --- Networks ---------------------------------------------------------------------------------


@transaction.atomic
def network_join(*, network: Network, user) -> NetworkMembership:
    require(rules.may_take_part(user), "Only active members join networks.")
    membership, created = NetworkMembership.objects.get_or_create(network=network, user=user)
    if created:
        NetworkEvent.objects.create(network=network, actor=user, action=NetworkEvent.Action.JOINED)
    return membership


@transaction.atomic
def network_leave(*, network: Network, user) -> None:
    require(rules.may_take_part(user), "Only active members leave networks.")
    deleted, _ = NetworkMembership.objects.filter(network=network, user=user).delete()
    if not deleted:
        raise NetworkError(f"You are not a member of {network.name}.")
    NetworkEvent.objects.create(network=network, actor=user, action=NetworkEvent.Action.LEFT)


@transaction.atomic
def network_update(*, network: Network, by, purpose: str, cadence: str) -> Network:
    require(rules.is_organiser(by), "Only LOTI staff can change a network.")
    network.purpose, network.cadence = purpose, cadence
    network.full_clean()
    network.save(update_fields=["purpose", "cadence"])
    return network


# --- Reminders: when they are due ---------------------------------------------------------------


def _arm_state(due_at: datetime, now: datetime) -> str:
    return (
        Reminder.State.SKIPPED if rules.reminder_is_due(due_at, now=now) else Reminder.State.PENDING
    )


def _reminders_set(*, meetup: Meetup, offsets: list[str], rearm: bool, now: datetime) -> None:
    """Make the meet-up's reminders match ``offsets``. ``rearm`` (the time changed) starts a new
    round for every reminder, so people are reminded of the new time once more."""
    wanted = set(offsets)
    existing = {reminder.offset: reminder for reminder in meetup.reminders.all()}
    for offset, reminder in existing.items():
        due_at = reminder_due_at(meetup.starts_at, offset)
        if offset not in wanted:
            if reminder.state != Reminder.State.REMOVED:
                reminder.state = Reminder.State.REMOVED
                reminder.save(update_fields=["state"])
            continue
        if rearm:
            reminder.round += 1
            reminder.due_at = due_at
            reminder.state = _arm_state(due_at, now)
            reminder.dispatched_at = None
        elif reminder.state == Reminder.State.REMOVED:
            reminder.state = (
                Reminder.State.DISPATCHED if reminder.dispatched_at else _arm_state(due_at, now)
            )
        else:
            continue
        reminder.save(update_fields=["round", "due_at", "state", "dispatched_at"])
    Reminder.objects.bulk_create(
        [
            Reminder(
                meetup=meetup,
                offset=offset,
                due_at=(due_at := reminder_due_at(meetup.starts_at, offset)),
                state=_arm_state(due_at, now),
            )
            for offset in sorted(wanted - existing.keys())
        ]
    )


def meetup_reminder_offsets(meetup: Meetup) -> list[str]:
    return [
        reminder.offset
        for reminder in meetup.reminders.all()
        if reminder.state != Reminder.State.REMOVED
    ]


# --- Meet-ups -----------------------------------------------------------------------------------


@dataclass
class AgendaEntry:
    starts_at: object  # datetime.time, London wall-clock
    title: str
    presenter: str = ""
    organisation: str = ""


def _replace_agenda(meetup: Meetup, agenda: list[AgendaEntry]) -> None:
    meetup.agenda_items.all().delete()
    ordered = sorted(agenda, key=lambda entry: entry.starts_at)
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meetup=meetup,
                position=index,
                starts_at=entry.starts_at,
                title=entry.title,
                presenter=entry.presenter,
                organisation=entry.organisation,
            )
            for index, entry in enumerate(ordered)
        ]
    )


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise NetworkError("A meet-up must end after it starts.")


@transaction.atomic
def meetup_create(
    *,
    network: Network,
    by,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    online_url: str = "",
    description: str = "",
    tips: str = "",
    capacity: int | None = None,
    reminder_offsets: list[str] | None = None,
    agenda: list[AgendaEntry] | None = None,
    now: datetime | None = None,
) -> Meetup:
    require(rules.is_organiser(by), "Only LOTI staff can organise meet-ups.")
    _check_times(starts_at, ends_at)
    now = now or timezone.now()
    meetup = Meetup(
        network=network,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_url=online_url,
        description=description,
        tips=tips,
        capacity=capacity,
        created_by=by,
    )
    meetup.full_clean()
    meetup.save()
    _replace_agenda(meetup, agenda or [])
    offsets = DEFAULT_REMINDER_OFFSETS if reminder_offsets is None else reminder_offsets
    _reminders_set(meetup=meetup, offsets=list(offsets), rearm=False, now=now)
    NetworkEvent.objects.create(
        network=network, meetup=meetup, actor=by, action=NetworkEvent.Action.MEETUP_CREATED
    )
    return meetup


CALENDAR_FIELDS = ("title", "location", "online_url", "description", "tips")


@transaction.atomic
def meetup_update(
    *,
    meetup: Meetup,
    by,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    online_url: str = "",
    description: str = "",
    tips: str = "",
    capacity: int | None = None,
    reminder_offsets: list[str],
    agenda: list[AgendaEntry],
    now: datetime | None = None,
) -> Meetup:
    """Change a meet-up. A new time re-arms the reminders and tells those going; any change a
    calendar shows raises the SEQUENCE so subscribed calendars replace their copy."""
    require(rules.is_organiser(by), "Only LOTI staff can change a meet-up.")
    now = now or timezone.now()
    meetup = Meetup.objects.select_for_update().get(pk=meetup.pk)
    if refusal := rules.change_refusal(meetup):
        raise NetworkError(refusal)
    _check_times(starts_at, ends_at)
    if starts_at != meetup.starts_at and starts_at <= now:
        raise NetworkError("A meet-up can only be moved to a time in the future.")
    old_agenda = agenda_lines(meetup)
    before = {name: getattr(meetup, name) for name in CALENDAR_FIELDS}
    old_start, old_end = meetup.starts_at, meetup.ends_at
    rescheduled = (starts_at, ends_at) != (old_start, old_end)
    values = {
        "title": title,
        "location": location,
        "online_url": online_url,
        "description": description,
        "tips": tips,
    }
    for name, value in values.items():
        setattr(meetup, name, value)
    meetup.starts_at, meetup.ends_at, meetup.capacity = starts_at, ends_at, capacity
    _replace_agenda(meetup, agenda)
    changed = [name for name in CALENDAR_FIELDS if before[name] != getattr(meetup, name)]
    if agenda_lines(meetup) != old_agenda:
        changed.append("agenda")
    if rescheduled or changed:
        meetup.sequence += 1
    meetup.full_clean()
    meetup.save()
    _reminders_set(meetup=meetup, offsets=reminder_offsets, rearm=rescheduled, now=now)
    if rescheduled:
        NetworkEvent.objects.create(
            network=meetup.network,
            meetup=meetup,
            actor=by,
            action=NetworkEvent.Action.MEETUP_RESCHEDULED,
            data={
                "from": [old_start.isoformat(), old_end.isoformat()],
                "to": [starts_at.isoformat(), ends_at.isoformat()],
                "sequence": meetup.sequence,
            },
        )
        _queue_emails(
            meetup=meetup,
            kind=MeetupEmail.Kind.RESCHEDULED,
            recipient_ids=_attending_ids(meetup),
            key=f"rescheduled:{meetup.pk}:{meetup.sequence}",
            now=now,
        )
    if changed:
        NetworkEvent.objects.create(
            network=meetup.network,
            meetup=meetup,
            actor=by,
            action=NetworkEvent.Action.MEETUP_UPDATED,
            data={"changed": changed, "sequence": meetup.sequence},
        )
    _promote_from_waiting_list(meetup=meetup, by=by, now=now)
    return meetup


@transaction.atomic
def meetup_cancel(*, meetup: Meetup, by, reason: str = "", now: datetime | None = None) -> Meetup:
    """Cancel once: tells everyone going or waiting, once, and stops the reminders."""
    require(rules.is_organiser(by), "Only LOTI staff can cancel a meet-up.")
    now = now or timezone.now()
    meetup = Meetup.objects.select_for_update().get(pk=meetup.pk)
    if refusal := rules.cancel_refusal(meetup, now=now):
        raise NetworkError(refusal)
    meetup.status = Meetup.Status.CANCELLED
    meetup.cancellation_reason = reason
    meetup.sequence += 1
    meetup.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    meetup.reminders.filter(state=Reminder.State.PENDING).update(state=Reminder.State.SKIPPED)
    NetworkEvent.objects.create(
        network=meetup.network,
        meetup=meetup,
        actor=by,
        action=NetworkEvent.Action.MEETUP_CANCELLED,
        data={"reason": reason},
    )
    _queue_emails(
        meetup=meetup,
        kind=MeetupEmail.Kind.CANCELLED,
        recipient_ids=_attending_ids(meetup),
        key=f"cancelled:{meetup.pk}",
        now=now,
    )
    return meetup


# --- RSVPs and the waiting list -----------------------------------------------------------------


def _going_count(meetup: Meetup) -> int:
    return meetup.rsvps.filter(status=Rsvp.Status.GOING).count()


def _has_room(meetup: Meetup) -> bool:
    return meetup.capacity is None or _going_count(meetup) < meetup.capacity


@transaction.atomic
def rsvp_set(*, meetup: Meetup, user, going: bool, now: datetime | None = None) -> Rsvp:
    """Going or can't go. With the meet-up full, "going" joins the waiting list; someone going
    who drops out frees a place for the first person waiting, who is told by email."""
    require(rules.may_take_part(user), "Only active members reply to meet-ups.")
    now = now or timezone.now()
    # Lock the meet-up so two people can never take the last place at the same moment.
    meetup = Meetup.objects.select_for_update().get(pk=meetup.pk)
    if refusal := rules.reply_refusal(meetup, now=now):
        raise NetworkError(refusal)
    rsvp = Rsvp.objects.filter(meetup=meetup, user=user).first()
    old = rsvp.status if rsvp else None
    if going:
        if old in (Rsvp.Status.GOING, Rsvp.Status.WAITLISTED):
            return rsvp
        waiting = meetup.rsvps.filter(status=Rsvp.Status.WAITLISTED).exists()
        new = Rsvp.Status.GOING if _has_room(meetup) and not waiting else Rsvp.Status.WAITLISTED
    else:
        if old == Rsvp.Status.CANT_GO:
            return rsvp
        new = Rsvp.Status.CANT_GO
    rsvp = rsvp or Rsvp(meetup=meetup, user=user)
    rsvp.status, rsvp.responded_at = new, now
    rsvp.waitlisted_at = now if new == Rsvp.Status.WAITLISTED else None
    rsvp.save()
    NetworkEvent.objects.create(
        network_id=meetup.network_id,
        meetup=meetup,
        actor=user,
        action=NetworkEvent.Action.RSVP,
        data={"from": old, "to": new},
    )
    if old == Rsvp.Status.GOING:
        _promote_from_waiting_list(meetup=meetup, by=user, now=now)
    return rsvp


def _promote_from_waiting_list(*, meetup: Meetup, by, now: datetime) -> list[Rsvp]:
    promoted = []
    while _has_room(meetup):
        rsvp = (
            meetup.rsvps.filter(status=Rsvp.Status.WAITLISTED)
            .order_by("waitlisted_at", "pk")
            .first()
        )
        if rsvp is None:
            break
        rsvp.status, rsvp.waitlisted_at = Rsvp.Status.GOING, None
        rsvp.save(update_fields=["status", "waitlisted_at"])
        event = NetworkEvent.objects.create(
            network_id=meetup.network_id,
            meetup=meetup,
            actor=by,
            subject_id=rsvp.user_id,
            action=NetworkEvent.Action.PROMOTED,
        )
        _queue_emails(
            meetup=meetup,
            kind=MeetupEmail.Kind.PROMOTED,
            recipient_ids=[rsvp.user_id],
            key=f"promoted:{event.pk}",
            now=now,
        )
        promoted.append(rsvp)
    return promoted


# --- Calendar feed ------------------------------------------------------------------------------


def calendar_feed_for(user) -> CalendarFeed:
    require(rules.may_take_part(user), "Only active members have a calendar feed.")
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    require(rules.may_take_part(user), "Only active members have a calendar feed.")
    CalendarFeed.objects.filter(user=user).delete()
    feed = CalendarFeed.objects.create(user=user)
    NetworkEvent.objects.create(actor=user, action=NetworkEvent.Action.CALENDAR_TOKEN_RESET)
    return feed


# --- The outbox ---------------------------------------------------------------------------------


def _attending_ids(meetup: Meetup) -> list[int]:
    """Everyone going or waiting for a place (not those who said they can't go)."""
    return list(
        meetup.rsvps.filter(
            status__in=[Rsvp.Status.GOING, Rsvp.Status.WAITLISTED], user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _reminder_recipient_ids(meetup: Meetup) -> list[int]:
    """Members of the network and anyone who replied "going", except those who can't go."""
    cant_go = Rsvp.objects.filter(meetup=meetup, status=Rsvp.Status.CANT_GO).values("user_id")
    members = (
        NetworkMembership.objects.filter(network_id=meetup.network_id, user__is_active=True)
        .exclude(user_id__in=cant_go)
        .values_list("user_id", flat=True)
    )
    return sorted(set(members) | set(_attending_ids(meetup)))


def _queue_emails(
    *,
    meetup: Meetup,
    kind: str,
    recipient_ids: list[int],
    key: str,
    now: datetime,
    reminder: Reminder | None = None,
) -> list[int]:
    """Create outbox rows (a duplicate key is ignored) and enqueue them after commit."""
    if not recipient_ids:
        return []
    keys = {user_id: f"{key}:{user_id}" for user_id in recipient_ids}
    MeetupEmail.objects.bulk_create(
        [
            MeetupEmail(
                meetup=meetup,
                recipient_id=user_id,
                kind=kind,
                reminder=reminder,
                reminder_round=reminder.round if reminder else None,
                dedupe_key=dedupe_key,
                created_at=now,
                queued_at=now,
            )
            for user_id, dedupe_key in keys.items()
        ],
        ignore_conflicts=True,
    )
    ids = list(
        MeetupEmail.objects.filter(
            dedupe_key__in=keys.values(), status=MeetupEmail.Status.QUEUED
        ).values_list("pk", flat=True)
    )
    enqueue_emails(ids)
    return ids


def enqueue_emails(ids: list[int]) -> None:
    """Ring the doorbell after commit. If the broker is down the rows stay queued and the next
    sweep re-enqueues them, so a failure here is only logged."""
    if not ids:
        return

    def publish() -> None:
        from skills.networks.tasks import send_meetup_email

        try:
            for pk in ids:
                send_meetup_email.delay(pk)
        except Exception:
            logger.exception("Could not enqueue meet-up emails; the sweep will retry them")

    transaction.on_commit(publish)


@dataclass
class SweepResult:
    reminders_dispatched: int = 0
    reminders_skipped: int = 0
    emails_queued: int = 0
    emails_requeued: int = 0


def reminders_sweep(*, now: datetime | None = None, batch: int = SWEEP_BATCH) -> SweepResult:
    """The every-minute sweep (Celery beat).

    1. Claim each due reminder with a conditional UPDATE on (state, round): of two sweeps
       running at once, one wins and the other sees 0 rows.
    2. Create one outbox row per recipient (unique key) and enqueue them after commit.
    3. Re-enqueue outbox rows whose claim expired (worker died) or whose task message is
       overdue (Redis lost it).

    Its queries depend on what is due now, never on past meet-ups or emails already sent: both
    lookups use (state/status, time) indexes and sent/dispatched rows fall outside them.
    """
    now = now or timezone.now()
    result = SweepResult()
    due = list(
        Reminder.objects.filter(state=Reminder.State.PENDING, due_at__lte=now)
        .select_related("meetup")
        .order_by("due_at")[:batch]
    )
    for reminder in due:
        queued = _reminder_dispatch(reminder=reminder, now=now)
        if queued is None:
            result.reminders_skipped += 1
        else:
            result.reminders_dispatched += 1
            result.emails_queued += queued
    result.emails_requeued = _requeue_unconfirmed(now=now, batch=batch * 5)
    return result


@transaction.atomic
def _reminder_dispatch(*, reminder: Reminder, now: datetime) -> int | None:
    meetup = reminder.meetup
    over = meetup.is_cancelled or meetup.starts_at <= now
    claimed = Reminder.objects.filter(
        pk=reminder.pk, state=Reminder.State.PENDING, round=reminder.round
    ).update(
        state=Reminder.State.SKIPPED if over else Reminder.State.DISPATCHED,
        dispatched_at=None if over else now,
    )
    if not claimed or over:
        return None
    ids = _queue_emails(
        meetup=meetup,
        kind=MeetupEmail.Kind.REMINDER,
        recipient_ids=_reminder_recipient_ids(meetup),
        key=f"reminder:{reminder.pk}:{reminder.round}",
        reminder=reminder,
        now=now,
    )
    return len(ids)


@transaction.atomic
def _requeue_unconfirmed(*, now: datetime, batch: int) -> int:
    expired_claims = Q(status=MeetupEmail.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    overdue = Q(status=MeetupEmail.Status.QUEUED, queued_at__lt=now - REQUEUE_AFTER)
    stuck = list(
        MeetupEmail.objects.filter(expired_claims).values_list("pk", flat=True)[:batch]
    ) + list(MeetupEmail.objects.filter(overdue).values_list("pk", flat=True)[:batch])
    if not stuck:
        return 0
    # Re-check the condition in the UPDATE: a claim confirmed meanwhile is left alone.
    MeetupEmail.objects.filter(Q(pk__in=stuck) & (expired_claims | overdue)).update(
        status=MeetupEmail.Status.QUEUED, queued_at=now
    )
    ids = list(
        MeetupEmail.objects.filter(
            pk__in=stuck, status=MeetupEmail.Status.QUEUED, queued_at=now
        ).values_list("pk", flat=True)
    )
    enqueue_emails(ids)
    return len(ids)


# --- Sending one email --------------------------------------------------------------------------


def _no_longer_needed(email: MeetupEmail, now: datetime) -> str:
    meetup = email.meetup
    if not email.recipient.is_active:
        return "recipient is no longer active"
    if email.kind == MeetupEmail.Kind.CANCELLED:
        return "" if meetup.is_cancelled else "meet-up is not cancelled"
    if meetup.is_cancelled:
        return "meet-up was cancelled"
    if meetup.starts_at <= now:
        return "meet-up has started"
    status = (
        Rsvp.objects.filter(meetup=meetup, user=email.recipient)
        .values_list("status", flat=True)
        .first()
    )
    if email.kind == MeetupEmail.Kind.REMINDER:
        if email.reminder and email.reminder.round != email.reminder_round:
            return "meet-up was rescheduled; a new round of reminders replaces this one"
        if status == Rsvp.Status.CANT_GO:
            return "recipient said they can't go"
    if email.kind == MeetupEmail.Kind.PROMOTED and status != Rsvp.Status.GOING:
        return "recipient is no longer going"
    return ""


def meetup_email_send(*, email_id: int, now: datetime | None = None) -> bool:
    """Claim, send, confirm. Deliberately not one transaction: the claim must be committed
    before the SMTP conversation starts and the confirmation after it ends (see module doc)."""
    now = now or timezone.now()
    claimed = MeetupEmail.objects.filter(pk=email_id, status=MeetupEmail.Status.QUEUED).update(
        status=MeetupEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False  # sent already, skipped, or another worker holds the claim
    email = MeetupEmail.objects.select_related("meetup__network", "recipient", "reminder").get(
        pk=email_id
    )
    if reason := _no_longer_needed(email, now):
        MeetupEmail.objects.filter(pk=email_id).update(
            status=MeetupEmail.Status.SKIPPED, last_error=reason
        )
        return False
    message = build_meetup_email(email)
    try:
        with get_connection(timeout=SMTP_TIMEOUT) as connection:
            connection.send_messages([message])
    except Exception as exc:
        MeetupEmail.objects.filter(pk=email_id, status=MeetupEmail.Status.SENDING).update(
            status=MeetupEmail.Status.QUEUED, queued_at=timezone.now(), last_error=str(exc)[:2000]
        )
        raise EmailSendFailed(str(exc)) from exc
    MeetupEmail.objects.filter(pk=email_id).update(
        status=MeetupEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


SUBJECTS = {
    MeetupEmail.Kind.REMINDER: "Reminder: {title}, {when}",
    MeetupEmail.Kind.RESCHEDULED: "New time: {title}, now {when}",
    MeetupEmail.Kind.CANCELLED: "Cancelled: {title}, {when}",
    MeetupEmail.Kind.PROMOTED: "You have a place: {title}, {when}",
}


def _when(meetup: Meetup) -> str:
    start = meetup.starts_at.astimezone(LONDON)
    end = meetup.ends_at.astimezone(LONDON)
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}\N{EN DASH}{end:%H:%M}"


def build_meetup_email(email: MeetupEmail) -> EmailMultiAlternatives:
    meetup = email.meetup
    rsvp_status = (
        Rsvp.objects.filter(meetup=meetup, user=email.recipient)
        .values_list("status", flat=True)
        .first()
    )
    context = {
        "email": email,
        "kind": email.kind,
        "meetup": meetup,
        "network": meetup.network,
        "recipient": email.recipient,
        "when": _when(meetup),
        "agenda": list(meetup.agenda_items.all()),
        "offset": email.reminder.get_offset_display() if email.reminder else "",
        "waitlisted": rsvp_status == Rsvp.Status.WAITLISTED,
        "url": f"{settings.SITE_URL}{meetup.get_absolute_url()}",
    }
    subject = SUBJECTS[email.kind].format(title=meetup.title, when=context["when"])
    text = render_to_string("skills/networks/email/meetup_email.txt", context)
    html = render_to_string("skills/networks/email/meetup_email.html", context)
    domain = urlsplit(settings.SITE_URL).hostname or "loti-data"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[email.recipient.email],
        headers={"Message-ID": f"<meetup-email-{email.pk}@{domain}>"},
    )
    message.attach_alternative(html, "text/html")
    message.attach(meetup_ics_filename(meetup), meetup_calendar(meetup), "text/calendar")
    if context["agenda"]:
        lines = [f"{meetup.title}", context["when"], "", "Agenda", *agenda_lines(meetup)]
        message.attach("agenda.txt", "\n".join(lines) + "\n", "text/plain")
    return message


def reminder_offset_choices() -> list[tuple[str, str]]:
    return list(ReminderOffset.choices)
