"""Calendar files: parsed back with icalendar, stable UID, growing SEQUENCE, BST/GMT, feed."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from skills.models import CalendarFeed
from skills.networks.services import calendar_feed_for, meetup_cancel, meetup_update
from tests.skills.networks.conftest import LONDON, london

pytestmark = pytest.mark.django_db


def events(content: bytes):
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def ics(client, meetup) -> bytes:
    response = client.get(f"/networks/meetups/{meetup.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    return response.content


def reschedule(meetup, by, starts_at, **changes):
    fields = {
        "title": meetup.title,
        "location": meetup.location,
        "online_url": meetup.online_url,
        "description": meetup.description,
        "tips": meetup.tips,
        "capacity": meetup.capacity,
        "reminder_offsets": ["7d", "1d"],
        "agenda": [],
    }
    fields.update(changes)
    return meetup_update(
        meetup=meetup, by=by, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), **fields
    )


def test_a_meetup_file_parses_back_with_london_times_in_summer_and_winter(
    client_for, camden_lead, make_meetup
):
    summer = make_meetup(starts_at=london(2031, 6, 25, 9, 30), title="Summer meet-up")
    winter = make_meetup(starts_at=london(2031, 12, 3, 9, 30), title="Winter meet-up")
    client = client_for(camden_lead)

    for meetup, utc_hour in ((summer, 8), (winter, 9)):
        calendar, (event,) = events(ics(client, meetup))
        start = event.decoded("dtstart")
        assert start.tzinfo is not None and start.utcoffset() == timedelta(0)
        assert start.astimezone(LONDON).strftime("%H:%M") == "09:30"
        assert start.astimezone(UTC).hour == utc_hour
        assert str(event["uid"]) == f"meetup-{meetup.uid}@loti-data"
        assert str(event["status"]) == "CONFIRMED"
        assert event.decoded("dtend") - start == timedelta(minutes=90)
        assert "Welcome and introductions" in str(event["description"])
        assert str(calendar["version"]) == "2.0"


def test_uid_is_stable_and_sequence_grows_with_each_change_then_cancelled(
    client_for, camden_lead, loti_staff, make_meetup
):
    meetup = make_meetup(starts_at=london(2031, 10, 22, 9, 30))
    client = client_for(camden_lead)
    _, (first,) = events(ics(client, meetup))

    meetup = reschedule(meetup, loti_staff, london(2031, 10, 29, 9, 30))
    _, (moved,) = events(ics(client, meetup))
    meetup = meetup_cancel(meetup=meetup, by=loti_staff, reason="Venue closed")
    _, (cancelled,) = events(ics(client, meetup))

    assert first["uid"] == moved["uid"] == cancelled["uid"]
    assert first["sequence"] < moved["sequence"] < cancelled["sequence"]
    # 29 October 2031 is after the clocks go back: 09:30 GMT is 09:30 UTC.
    assert moved.decoded("dtstart").astimezone(UTC) == datetime(2031, 10, 29, 9, 30, tzinfo=UTC)
    assert first.decoded("dtstart").astimezone(UTC) == datetime(2031, 10, 22, 8, 30, tzinfo=UTC)
    assert str(cancelled["status"]) == "CANCELLED"


def test_a_change_people_cannot_see_in_a_calendar_keeps_the_sequence(loti_staff, make_meetup):
    from tests.skills.networks.conftest import THREE_ITEMS

    meetup = make_meetup(capacity=10, duration=timedelta(hours=1))
    before = meetup.sequence
    meetup = reschedule(meetup, loti_staff, meetup.starts_at, capacity=12, agenda=THREE_ITEMS)
    assert meetup.capacity == 12
    assert meetup.sequence == before


def test_personal_feed_has_my_networks_meetups_including_cancelled(
    client, camden_lead, lambeth_lead, loti_staff, members, network, make_meetup
):
    from skills.networks.services import network_join

    network_join(network=network, user=camden_lead)
    kept = make_meetup(title="Kept")
    dropped = make_meetup(title="Dropped", starts_at=london(2031, 3, 4))
    meetup_cancel(meetup=dropped, by=loti_staff)
    feed = calendar_feed_for(camden_lead)

    response = client.get(f"/calendar/{feed.token}.ics")

    assert response.status_code == 200
    calendar, found = events(response.content)
    by_uid = {str(event["uid"]): event for event in found}
    assert set(by_uid) == {kept.ical_uid, dropped.ical_uid}
    assert str(by_uid[dropped.ical_uid]["status"]) == "CANCELLED"
    assert str(calendar["x-wr-calname"])
    # Someone outside the network sees nothing of it in their own feed.
    other = client.get(f"/calendar/{calendar_feed_for(lambeth_lead).token}.ics")
    assert list(Calendar.from_ical(other.content).walk("VEVENT")) == []


def test_a_wrong_or_reset_token_is_not_found(client, client_for, camden_lead):
    old = calendar_feed_for(camden_lead).token
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404

    page = client_for(camden_lead).get("/networks/calendar/")
    assert old in page.content.decode()
    response = client_for(camden_lead).post("/networks/calendar/reset/")
    assert response.status_code == 302

    new = CalendarFeed.objects.get(user=camden_lead).token
    assert new != old
    client.logout()
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_the_feed_of_a_deactivated_person_is_not_found(client, camden_lead):
    token = calendar_feed_for(camden_lead).token
    camden_lead.is_active = False
    camden_lead.save()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_times_are_written_as_utc_instants(make_meetup):
    from skills.networks.calendars import meetup_calendar

    meetup = make_meetup(starts_at=london(2031, 7, 1, 18, 0))
    text = meetup_calendar(meetup).decode()
    # 18:00 BST is 17:00 UTC; a UTC time means the same instant to every calendar program.
    assert "DTSTART:20310701T170000Z" in text
    assert "TZID" not in text
