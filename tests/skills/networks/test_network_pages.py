"""The networks list and network pages: joining, leaving, next meet-up, query budgets."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from skills.models import Meetup, NetworkEvent, NetworkMembership, Rsvp
from skills.networks.services import network_join, rsvp_set
from tests.skills.networks.conftest import bulk_people

pytestmark = pytest.mark.django_db


def test_the_list_shows_each_network_with_its_next_meetup(client_for, camden_lead, make_meetup):
    soon = make_meetup(title="Soon", starts_at=timezone.now() + timedelta(days=3))
    make_meetup(title="Later", starts_at=timezone.now() + timedelta(days=40))
    make_meetup(title="Long ago", starts_at=timezone.now() - timedelta(days=40))

    page = client_for(camden_lead).get("/networks/").content.decode()

    assert "Data Leaders (Heads of Data &amp; BI)" in page
    assert f'href="/networks/meetups/{soon.pk}/"' in page
    assert "Long ago" not in page


def test_join_and_leave(client_for, camden_lead, network):
    client = client_for(camden_lead)
    assert client.post("/networks/data-leaders/join/").status_code == 302
    assert client.post("/networks/data-leaders/join/").status_code == 302
    assert NetworkMembership.objects.filter(user=camden_lead).count() == 1
    assert "you are a member" in client.get("/networks/data-leaders/").content.decode()

    response = client.post("/networks/data-leaders/leave/", follow=True)
    assert "You left" in response.content.decode()
    assert not NetworkMembership.objects.exists()
    response = client.post("/networks/data-leaders/leave/", follow=True)
    assert "You are not a member" in response.content.decode()
    assert list(NetworkEvent.objects.values_list("action", flat=True).order_by("pk")) == [
        "joined",
        "left",
    ]
    assert client.get("/networks/data-leaders/join/").status_code == 405
    assert client.post("/networks/no-such-network/join/").status_code == 404


def test_past_and_upcoming_lists(client_for, camden_lead, make_meetup):
    make_meetup(title="Upcoming one", starts_at=timezone.now() + timedelta(days=3))
    make_meetup(title="Past one", starts_at=timezone.now() - timedelta(days=3))
    client = client_for(camden_lead)
    upcoming = client.get("/networks/meetups/").content.decode()
    past = client.get("/networks/meetups/?when=past").content.decode()
    assert "Upcoming one" in upcoming and "Past one" not in upcoming
    assert "Past one" in past and "Upcoming one" not in past
    network_page = client.get("/networks/data-leaders/").content.decode()
    assert "Upcoming one" in network_page and "Past one" in network_page


def test_only_loti_staff_see_the_organiser_actions(
    client_for, camden_lead, loti_staff, make_meetup
):
    meetup = make_meetup()
    lead_page = client_for(camden_lead).get(meetup.get_absolute_url()).content.decode()
    assert "Attendee list" not in lead_page and "Schedule a meet-up" not in lead_page
    staff_page = client_for(loti_staff).get(meetup.get_absolute_url()).content.decode()
    assert "Attendee list" in staff_page


def test_the_home_page_lists_my_next_meetups(client_for, camden_lead, network, make_meetup):
    meetup = make_meetup(title="Next data leaders meet-up")
    network_join(network=network, user=camden_lead)
    rsvp_set(meetup=meetup, user=camden_lead, going=True)
    page = client_for(camden_lead).get("/").content.decode()
    assert "Next data leaders meet-up" in page
    assert "you&#x27;re going" in page


def _fill(network, count):
    """Meet-ups (upcoming and past) with replies, made in bulk: this test is about reads."""
    now = timezone.now()
    people = bulk_people(count)
    NetworkMembership.objects.bulk_create(
        [NetworkMembership(network=network, user=person) for person in people]
    )
    meetups = Meetup.objects.bulk_create(
        [
            Meetup(
                network=network,
                title=f"Meet-up {when} {index}",
                starts_at=now + timedelta(days=sign * (index + 1)),
                ends_at=now + timedelta(days=sign * (index + 1), hours=1),
                location="City Hall",
                capacity=10,
            )
            for index in range(count)
            for when, sign in (("soon", 1), ("old", -1))
        ]
    )
    Rsvp.objects.bulk_create(
        [
            Rsvp(meetup=meetup, user=person, status=Rsvp.Status.GOING)
            for meetup in meetups
            for person in people[:3]
        ]
    )


@pytest.mark.parametrize(
    "url",
    [
        "/networks/",
        "/networks/meetups/",
        "/networks/meetups/?when=past",
        "/networks/data-leaders/",
        "/",
    ],
)
def test_list_pages_make_the_same_queries_for_1_and_for_50_meetups(
    client_for, camden_lead, network, url
):
    client = client_for(camden_lead)
    network_join(network=network, user=camden_lead)
    _fill(network, 1)
    client.get(url)

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _fill(network, 49)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one) <= 12, [q["sql"] for q in many.captured_queries]


def test_meetup_page_queries_do_not_grow_with_agenda_or_replies(
    client_for, camden_lead, make_meetup, django_assert_max_num_queries
):
    meetup = make_meetup()
    for person in bulk_people(30):
        rsvp_set(meetup=meetup, user=person, going=True)
    client = client_for(camden_lead)
    client.get("/")
    with django_assert_max_num_queries(12):
        assert client.get(meetup.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["member", "organiser"])
def test_meetup_page_costs_the_same_for_1_and_200_attendees(
    client_for, camden_lead, loti_staff, make_meetup, who
):
    meetup = make_meetup(capacity=500)
    people = bulk_people(200)
    rsvp_set(meetup=meetup, user=people[0], going=True)
    client = client_for(camden_lead if who == "member" else loti_staff)
    client.get("/")

    def count() -> CaptureQueriesContext:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(meetup.get_absolute_url()).status_code == 200
        return queries

    one = count()
    for person in people[1:]:
        rsvp_set(meetup=meetup, user=person, going=True)
    many = count()
    assert len(many) == len(one) <= 12, [q["sql"] for q in many.captured_queries]
