import re

import pytest
from django.urls import reverse

from loti_data.accounts.models import PasswordResetRequest
from loti_data.accounts.password_reset import handle
from loti_data.outbox.models import OutboxEmail
from tests.factories import DEFAULT_PASSWORD
from tests.support.outbox import deliver_owed


def handle_reset_requests() -> None:
    """What the worker does after the response."""
    for pk in PasswordResetRequest.objects.filter(handled_at=None).values_list("pk", flat=True):
        handle(pk)


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
    assert "paused for 15 minutes after too many failed attempts" in response.content.decode()
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
    assert not OutboxEmail.objects.exists()  # nothing is looked up before the answer
    handle_reset_requests()
    # Owed in the outbox (no token stored), sent by a worker.
    (row,) = OutboxEmail.objects.filter(kind="accounts.password_reset")
    assert (row.recipient, row.payload) == (camden_lead, {})
    assert deliver_owed() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [camden_lead.email]
    assert mailoutbox[0].subject == "Reset your loti-data password"
    assert "/accounts/reset/" in mailoutbox[0].body


def test_the_emailed_link_lets_them_choose_a_new_password(client, camden_lead, mailoutbox):
    client.post("/accounts/password_reset/", {"email": camden_lead.email.upper()})
    handle_reset_requests()
    deliver_owed()
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mailoutbox[0].body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.content.decode()
    new = "a-fresh-long-password-7"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    camden_lead.refresh_from_db()
    assert camden_lead.check_password(new)


def test_asking_twice_in_a_minute_sends_one_email(client, camden_lead, mailoutbox):
    client.post("/accounts/password_reset/", {"email": camden_lead.email})
    client.post("/accounts/password_reset/", {"email": camden_lead.email})
    handle_reset_requests()
    assert deliver_owed() == 1


def test_password_reset_for_an_unknown_address_says_the_same(client, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    handle_reset_requests()
    assert not OutboxEmail.objects.exists()
    assert mailoutbox == []


def test_no_reset_email_for_an_inactive_account(client, camden_lead, mailoutbox):
    camden_lead.is_active = False
    camden_lead.save(update_fields=["is_active"])
    response = client.post("/accounts/password_reset/", {"email": camden_lead.email})
    assert response.status_code == 302
    handle_reset_requests()
    assert not OutboxEmail.objects.exists()
