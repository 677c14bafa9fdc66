import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_email_and_password_log_in(client, camden_lead):
    response = client.post(LOGIN, {"username": "lead@camden.example", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_email_is_not_case_sensitive(client, camden_lead):
    response = client.post(LOGIN, {"username": "Lead@Camden.Example", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def test_wrong_password_is_refused_with_a_message(client, camden_lead):
    response = client.post(LOGIN, {"username": camden_lead.email, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.content.decode()


def test_five_failures_lock_the_username_for_15_minutes(client, camden_lead):
    for _ in range(5):
        client.post(LOGIN, {"username": camden_lead.email, "password": "wrong"})

    response = client.post(LOGIN, {"username": camden_lead.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 429
    assert "paused for 15 minutes after 5 failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, camden_lead, lambeth_lead):
    for _ in range(5):
        client.post(LOGIN, {"username": camden_lead.email, "password": "wrong"})

    response = client.post(LOGIN, {"username": lambeth_lead.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def test_logout_needs_a_post_and_ends_the_session(client_for, camden_lead):
    client = client_for(camden_lead)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get(reverse("projects:list")).status_code == 302


def test_password_reset_sends_a_link_by_email(client, camden_lead, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": camden_lead.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [camden_lead.email]
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_reset_for_an_unknown_address_says_the_same(client, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []
