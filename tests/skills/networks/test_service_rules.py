"""Every networks service enforces the rules itself: a direct call by someone without the right
is refused with NotAllowed, and nothing changes."""

from datetime import timedelta

import pytest

from loti_data.errors import NotAllowed
from skills.models import (
    CalendarFeed,
    Meetup,
    Network,
    NetworkEvent,
    NetworkMembership,
    Reminder,
    Rsvp,
)
from skills.networks import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOT_ORGANISERS = ["camden_lead", "lambeth_lead", "library_admin", "ethics_reviewer"]


@pytest.fixture
def inactive(camden):
    return UserFactory(organisation=camden, is_active=False)


def snapshot() -> tuple:
    """Everything the networks' services write."""
    return (
        list(Network.objects.values_list("purpose", "cadence")),
        list(Meetup.objects.values_list("title", "starts_at", "status", "sequence")),
        list(Reminder.objects.values_list("offset", "due_at", "state", "round")),
        list(NetworkMembership.objects.values_list("network", "user")),
        list(Rsvp.objects.values_list("user", "status")),
        list(CalendarFeed.objects.values_list("user", "token")),
        NetworkEvent.objects.count(),
    )


def meetup_fields(starts_at) -> dict:
    return {
        "title": "Not organised by them",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=1),
        "location": "City Hall",
        "reminder_offsets": ["7d"],
        "agenda": [],
    }


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_only_organisers_change_a_network(request, persona, network):
    before = snapshot()
    with pytest.raises(NotAllowed, match="Only LOTI staff"):
        services.network_update(
            network=network, by=request.getfixturevalue(persona), purpose="Taken over", cadence=""
        )
    assert snapshot() == before


@pytest.mark.parametrize("persona", [*NOT_ORGANISERS, None])
def test_only_organisers_schedule_a_meetup(request, persona, network, make_meetup):
    make_meetup()
    before = snapshot()
    by = request.getfixturevalue(persona) if persona else None
    starts_at = Meetup.objects.get().starts_at + timedelta(days=7)
    with pytest.raises(NotAllowed, match="Only LOTI staff"):
        services.meetup_create(network=network, by=by, **meetup_fields(starts_at))
    assert snapshot() == before


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_only_organisers_change_a_meetup(request, persona, make_meetup):
    meetup = make_meetup()
    before = snapshot()
    with pytest.raises(NotAllowed, match="Only LOTI staff"):
        services.meetup_update(
            meetup=meetup,
            by=request.getfixturevalue(persona),
            **meetup_fields(meetup.starts_at + timedelta(days=1)),
        )
    assert snapshot() == before


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_only_organisers_cancel_a_meetup(request, persona, make_meetup):
    meetup = make_meetup()
    before = snapshot()
    with pytest.raises(NotAllowed, match="Only LOTI staff"):
        services.meetup_cancel(meetup=meetup, by=request.getfixturevalue(persona))
    assert snapshot() == before
    assert Meetup.objects.get().status == Meetup.Status.SCHEDULED


def test_an_inactive_organiser_organises_nothing(loti_staff, network, make_meetup):
    meetup = make_meetup()
    loti_staff.is_active = False
    loti_staff.save()
    before = snapshot()
    with pytest.raises(NotAllowed):
        services.meetup_cancel(meetup=meetup, by=loti_staff)
    with pytest.raises(NotAllowed):
        services.meetup_create(
            network=network, by=loti_staff, **meetup_fields(meetup.starts_at + timedelta(days=7))
        )
    assert snapshot() == before


def test_an_inactive_person_cannot_join(inactive, network):
    before = snapshot()
    with pytest.raises(NotAllowed):
        services.network_join(network=network, user=inactive)
    assert snapshot() == before
    assert not NetworkMembership.objects.exists()


def test_an_inactive_person_cannot_leave(inactive, network):
    NetworkMembership.objects.create(network=network, user=inactive)
    before = snapshot()
    with pytest.raises(NotAllowed):
        services.network_leave(network=network, user=inactive)
    assert snapshot() == before


def test_an_inactive_person_cannot_reply(inactive, make_meetup):
    meetup = make_meetup(capacity=1)
    before = snapshot()
    for going in (True, False):
        with pytest.raises(NotAllowed):
            services.rsvp_set(meetup=meetup, user=inactive, going=going)
    assert snapshot() == before


def test_an_inactive_person_has_no_calendar_feed_to_reset(inactive):
    CalendarFeed.objects.create(user=inactive)
    before = snapshot()
    with pytest.raises(NotAllowed):
        services.calendar_feed_reset(user=inactive)
    with pytest.raises(NotAllowed):
        services.calendar_feed_for(inactive)
    assert snapshot() == before
