"""The log-in throttle as an attacker tries it: spellings, addresses, forged proxies, huge
and hostile logins, and what the lockout gives away."""

import pytest
from axes.models import AccessAttempt

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_hashing(settings):
    """Dozens of log-ins a test: a fast hasher (what is tested is the counting, not hashing)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def attempt(client, username, password="wrong", ip="10.0.0.1", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "wrong_spellings, right_spelling",
    [
        (["LEAD@CAMDEN.EXAMPLE"] * 5, "lead@camden.example"),
        (["  lead@camden.example  "] * 5, "Lead@Camden.Example"),
        (["lead@camden.example\t"] * 5, "LEAD@camden.example"),
        (
            [
                "lead@camden.example",
                "LEAD@camden.example",
                " lead@camden.example",
                "Lead@camden.example ",
                "lEaD@CaMdEn.ExAmPlE",
            ],
            "  LEAD@CAMDEN.EXAMPLE ",
        ),
    ],
    ids=["upper-case", "spaces-around", "tab", "five-spellings"],
)
def test_failures_in_any_spelling_lock_the_one_account(
    client, camden_lead, wrong_spellings, right_spelling
):
    for spelling in wrong_spellings:
        attempt(client, spelling)

    response = attempt(client, right_spelling, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"lead@camden.example"}


def test_the_lock_holds_from_another_address_too(client, camden_lead):
    for _ in range(5):
        attempt(client, "LEAD@camden.example", ip="10.0.0.1")
    assert (
        attempt(client, "lead@camden.example", DEFAULT_PASSWORD, ip="10.9.9.9").status_code == 429
    )


def test_a_look_alike_spelling_does_not_reach_the_account(client, loti_staff):
    # A dotless i upper-cases to "I": a case-insensitive lookup would find staff@loti.example.
    response = attempt(client, "staff@lot\u0131.example", DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert not signed_in(client)


def test_fewer_failures_than_the_limit_still_let_the_person_in(client, camden_lead):
    for _ in range(4):
        attempt(client, "LEAD@camden.example")
    assert attempt(client, " lead@camden.example ", DEFAULT_PASSWORD).status_code == 302


def test_one_address_spraying_many_accounts_is_locked_out(client, camden_lead):
    for n in range(19):
        assert attempt(client, f"guess{n}@camden.example", ip="10.0.0.7").status_code == 200
    assert attempt(client, "guess-last@camden.example", ip="10.0.0.7").status_code == 429

    assert attempt(client, camden_lead.email, DEFAULT_PASSWORD, ip="10.0.0.7").status_code == 429
    # The account itself is not locked: from elsewhere its owner logs in.
    assert attempt(client, camden_lead.email, DEFAULT_PASSWORD, ip="10.0.0.8").status_code == 302


def test_a_colleague_s_mistakes_on_a_shared_address_do_not_lock_others(client, camden_lead):
    for n in range(4):
        attempt(client, f"colleague{n}@camden.example", ip="10.0.0.7")
    assert attempt(client, camden_lead.email, DEFAULT_PASSWORD, ip="10.0.0.7").status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(
    client, camden_lead, settings
):
    settings.TRUSTED_PROXIES = 0
    for n in range(20):
        attempt(
            client, f"guess{n}@camden.example", ip="10.0.0.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        )

    response = attempt(
        client,
        camden_lead.email,
        DEFAULT_PASSWORD,
        ip="10.0.0.7",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.7"}


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(
    client, camden_lead, settings
):
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    # The attacker forges entries on the left; the proxy appends the address it really saw.
    for n in range(20):
        attempt(
            client,
            f"guess{n}@camden.example",
            ip=proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.66",
        )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}
    locked = attempt(
        client, camden_lead.email, DEFAULT_PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.66"
    )
    assert locked.status_code == 429
    # Someone else behind the same proxy is not locked out.
    other = attempt(
        client, camden_lead.email, DEFAULT_PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.77"
    )
    assert other.status_code == 302


def test_behind_a_trusted_proxy_a_malformed_forwarded_for_falls_back_to_the_peer(
    client, camden_lead, settings
):
    settings.TRUSTED_PROXIES = 1
    attempt(client, camden_lead.email, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.0.0.2"]


HOSTILE_LOGINS = {
    "10000-characters": "a" * 9990 + "@x.example",
    "255-characters": "a" * 245 + "@x.example",
    "nul": "lead@camden.example\x00",
    "line-break": "lead@camden.example\r\nBcc: x@evil.example",
    "only-spaces": "     ",
}


@pytest.mark.parametrize("path", [LOGIN, ADMIN_LOGIN])
@pytest.mark.parametrize("username", HOSTILE_LOGINS.values(), ids=HOSTILE_LOGINS.keys())
def test_a_hostile_login_gets_a_clear_refusal_never_a_500(client, camden_lead, path, username):
    response = client.post(path, {"username": username, "password": "wrong"})

    assert response.status_code == 200
    page = response.content.decode()
    assert any(
        message in page
        for message in (
            "An email address has at most 254 characters.",
            "An email address cannot contain line breaks or control characters.",
            "Null characters are not allowed.",
            "This field is required.",
        )
    ), page
    assert not signed_in(client)


def test_the_lockout_does_not_say_whether_the_account_exists(client, camden_lead):
    def lock(username, ip):
        for _ in range(5):
            attempt(client, username, ip=ip)
        return attempt(client, username, ip=ip)

    existing = lock(camden_lead.email, "10.0.0.1")
    unknown = lock("nobody@camden.example", "10.0.0.2")

    assert existing.status_code == unknown.status_code == 429
    assert existing.content == unknown.content
    assert "nobody" not in unknown.content.decode()
    assert "paused for 15 minutes" in existing.content.decode()


def test_a_wrong_password_and_an_unknown_account_get_the_same_message(client, camden_lead):
    known = attempt(client, camden_lead.email, ip="10.0.0.1")
    unknown = attempt(client, "nobody@camden.example", ip="10.0.0.2")
    for response in (known, unknown):
        assert "Please enter a correct email address and password" in response.content.decode()


def test_a_successful_log_in_clears_the_account_s_failures_not_its_address_s(
    client, camden_lead, lambeth_lead
):
    for n in range(19):
        attempt(client, f"guess{n}@camden.example", ip="10.0.0.7")
    assert attempt(client, lambeth_lead.email, DEFAULT_PASSWORD, ip="10.0.0.7").status_code == 302
    client.post("/accounts/logout/")
    attempt(client, "guess-last@camden.example", ip="10.0.0.7")
    assert attempt(client, camden_lead.email, DEFAULT_PASSWORD, ip="10.0.0.7").status_code == 429


def test_failures_on_the_admin_s_log_in_count_against_the_same_account(client, camden_lead):
    for _ in range(5):
        client.post(ADMIN_LOGIN, {"username": " LEAD@camden.example", "password": "wrong"})
    assert attempt(client, camden_lead.email, DEFAULT_PASSWORD).status_code == 429
    assert not signed_in(client)
