"""The password reset as an attacker probes it: the same answer and the same work for known and
unknown addresses (the email is owed after the response), rate limits per address and per
client address, hostile input."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from loti_data.accounts.models import PasswordResetRequest
from loti_data.accounts.password_reset import PER_ADDRESS, PER_CLIENT, TOO_MANY, handle, sweep
from loti_data.outbox.models import OutboxEmail
from tests.support.outbox import deliver_owed

pytestmark = pytest.mark.django_db

RESET = "/accounts/password_reset/"


def ask(client, email, ip="10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def statements(queries) -> list[str]:
    """The SQL run, with the values taken out: what the database was asked to do."""
    return [re.sub(r"'[^']*'|\b\d+\b|\"s\d+_x\d+\"", "?", query["sql"]) for query in queries]


def test_known_and_unknown_addresses_get_the_same_answer_and_the_same_work(client, camden_lead):
    with CaptureQueriesContext(connection) as known_queries:
        known = ask(client, camden_lead.email, ip="10.0.0.1")
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = ask(client, "nobody@camden.example", ip="10.0.0.2")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert statements(known_queries) == statements(unknown_queries)
    assert not any("accounts_user" in sql for sql in statements(known_queries))
    assert not OutboxEmail.objects.exists()
    done_known = client.get(known["Location"])
    done_unknown = client.get(unknown["Location"])
    assert done_known.content == done_unknown.content


def test_the_email_is_owed_by_the_worker_after_the_response(client, camden_lead, mailoutbox):
    ask(client, camden_lead.email)
    ask(client, "nobody@camden.example")
    known, unknown = PasswordResetRequest.objects.order_by("pk")

    assert handle(known.pk) is True
    assert handle(known.pk) is False  # a redelivered task owes nothing more
    assert handle(unknown.pk) is False
    assert deliver_owed() == 1
    assert [message.to for message in mailoutbox] == [[camden_lead.email]]


def test_a_request_no_worker_took_is_handled_by_the_sweep(client, camden_lead, mailoutbox):
    ask(client, camden_lead.email)
    assert sweep()["owed"] == 1
    assert sweep()["owed"] == 0
    assert deliver_owed() == 1


def test_the_sweep_forgets_requests_older_than_the_window(client, camden_lead):
    ask(client, camden_lead.email)
    later = timezone.now() + timedelta(minutes=61)
    assert sweep(now=later)["forgotten"] == 1
    assert not PasswordResetRequest.objects.exists()


@pytest.mark.parametrize("address", ["lead@camden.example", "nobody@camden.example"])
def test_one_address_is_limited_whether_it_is_anyone_s_or_not(client, camden_lead, address):
    spellings = [address, address.upper(), f"  {address} "]
    for n in range(PER_ADDRESS):
        assert ask(client, spellings[n % 3], ip=f"10.0.1.{n}").status_code == 302

    refused = ask(client, address.title(), ip="10.0.2.1")

    assert refused.status_code == 429
    assert TOO_MANY in refused.content.decode()
    assert PasswordResetRequest.objects.count() == PER_ADDRESS


def test_the_refusal_is_the_same_for_known_and_unknown_addresses(client, camden_lead):
    def exhaust(address, ip):
        for _ in range(PER_ADDRESS):
            ask(client, address, ip=ip)
        return ask(client, address, ip=ip)

    known = exhaust(camden_lead.email, "10.0.0.1")
    unknown = exhaust("nobody@camden.example", "10.0.0.2")
    assert known.status_code == unknown.status_code == 429
    without_form = [
        re.sub(r'value="[^"]*"', "", response.content.decode()) for response in (known, unknown)
    ]
    assert without_form[0] == without_form[1]


def test_one_client_address_is_limited_across_addresses(client, camden_lead):
    for n in range(PER_CLIENT):
        assert ask(client, f"person{n}@camden.example", ip="10.0.0.9").status_code == 302

    assert ask(client, camden_lead.email, ip="10.0.0.9").status_code == 429
    assert ask(client, camden_lead.email, ip="10.0.0.10").status_code == 302


def test_behind_a_trusted_proxy_the_limit_follows_the_client(client, camden_lead, settings):
    settings.TRUSTED_PROXIES = 1
    for n in range(PER_CLIENT):
        client.post(
            RESET,
            {"email": f"person{n}@camden.example"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.66",
        )
    assert set(PasswordResetRequest.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}
    other = client.post(
        RESET,
        {"email": camden_lead.email},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.7",
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    "email",
    ["a" * 9990 + "@x.example", "lead@camden.example\x00", "lead@camden.example\r\nBcc: x@y.z"],
    ids=["10000-characters", "nul", "line-break"],
)
def test_a_hostile_address_gets_a_clear_refusal_never_a_500(client, email):
    response = ask(client, email)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not PasswordResetRequest.objects.exists()
