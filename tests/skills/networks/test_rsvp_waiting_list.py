"""RSVPs: going / can't go, capacity, the waiting list and promotion (who is told, once)."""

import pytest
from django.core import mail

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import send
from skills.models import NetworkEvent, Rsvp
from skills.networks.services import NetworkError, meetup_cancel, rsvp_set

pytestmark = pytest.mark.django_db


def status(meetup, user) -> str:
    return Rsvp.objects.get(meetup=meetup, user=user).status


def test_when_full_people_join_the_waiting_list_in_order(make_meetup, members):
    first, second, third = members(3)
    meetup = make_meetup(capacity=1)

    rsvp_set(meetup=meetup, user=first, going=True)
    rsvp_set(meetup=meetup, user=second, going=True)
    rsvp_set(meetup=meetup, user=third, going=True)

    assert [status(meetup, p) for p in (first, second, third)] == [
        "going",
        "waitlisted",
        "waitlisted",
    ]


def test_dropping_out_promotes_the_first_waiting_and_tells_them_once(make_meetup, members):
    first, second, third = members(3)
    meetup = make_meetup(capacity=1)
    for person in (first, second, third):
        rsvp_set(meetup=meetup, user=person, going=True)

    rsvp_set(meetup=meetup, user=first, going=False)

    assert status(meetup, first) == "cant_go"
    assert status(meetup, second) == "going"
    assert status(meetup, third) == "waitlisted"
    (email,) = OutboxEmail.objects.filter(kind="networks.promoted")
    assert email.recipient == second
    assert NetworkEvent.objects.filter(action="promoted", subject=second).count() == 1
    assert send(email_id=email.pk)
    assert send(email_id=email.pk) is False  # a second delivery sends nothing
    (message,) = mail.outbox
    assert message.to == [second.email]
    assert message.subject.startswith("You have a place")


def test_replying_twice_changes_nothing(make_meetup, members):
    (person,) = members(1)
    meetup = make_meetup(capacity=5)
    rsvp_set(meetup=meetup, user=person, going=True)
    rsvp_set(meetup=meetup, user=person, going=True)
    assert NetworkEvent.objects.filter(action="rsvp").count() == 1


def test_leaving_the_waiting_list_promotes_nobody(make_meetup, members):
    first, second = members(2)
    meetup = make_meetup(capacity=1)
    rsvp_set(meetup=meetup, user=first, going=True)
    rsvp_set(meetup=meetup, user=second, going=True)
    rsvp_set(meetup=meetup, user=second, going=False)
    assert status(meetup, first) == "going"
    assert not OutboxEmail.objects.filter(kind="networks.promoted").exists()


def test_no_replies_to_a_cancelled_meetup(make_meetup, members, loti_staff):
    (person,) = members(1)
    meetup = make_meetup()
    meetup_cancel(meetup=meetup, by=loti_staff)
    with pytest.raises(NetworkError, match="cancelled"):
        rsvp_set(meetup=meetup, user=person, going=True)


def test_cancelling_tells_those_going_and_waiting_once(make_meetup, members, loti_staff):
    going, waiting, cant_go, _silent = members(4)
    meetup = make_meetup(capacity=1)
    rsvp_set(meetup=meetup, user=going, going=True)
    rsvp_set(meetup=meetup, user=waiting, going=True)
    rsvp_set(meetup=meetup, user=cant_go, going=False)

    meetup_cancel(meetup=meetup, by=loti_staff, reason="The venue flooded.")
    with pytest.raises(NetworkError, match="already cancelled"):
        meetup_cancel(meetup=meetup, by=loti_staff)

    emails = OutboxEmail.objects.filter(kind="networks.cancelled")
    assert set(emails.values_list("recipient_id", flat=True)) == {going.pk, waiting.pk}
    for email in emails:
        send(email_id=email.pk)
        send(email_id=email.pk)
    assert len(mail.outbox) == 2
    assert "The venue flooded." in mail.outbox[0].body
    assert meetup.reminders.filter(state="pending").count() == 0


def test_the_rsvp_page_flow(client_for, camden_lead, lambeth_lead, make_meetup):
    meetup = make_meetup(capacity=1)
    url = f"/networks/meetups/{meetup.pk}/rsvp/"

    response = client_for(camden_lead).post(url, {"answer": "going"}, follow=True)
    assert "You&#x27;re going" in response.content.decode()
    response = client_for(lambeth_lead).post(url, {"answer": "going"}, follow=True)
    page = response.content.decode()
    assert "waiting list (number 1)" in page

    assert client_for(lambeth_lead).post(url, {"answer": "maybe"}).status_code == 302
    assert status(meetup, lambeth_lead) == "waitlisted"
    assert client_for(lambeth_lead).get(url).status_code == 405
    assert client_for(lambeth_lead).post("/networks/meetups/999999/rsvp/").status_code == 404
