"""The networks' rules (skills/networks/rules.py), one question at a time."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from loti_data.accounts import roles
from skills.models import CalendarFeed, Meetup
from skills.networks import rules
from tests.factories import UserFactory
from tests.skills.networks.conftest import london

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def superuser(loti):
    return UserFactory(organisation=loti, is_superuser=True)


@pytest.fixture
def inactive_staff(loti):
    return UserFactory(organisation=loti, is_active=False, groups=[roles.LOTI_STAFF])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("camden_lead", False),
        ("lambeth_lead", False),
        ("ethics_reviewer", False),
        ("library_admin", False),
        ("loti_staff", True),
        ("superuser", True),
        ("inactive_staff", False),
    ],
)
def test_loti_staff_and_superusers_organise_and_see_attendees(
    request, persona, expected, make_meetup
):
    person = request.getfixturevalue(persona)
    meetup = make_meetup()
    assert rules.is_organiser(person) is expected
    assert rules.may_see_attendees(person, meetup) is expected
    assert rules.may_change_meetup(person, meetup) is expected
    assert rules.may_cancel_meetup(person, meetup) is expected


@pytest.mark.parametrize("persona", ["camden_lead", "loti_staff", "library_admin"])
def test_every_active_person_takes_part(request, persona):
    assert rules.may_take_part(request.getfixturevalue(persona))


def test_inactive_and_signed_out_people_take_no_part(camden):
    for person in (UserFactory(organisation=camden, is_active=False), AnonymousUser(), None):
        assert not rules.may_take_part(person)
        assert not rules.is_organiser(person)


def test_a_meetup_takes_replies_until_it_ends_unless_cancelled(make_meetup, loti_staff):
    meetup = make_meetup()
    assert rules.accepts_replies(meetup)
    assert rules.reply_refusal(meetup) == ""
    assert rules.reply_refusal(meetup, now=meetup.starts_at + timedelta(minutes=5)) == ""
    assert rules.reply_refusal(meetup, now=meetup.ends_at) == (
        "This meet-up has already taken place."
    )
    meetup.status = Meetup.Status.CANCELLED
    assert rules.reply_refusal(meetup) == "This meet-up has been cancelled."
    assert not rules.accepts_replies(meetup)


def test_a_cancelled_meetup_cannot_be_changed_and_a_past_one_not_cancelled(make_meetup, loti_staff):
    meetup = make_meetup()
    assert rules.change_refusal(meetup) == ""
    assert rules.cancel_refusal(meetup) == ""
    assert rules.cancel_refusal(meetup, now=meetup.ends_at) == (
        "This meet-up has already taken place."
    )
    assert rules.change_refusal(meetup) == ""  # past meet-ups can still be corrected
    meetup.status = Meetup.Status.CANCELLED
    assert rules.change_refusal(meetup) == "This meet-up has been cancelled and cannot be changed."
    assert rules.cancel_refusal(meetup) == "This meet-up was already cancelled."
    assert not rules.may_change_meetup(loti_staff, meetup)
    assert not rules.may_cancel_meetup(loti_staff, meetup)


def test_a_calendar_feed_is_open_while_its_person_is_active(camden_lead):
    feed = CalendarFeed.objects.create(user=camden_lead)
    assert rules.feed_is_open(feed)
    camden_lead.is_active = False
    assert not rules.feed_is_open(feed)
    assert not rules.feed_is_open(None)


def test_reminders_count_days_on_the_london_clock_and_hours_as_elapsed_time():
    starts_at = london(2031, 10, 29, 9, 30)  # GMT, after the October clock change
    assert rules.reminder_due_at(starts_at, "7d") == utc(2031, 10, 22, 8, 30)  # BST then
    assert rules.reminder_due_at(starts_at, "2h") == utc(2031, 10, 29, 7, 30)
    with pytest.raises(ValueError, match="Unknown reminder offset"):
        rules.reminder_due_at(starts_at, "3w")


def test_a_reminder_is_due_from_its_time_on():
    due_at = timezone.now()
    assert rules.reminder_is_due(due_at, now=due_at)
    assert rules.reminder_is_due(due_at, now=due_at + timedelta(seconds=1))
    assert not rules.reminder_is_due(due_at, now=due_at - timedelta(seconds=1))
