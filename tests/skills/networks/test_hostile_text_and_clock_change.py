"""Meet-ups against hostile text and the clock change.

- Text stored before the text rules (a title with a line break) still makes a valid calendar file
  and emails that send, with every header on one line.
- A time that happens twice (01:30 on the last Sunday of October) makes the organiser choose BST
  or GMT; pages and emails name the zone; two independent calendar parsers (icalendar and ical)
  read the same instant from the file. A time the clocks skip is refused.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import send
from skills.models import Meetup
from skills.networks.services import calendar_feed_for, meetup_cancel, rsvp_set
from tests.skills.networks.conftest import LONDON, london
from tests.skills.networks.test_meetup_organising import URL, form_data

pytestmark = pytest.mark.django_db


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


CLOCKS_GO_BACK = last_sunday(2031, 10)  # 26 October 2031: 01:00-01:59 happens twice
CLOCKS_GO_FORWARD = last_sunday(2032, 3)  # 28 March 2032: 01:00-01:59 does not happen


def both_parsers(content: bytes) -> list[tuple[datetime, datetime, datetime, datetime, str]]:
    """(start, end) as icalendar reads them and as ical reads them, and the summary."""
    first = [
        (event.decoded("dtstart"), event.decoded("dtend"), str(event["summary"]))
        for event in Calendar.from_ical(content).walk("VEVENT")
    ]
    second = IcsCalendarStream.calendar_from_ics(content.decode()).events
    assert len(first) == len(second)
    return [
        (start, end, other.dtstart, other.dtend, summary)
        for (start, end, summary), other in zip(first, second, strict=True)
    ]


# --- Hostile text stored before the rules ------------------------------------------------------

EVIL_TITLE = "Data Leaders\r\nBcc: victim@example.org\u2028X-Evil: 1\x1b[31m"


def poison(meetup: Meetup) -> Meetup:
    """What a row written before the text rules may hold (the rules stop new ones)."""
    Meetup.objects.filter(pk=meetup.pk).update(
        title=EVIL_TITLE,
        location="City Hall\nBEGIN:VEVENT",
        description="Line one\r\nLine two\u2029\x1bend",
    )
    meetup.agenda_items.update(title="Welcome\nEND:VCALENDAR")
    return Meetup.objects.get(pk=meetup.pk)


def test_a_calendar_file_is_valid_whatever_text_was_stored(client_for, camden_lead, make_meetup):
    meetup = poison(make_meetup(starts_at=london(2031, 6, 25, 9, 30)))

    response = client_for(camden_lead).get(f"/networks/meetups/{meetup.pk}/calendar.ics")

    assert response.status_code == 200
    ((start, _end, other_start, _other_end, summary),) = both_parsers(response.content)
    assert summary == "Data Leaders Bcc: victim@example.org X-Evil: 1 [31m"
    assert start.astimezone(UTC) == other_start.astimezone(UTC) == meetup.starts_at
    lines = response.content.decode().split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VCALENDAR") == 1
    assert not any(line.startswith(("Bcc", "X-Evil")) for line in lines)


def test_the_feed_is_valid_whatever_text_was_stored(client, camden_lead, make_meetup, network):
    from skills.networks.services import network_join

    network_join(network=network, user=camden_lead)
    poison(make_meetup(starts_at=london(2031, 6, 25, 9, 30)))
    token = calendar_feed_for(camden_lead).token

    response = client.get(f"/calendar/{token}.ics")

    assert response.status_code == 200
    assert len(both_parsers(response.content)) == 1


def test_emails_send_with_one_line_headers_whatever_text_was_stored(
    make_meetup, loti_staff, camden_lead
):
    meetup = make_meetup(starts_at=london(2031, 6, 25, 9, 30))
    rsvp_set(meetup=meetup, user=camden_lead, going=True)
    meetup = poison(meetup)
    meetup_cancel(meetup=meetup, by=loti_staff, reason="Venue\r\nclosed")

    (row,) = OutboxEmail.objects.filter(recipient=camden_lead)
    assert send(email_id=row.pk, now=timezone.now())

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    (message,) = mail.outbox
    for part in message.message().walk():
        assert part["Bcc"] is None and part["X-Evil"] is None
    assert message.subject.startswith("Cancelled: Data Leaders Bcc: victim@example.org X-Evil")
    (ics,) = [content for name, content, _type in message.attachments if name.endswith(".ics")]
    assert len(both_parsers(ics if isinstance(ics, bytes) else ics.encode())) == 1


# --- The hour that happens twice ---------------------------------------------------------------


def ambiguous_form(**overrides) -> dict:
    no_agenda = {
        f"agenda-{n}-{field}": ""
        for n in range(3)
        for field in ("starts_at", "title", "presenter", "organisation")
    }
    return form_data(
        CLOCKS_GO_BACK, **{"start_time": "01:30", "end_time": "03:00", **no_agenda, **overrides}
    )


def test_a_time_that_happens_twice_asks_bst_or_gmt_and_saves_nothing_until_answered(
    client_for, loti_staff, network
):
    response = client_for(loti_staff).post(URL, ambiguous_form())

    page = response.content.decode()
    assert response.status_code == 200
    assert "01:30 happens twice in London on that day, as the clocks go back" in page
    assert 'name="start_zone" value="BST"' in page and 'name="start_zone" value="GMT"' in page
    assert "01:30 GMT, an hour later (UTC+0)" in page
    assert 'name="end_zone"' not in page, "03:00 happens once: no question"
    assert not Meetup.objects.exists()


def test_an_ordinary_time_asks_no_zone(client_for, loti_staff, network):
    response = client_for(loti_staff).get(URL)
    assert 'name="start_zone"' not in response.content.decode()


@pytest.mark.parametrize(("zone", "utc_hour"), [("BST", 0), ("GMT", 1)])
def test_the_chosen_zone_fixes_the_instant_and_the_page_names_it(
    client_for, loti_staff, network, zone, utc_hour
):
    client = client_for(loti_staff)
    response = client.post(URL, ambiguous_form(start_zone=zone))

    assert response.status_code == 302
    meetup = Meetup.objects.get()
    assert meetup.starts_at == datetime.combine(
        CLOCKS_GO_BACK, datetime.min.time(), UTC
    ) + timedelta(hours=utc_hour, minutes=30)
    assert f"01:30 {zone}" in client.get(meetup.get_absolute_url()).content.decode()
    edit = client.get(f"/networks/meetups/{meetup.pk}/edit/").content.decode()
    assert f'name="start_zone" value="{zone}"' in edit and "checked" in edit


def test_an_end_in_gmt_after_a_start_in_bst_with_the_same_clock_time_is_fine(
    client_for, loti_staff, network
):
    response = client_for(loti_staff).post(
        URL, ambiguous_form(start_time="01:45", end_time="01:15", start_zone="BST", end_zone="GMT")
    )

    assert response.status_code == 302, response.context["form"].errors
    meetup = Meetup.objects.get()
    assert meetup.ends_at - meetup.starts_at == timedelta(minutes=30)


def test_a_time_the_clocks_skip_is_still_refused(client_for, loti_staff, network):
    response = client_for(loti_staff).post(
        URL, form_data(CLOCKS_GO_FORWARD, start_time="01:30", end_time="03:00", start_zone="GMT")
    )

    assert response.status_code == 200
    assert "01:30 does not exist in London on that day" in response.content.decode()
    assert not Meetup.objects.exists()


@pytest.mark.parametrize("fold", [0, 1])
def test_two_calendar_parsers_agree_on_every_instant(client_for, camden_lead, make_meetup, fold):
    start = datetime.combine(CLOCKS_GO_BACK, datetime.min.time()).replace(
        hour=1, minute=30, tzinfo=LONDON, fold=fold
    )
    meetups = [
        make_meetup(starts_at=start, duration=timedelta(minutes=45), agenda=[]),
        make_meetup(starts_at=london(2031, 6, 25, 9, 30)),
        make_meetup(starts_at=london(2031, 12, 3, 9, 30)),
    ]
    client = client_for(camden_lead)

    for meetup in meetups:
        content = client.get(f"/networks/meetups/{meetup.pk}/calendar.ics").content
        ((start_1, end_1, start_2, end_2, _summary),) = both_parsers(content)
        # In UTC: Python never finds a repeated London time equal to a time in another zone.
        stored = Meetup.objects.get(pk=meetup.pk)
        assert start_1.astimezone(UTC) == start_2.astimezone(UTC) == stored.starts_at
        assert end_1.astimezone(UTC) == end_2.astimezone(UTC) == stored.ends_at


def test_emails_name_the_zone_of_a_time_that_happens_twice(make_meetup, loti_staff, camden_lead):
    start = datetime.combine(CLOCKS_GO_BACK, datetime.min.time()).replace(
        hour=1, minute=30, tzinfo=LONDON, fold=1
    )
    meetup = make_meetup(starts_at=start, agenda=[])
    rsvp_set(meetup=meetup, user=camden_lead, going=True)
    meetup_cancel(meetup=meetup, by=loti_staff, reason="")

    assert send(email_id=OutboxEmail.objects.get(recipient=camden_lead).pk, now=timezone.now())

    (message,) = mail.outbox
    assert "Sunday 26 October 2031, 01:30 GMT\N{EN DASH}03:00" in message.subject
