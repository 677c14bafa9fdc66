"""Every state change of the data networks: joining, meet-ups, RSVPs and reminders.

The emails they cause (reminders, new times, cancellations, places from the waiting list) are
owed to the product-wide outbox in the same transaction as the change, with a key that makes each
one once per person and reminder round / reschedule / cancellation / promotion
(``loti_data/outbox/services.py`` explains how they are sent exactly once;
``skills/networks/emails.py`` builds them). ``reminders_sweep`` is the networks' sweeper, run
every minute by the outbox's sweep: it owes the reminders that fell due.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from loti_data.errors import RuleError, require
from loti_data.outbox.services import owe
from skills.models import (
    DEFAULT_REMINDER_OFFSETS,
    AgendaItem,
    CalendarFeed,
    Meetup,
    Network,
    NetworkEvent,
    NetworkMembership,
    Reminder,
    ReminderOffset,
    Rsvp,
)
from skills.networks import emails, rules
from skills.networks.calendars import agenda_lines
from skills.networks.rules import reminder_due_at

LONDON = ZoneInfo("Europe/London")
SWEEP_BATCH = 100


class NetworkError(RuleError):
    """A rule of the networks was broken; the message is shown to the person."""


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
        owe(
            kind=emails.RESCHEDULED,
            key=f"{meetup.pk}:{meetup.sequence}",
            recipients=_attending_ids(meetup),
            payload={"meetup": meetup.pk},
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
    owe(
        kind=emails.CANCELLED,
        key=str(meetup.pk),
        recipients=_attending_ids(meetup),
        payload={"meetup": meetup.pk},
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
        owe(
            kind=emails.PROMOTED,
            key=str(event.pk),
            recipients=[rsvp.user_id],
            payload={"meetup": meetup.pk, "event": event.pk},
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


# --- Who is told -------------------------------------------------------------------------------


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


# --- Reminders falling due (the networks' sweeper) ----------------------------------------------


@dataclass
class SweepResult:
    reminders_dispatched: int = 0
    reminders_skipped: int = 0
    emails_queued: int = 0


def reminders_sweep(*, now: datetime | None = None, batch: int = SWEEP_BATCH) -> SweepResult:
    """Run every minute by the outbox's sweep (registered in ``skills/apps.py``).

    1. Claim each due reminder with a conditional UPDATE on (state, round): of two sweeps
       running at once, one wins and the other sees 0 rows.
    2. Owe one email per recipient (the outbox's unique key) in the same transaction.

    Its queries depend on what is due now, never on past meet-ups: the lookup uses the
    (state, due_at) index and dispatched reminders fall outside it.
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
    ids = owe(
        kind=emails.REMINDER,
        key=f"{reminder.pk}:{reminder.round}",
        recipients=_reminder_recipient_ids(meetup),
        payload={"meetup": meetup.pk, "reminder": reminder.pk, "round": reminder.round},
        now=now,
    )
    return len(ids)


def reminder_offset_choices() -> list[tuple[str, str]]:
    return list(ReminderOffset.choices)
