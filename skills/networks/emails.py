"""The networks' emails: meet-up reminders, new times, cancellations and places from the waiting
list. The services owe them (``loti_data.outbox.services.owe``); the outbox sends them with the
builders here, which read the meet-up as it is at send time and skip what is no longer needed."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from loti_data import registry
from loti_data.outbox.services import NotNeeded
from skills.models import Meetup, Reminder, Rsvp
from skills.networks.calendars import agenda_lines, meetup_calendar, meetup_ics_filename
from skills.networks.times import clock

LONDON = ZoneInfo("Europe/London")

# Kinds; the outbox's key for each makes it once per person and…
REMINDER = "networks.reminder"  # …reminder round
RESCHEDULED = "networks.rescheduled"  # …reschedule (the meet-up's sequence)
CANCELLED = "networks.cancelled"  # …cancellation
PROMOTED = "networks.promoted"  # …promotion event

SUBJECTS = {
    REMINDER: "Reminder: {title}, {when}",
    RESCHEDULED: "New time: {title}, now {when}",
    CANCELLED: "Cancelled: {title}, {when}",
    PROMOTED: "You have a place: {title}, {when}",
}


def _rsvp_status(meetup: Meetup, user) -> str | None:
    return Rsvp.objects.filter(meetup=meetup, user=user).values_list("status", flat=True).first()


def _no_longer_needed(row, meetup: Meetup, reminder: Reminder | None, now: datetime) -> str:
    if row.kind == CANCELLED:
        return "" if meetup.is_cancelled else "meet-up is not cancelled"
    if meetup.is_cancelled:
        return "meet-up was cancelled"
    if meetup.starts_at <= now:
        return "meet-up has started"
    status = _rsvp_status(meetup, row.recipient)
    if row.kind == REMINDER:
        if reminder and reminder.round != row.payload.get("round"):
            return "meet-up was rescheduled; a new round of reminders replaces this one"
        if status == Rsvp.Status.CANT_GO:
            return "recipient said they can't go"
    if row.kind == PROMOTED and status != Rsvp.Status.GOING:
        return "recipient is no longer going"
    return ""


def _when(meetup: Meetup) -> str:
    start, end = meetup.starts_at.astimezone(LONDON), meetup.ends_at.astimezone(LONDON)
    # clock() names the zone of a time that happens twice that day: "01:30 GMT".
    return f"{start:%A} {start.day} {start:%B %Y}, {clock(start)}\N{EN DASH}{clock(end)}"


def build_meetup_email(row) -> EmailMultiAlternatives:
    """Text and HTML, with the agenda and the meet-up's ``.ics`` attached. ``row.claimed_at``
    is the moment the worker took it: "has the meet-up started?" is asked then."""
    meetup = Meetup.objects.select_related("network").filter(pk=row.payload["meetup"]).first()
    if meetup is None:
        raise NotNeeded("meet-up was deleted")
    reminder = None
    if row.kind == REMINDER:
        reminder = Reminder.objects.filter(pk=row.payload.get("reminder")).first()
    if reason := _no_longer_needed(row, meetup, reminder, row.claimed_at):
        raise NotNeeded(reason)
    context = {
        "kind": row.kind.removeprefix("networks."),
        "meetup": meetup,
        "network": meetup.network,
        "recipient": row.recipient,
        "when": _when(meetup),
        "agenda": list(meetup.agenda_items.all()),
        "offset": reminder.get_offset_display() if reminder else "",
        "waitlisted": _rsvp_status(meetup, row.recipient) == Rsvp.Status.WAITLISTED,
        "url": f"{settings.SITE_URL}{meetup.get_absolute_url()}",
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[row.kind].format(title=meetup.title, when=context["when"]),
        body=render_to_string("skills/networks/email/meetup_email.txt", context),
    )
    message.attach_alternative(
        render_to_string("skills/networks/email/meetup_email.html", context), "text/html"
    )
    message.attach(meetup_ics_filename(meetup), meetup_calendar(meetup), "text/calendar")
    if context["agenda"]:
        lines = [f"{meetup.title}", context["when"], "", "Agenda", *agenda_lines(meetup)]
        message.attach("agenda.txt", "\n".join(lines) + "\n", "text/plain")
    return message


def register() -> None:
    for kind in SUBJECTS:
        registry.register_email(kind, build_meetup_email)
