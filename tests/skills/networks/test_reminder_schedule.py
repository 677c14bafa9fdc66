"""When reminders are due (Europe/London, across the clock change), who gets them, and what
they contain. The sweep runs in-process here; test_reminders_exactly_once.py runs it on real
Celery workers."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import send
from skills.models import Reminder
from skills.networks.services import (
    meetup_update,
    reminder_due_at,
    reminders_sweep,
    rsvp_set,
)
from tests.skills.networks.conftest import london

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_days_are_counted_in_london_wall_clock_time_across_the_october_change():
    # Clocks go back at 02:00 BST on Sunday 26 October 2031.
    starts_at = london(2031, 10, 29, 9, 30)  # GMT: 09:30 UTC
    assert starts_at.astimezone(UTC) == utc(2031, 10, 29, 9, 30)

    week_before = reminder_due_at(starts_at, "7d")
    day_before = reminder_due_at(starts_at, "1d")

    # 22 October is still BST: 09:30 local is 08:30 UTC, not the naive 09:30 UTC.
    assert week_before == utc(2031, 10, 22, 8, 30)
    assert day_before == utc(2031, 10, 28, 9, 30)
    assert reminder_due_at(starts_at, "2h") == utc(2031, 10, 29, 7, 30)


def test_and_across_the_march_change():
    starts_at = london(2031, 4, 2, 9, 30)  # BST, after 30 March 2031
    assert reminder_due_at(starts_at, "7d") == utc(2031, 3, 26, 9, 30)  # still GMT then


def test_a_reminder_due_across_the_clock_change_is_swept_at_the_right_local_time(
    make_meetup, members
):
    people = members(2)
    meetup = make_meetup(starts_at=london(2031, 10, 29, 9, 30))
    week_before = meetup.reminders.get(offset="7d")

    assert reminders_sweep(now=utc(2031, 10, 22, 8, 29)).emails_queued == 0
    result = reminders_sweep(now=utc(2031, 10, 22, 8, 30))

    assert result.reminders_dispatched == 1
    assert result.emails_queued == len(people)
    week_before.refresh_from_db()
    assert week_before.state == Reminder.State.DISPATCHED


def test_default_reminders_are_7_days_and_1_day_and_editable_per_meetup(make_meetup, loti_staff):
    meetup = make_meetup(starts_at=london(2031, 5, 14, 10, 0))
    assert sorted(meetup.reminders.values_list("offset", flat=True)) == ["1d", "7d"]

    meetup = meetup_update(
        meetup=meetup,
        by=loti_staff,
        title=meetup.title,
        starts_at=meetup.starts_at,
        ends_at=meetup.ends_at,
        location=meetup.location,
        reminder_offsets=["14d", "2h"],
        agenda=[],
    )

    states = dict(meetup.reminders.values_list("offset", "state"))
    assert states == {"14d": "pending", "2h": "pending", "7d": "removed", "1d": "removed"}
    assert meetup.reminders.get(offset="14d").due_at == utc(2031, 4, 30, 9, 0)


def test_a_reminder_already_past_when_the_meetup_is_created_is_skipped(make_meetup, members):
    members(1)
    meetup = make_meetup(starts_at=datetime.now(UTC) + timedelta(days=3))
    states = dict(meetup.reminders.values_list("offset", "state"))
    assert states == {"7d": "skipped", "1d": "pending"}
    assert reminders_sweep(now=datetime.now(UTC)).emails_queued == 0


def test_members_who_cannot_go_get_no_reminder_and_non_members_going_do(
    make_meetup, members, lambeth_lead
):
    going, cant_go, silent = members(3)
    meetup = make_meetup(starts_at=london(2031, 6, 11, 9, 30))
    rsvp_set(meetup=meetup, user=going, going=True, now=utc(2031, 6, 1))
    rsvp_set(meetup=meetup, user=cant_go, going=False, now=utc(2031, 6, 1))
    rsvp_set(meetup=meetup, user=lambeth_lead, going=True, now=utc(2031, 6, 1))

    reminders_sweep(now=utc(2031, 6, 4, 9, 0))

    recipients = set(OutboxEmail.objects.values_list("recipient_id", flat=True))
    assert recipients == {going.pk, silent.pk, lambeth_lead.pk}


def test_saying_cant_go_after_the_reminder_was_queued_stops_it(make_meetup, members):
    (person,) = members(1)
    meetup = make_meetup(starts_at=london(2031, 6, 11, 9, 30))
    reminders_sweep(now=utc(2031, 6, 4, 9, 0))
    rsvp_set(meetup=meetup, user=person, going=False, now=utc(2031, 6, 4, 9, 0))

    email = OutboxEmail.objects.get()
    assert send(email_id=email.pk, now=utc(2031, 6, 4, 9, 1)) is False
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SKIPPED
    assert mail.outbox == []


def test_a_reminder_has_text_html_the_agenda_and_the_calendar_file(make_meetup, members):
    (person,) = members(1)
    meetup = make_meetup(starts_at=london(2031, 6, 11, 9, 30), tips="Bring ID.")
    reminders_sweep(now=utc(2031, 6, 4, 9, 0))

    assert send(email_id=OutboxEmail.objects.get().pk, now=utc(2031, 6, 4, 9, 0))

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject.startswith("Reminder: Data Leaders meet-up")
    assert "Wednesday 11 June 2031, 09:30" in message.subject
    assert "09:45  Show and tell (Camden Council)" in message.body
    assert "Bring ID." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<h2>Agenda</h2>" in html and "Show and tell" in html
    attachments = {name: (content, kind) for name, content, kind in message.attachments}
    ics_name = next(name for name in attachments if name.endswith(".ics"))
    assert attachments[ics_name][1] == "text/calendar"
    (event,) = Calendar.from_ical(attachments[ics_name][0]).walk("VEVENT")
    assert str(event["uid"]) == meetup.ical_uid
    assert "Next steps" in attachments["agenda.txt"][0]
    assert message.extra_headers["Message-ID"].startswith("<outbox-")


def test_rescheduling_rearms_reminders_and_tells_those_going(make_meetup, members, loti_staff):
    going, waiting, _other = members(3)
    meetup = make_meetup(starts_at=london(2031, 6, 11, 9, 30), capacity=1)
    rsvp_set(meetup=meetup, user=going, going=True, now=utc(2031, 6, 1))
    rsvp_set(meetup=meetup, user=waiting, going=True, now=utc(2031, 6, 1))
    reminders_sweep(now=utc(2031, 6, 4, 9, 30))  # the 7-day reminder goes out
    assert OutboxEmail.objects.filter(kind="networks.reminder").count() == 3

    moved = london(2031, 6, 25, 14, 0)
    meetup = meetup_update(
        meetup=meetup,
        by=loti_staff,
        title=meetup.title,
        starts_at=moved,
        ends_at=moved + timedelta(hours=1),
        location=meetup.location,
        capacity=1,
        reminder_offsets=["7d", "1d"],
        agenda=[],
        now=utc(2031, 6, 5),
    )

    told = OutboxEmail.objects.filter(kind="networks.rescheduled")
    assert set(told.values_list("recipient_id", flat=True)) == {going.pk, waiting.pk}
    week = meetup.reminders.get(offset="7d")
    assert (week.round, week.state) == (2, "pending")
    assert week.due_at == utc(2031, 6, 18, 13, 0)
    # The new round reminds everyone again of the new time, once.
    reminders_sweep(now=utc(2031, 6, 18, 13, 0))
    reminders_sweep(now=utc(2031, 6, 18, 13, 1))
    assert OutboxEmail.objects.filter(kind="networks.reminder").count() == 6
    assert OutboxEmail.objects.filter(kind="networks.reminder", payload__round=2).count() == 3
