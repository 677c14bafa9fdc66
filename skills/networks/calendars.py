"""Calendar files (RFC 5545) for meet-ups: one event per meet-up, a file per meet-up and a feed.

Times are written in UTC (``20311029T093000Z``): an instant every parser reads alike. London
wall-clock time with ``TZID=Europe/London`` cannot say which of the two 01:30s of the last Sunday of
October is meant (RFC 5545 picks the first; some programs pick the second), and a GMT 01:30 cannot
be written that way at all. Calendar programs show UTC times in their own zone, so 9:30 still shows
as 9:30 in London, BST or GMT. The UID never changes; SEQUENCE is the meet-up's, which grows with
every change people see (reschedule, cancellation), so Outlook and Google replace the old copy.

Every text comes from stored data: it is made safe for the format here (one line for the summary,
place and name; line breaks normalised and control characters dropped in the description), so
nothing stored, even before the text rules existed, can break a file.
"""

from collections.abc import Iterable
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from loti_data.validators import clean_lines, one_line
from skills.models import Meetup

LONDON = ZoneInfo("Europe/London")
PRODID = "-//LOTI//loti-data meet-ups//EN"


def agenda_lines(meetup: Meetup) -> list[str]:
    lines = []
    for item in meetup.agenda_items.all():
        who = ", ".join(dict.fromkeys(part for part in (item.presenter, item.organisation) if part))
        lines.append(f"{item.starts_at:%H:%M}  {item.title}" + (f" ({who})" if who else ""))
    return lines


def meetup_event(meetup: Meetup) -> Event:
    event = Event()
    event.add("uid", meetup.ical_uid)
    event.add("sequence", meetup.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meetup.updated_at or timezone.now())
    event.add("dtstart", meetup.starts_at.astimezone(UTC))
    event.add("dtend", meetup.ends_at.astimezone(UTC))
    event.add("summary", one_line(meetup.title))
    event.add("status", "CANCELLED" if meetup.is_cancelled else "CONFIRMED")
    url = f"{settings.SITE_URL}{meetup.get_absolute_url()}"
    event.add("url", url)
    location = ", ".join(part for part in (meetup.location, meetup.online_url) if part)
    if location:
        event.add("location", one_line(location))
    description = [f"{meetup.network.name} meet-up"]
    if meetup.description.strip():
        description.append(meetup.description.strip())
    if agenda := agenda_lines(meetup):
        description.append("Agenda\n" + "\n".join(agenda))
    if meetup.online_url:
        description.append(f"Join online: {meetup.online_url}")
    if meetup.tips.strip():
        description.append("Practical tips\n" + meetup.tips.strip())
    description.append(f"Details and RSVP: {url}")
    event.add("description", clean_lines("\n\n".join(description)))
    return event


def build_calendar(meetups: Iterable[Meetup], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", "Europe/London")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for meetup in meetups:
        calendar.add_component(meetup_event(meetup))
    return calendar.to_ical()


def meetup_calendar(meetup: Meetup) -> bytes:
    return build_calendar([meetup], name=meetup.title)


def meetup_ics_filename(meetup: Meetup) -> str:
    return f"meetup-{timezone.localtime(meetup.starts_at):%Y-%m-%d}-{meetup.pk}.ics"
