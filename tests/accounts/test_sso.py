"""Signing in with an organisation's account, end to end against a real OpenID Connect provider
(oidc-provider-mock on a thread, tests/support/oidc.py): the test client plays the browser on
our side, ``requests`` plays it at the provider."""

import uuid
from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError

from loti_data.accounts.models import (
    OrganisationDomain,
    OrganisationTenant,
    SignInEvent,
    User,
)
from loti_data.accounts.sso import organisation_for_claims
from loti_data.accounts.sso_provider import expected_issuer
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

START = "/accounts/oidc/organisation/login/"
TENANT = uuid.UUID("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b")


@pytest.fixture
def camden_domain(camden):
    return OrganisationDomain.objects.create(organisation=camden, domain="camden.example")


@pytest.fixture
def lambeth_tenant(lambeth):
    return OrganisationTenant.objects.create(organisation=lambeth, tenant_id=TENANT)


def start(client, next_url: str | None = None, ip: str = "10.0.0.1") -> str:
    response = client.post(START, {"next": next_url} if next_url else {}, REMOTE_ADDR=ip)
    assert response.status_code == 302, response.content
    return response["Location"]


def local(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.path}?{parsed.query}"


def sign_in(client, oidc, sub: str, next_url: str | None = None, ip="10.0.0.1", **claims):
    oidc.set_user(sub, **claims)
    back = oidc.authorize(start(client, next_url, ip), sub)
    return client.get(local(back), REMOTE_ADDR=ip)


def signed_in_as(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def nothing_created(users_before: int) -> bool:
    return User.objects.count() == users_before and not SocialAccount.objects.exists()


def with_query(url: str, **changes) -> str:
    parsed = urlparse(url)
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    query.update(changes)
    return urlunparse(parsed._replace(query=urlencode(query)))


# The first sign-in


def test_a_verified_address_in_a_listed_domain_creates_the_account_there(
    client, oidc, camden_domain, camden
):
    response = sign_in(
        client,
        oidc,
        "sub-new-camden",
        email="New.Officer@camden.example",
        email_verified=True,
        name="New Officer",
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    person = signed_in_as(client)
    assert person.email == "new.officer@camden.example"
    assert person.organisation == camden
    assert person.name == "New Officer"
    assert not person.has_usable_password()
    assert SocialAccount.objects.get(user=person).uid == "sub-new-camden"
    event = SignInEvent.objects.get(user=person)
    assert (event.kind, event.method) == (SignInEvent.Kind.SIGNED_IN, SignInEvent.Method.SSO)
    assert client.get("/").status_code == 200


def test_a_listed_tenant_creates_the_account_in_its_organisation(
    client, oidc, lambeth_tenant, lambeth
):
    response = sign_in(
        client,
        oidc,
        "sub-lambeth",
        email="officer@lambeth.gov.example",
        name="Lambeth Officer",
        tid=str(TENANT),
    )

    assert response.status_code == 302
    assert signed_in_as(client).organisation == lambeth


@pytest.mark.parametrize(
    "claims",
    [
        {"email": "someone@elsewhere.example", "email_verified": True},
        # A listed domain, but the provider does not vouch for the address.
        {"email": "someone@camden.example", "email_verified": False},
        {"email": "someone@camden.example"},
        {"email": "someone@camden.example", "email_verified": "yes"},
        # A tenant no organisation lists.
        {"email": "someone@camden.example", "tid": str(uuid.uuid4())},
        {"email": "someone@camden.example", "tid": "not-a-guid"},
    ],
    ids=[
        "unknown-domain",
        "unverified",
        "no-verified-claim",
        "odd-verified",
        "unknown-tenant",
        "bad-tid",
    ],
)
def test_anyone_else_is_refused_clearly_and_nothing_is_created(
    client, oidc, camden_domain, lambeth_tenant, claims
):
    users = User.objects.count()

    response = sign_in(client, oidc, f"sub-{uuid.uuid4()}", **claims)

    assert response.status_code == 403
    assert "not set up to sign in to loti-data" in response.content.decode()
    assert signed_in_as(client) is None
    assert nothing_created(users)
    event = SignInEvent.objects.get()
    assert (event.kind, event.method, event.user) == (
        SignInEvent.Kind.SIGN_IN_FAILED,
        SignInEvent.Method.SSO,
        None,
    )
    assert event.ip_address == "10.0.0.1"


def test_a_tenant_cannot_give_its_people_another_organisation_s_address(
    client, oidc, lambeth_tenant, camden_domain
):
    """Lambeth's tenant sends a Camden address it does not vouch for: no Lambeth account may
    carry it (Camden's people would get Lambeth's emails, and the name would mislead)."""
    users = User.objects.count()

    response = sign_in(
        client, oidc, "sub-borrowed", email="someone@camden.example", tid=str(TENANT)
    )

    assert response.status_code == 403
    assert "belongs to another organisation" in response.content.decode()
    assert nothing_created(users)
    assert SignInEvent.objects.get().detail == "another organisation's address"


def test_no_email_is_refused(client, oidc, lambeth_tenant):
    users = User.objects.count()
    response = sign_in(client, oidc, "sub-no-email", tid=str(TENANT))
    assert response.status_code == 403
    assert "did not tell us your email address" in response.content.decode()
    assert nothing_created(users)


def test_hostile_claims_are_stored_as_one_clean_line(client, oidc, camden_domain):
    sign_in(
        client,
        oidc,
        "sub-hostile",
        email="hostile@camden.example",
        email_verified=True,
        name="Line\nbreak\x00 " + "x" * 500,
    )
    person = signed_in_as(client)
    assert person.name.startswith("Line break x")
    assert len(person.name) == 150


# Later sign-ins and linking


def test_a_later_sign_in_finds_the_same_account_by_its_subject(client, oidc, camden_domain):
    sign_in(client, oidc, "sub-again", email="again@camden.example", email_verified=True)
    first = signed_in_as(client)
    client.post("/accounts/logout/")

    # The address changed at the provider (and is no longer vouched for): the subject decides.
    sign_in(client, oidc, "sub-again", email="renamed@camden.example")

    assert signed_in_as(client) == first
    assert User.objects.filter(email__endswith="@camden.example").count() == 1


def test_a_verified_address_links_to_the_account_made_with_a_password(client, oidc, camden_lead):
    # No domain or tenant listed: linking needs only the verified address.
    sign_in(client, oidc, "sub-camden-lead", email="LEAD@camden.example", email_verified=True)

    assert signed_in_as(client) == camden_lead
    assert SocialAccount.objects.get(uid="sub-camden-lead").user == camden_lead
    camden_lead.refresh_from_db()
    # The password still works: linking takes nothing away.
    assert camden_lead.check_password(DEFAULT_PASSWORD)


def test_an_unverified_address_never_links(client, oidc, camden_lead, camden_domain):
    users = User.objects.count()

    response = sign_in(client, oidc, "sub-impostor", email="lead@camden.example")

    assert response.status_code == 403
    assert signed_in_as(client) is None
    assert nothing_created(users)


def test_an_unverified_address_of_an_existing_account_in_a_listed_tenant_is_refused(
    client, oidc, lambeth_lead, lambeth_tenant
):
    users = User.objects.count()

    response = sign_in(
        client, oidc, "sub-tenant-impostor", email=lambeth_lead.email, tid=str(TENANT)
    )

    assert response.status_code == 403
    assert "Log in with your password instead" in response.content.decode()
    assert nothing_created(users)


def test_a_closed_account_is_refused(client, oidc, camden_lead):
    camden_lead.is_active = False
    camden_lead.save()

    response = sign_in(client, oidc, "sub-closed", email=camden_lead.email, email_verified=True)

    assert response.status_code == 403
    assert signed_in_as(client) is None


# The protocol's checks


def test_the_request_uses_pkce_state_and_nonce(client, oidc):
    query = parse_qs(urlparse(start(client)).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 12
    assert len(query["nonce"][0]) >= 32
    assert sorted(query["scope"][0].split()) == ["email", "openid", "profile"]  # any order


def test_a_tampered_state_is_refused(client, oidc, camden_domain):
    users = User.objects.count()
    oidc.set_user("sub-state", email="state@camden.example", email_verified=True)
    back = oidc.authorize(start(client), "sub-state")

    response = client.get(local(with_query(back, state="forged-state-value")))

    assert response.status_code == 400
    assert "did not work" in response.content.decode()
    assert signed_in_as(client) is None
    assert nothing_created(users)
    assert SignInEvent.objects.filter(kind=SignInEvent.Kind.SIGN_IN_FAILED).count() == 1


def test_a_replayed_callback_is_refused(client, oidc, camden_domain):
    oidc.set_user("sub-replay", email="replay@camden.example", email_verified=True)
    back = oidc.authorize(start(client), "sub-replay")
    assert client.get(local(back)).status_code == 302
    client.post("/accounts/logout/")

    response = client.get(local(back))

    assert response.status_code == 400
    assert signed_in_as(client) is None


def test_a_used_code_is_refused_in_a_new_sign_in(client, oidc, camden_domain):
    oidc.set_user("sub-used-code", email="used@camden.example", email_verified=True)
    first = oidc.authorize(start(client), "sub-used-code")
    assert client.get(local(first)).status_code == 302
    client.post("/accounts/logout/")

    # A new sign-in's state, with the first one's (spent) code.
    second = oidc.authorize(start(client), "sub-used-code")
    old_code = parse_qs(urlparse(first).query)["code"][0]
    response = client.get(local(with_query(second, code=old_code)))

    assert response.status_code == 400
    assert signed_in_as(client) is None


def test_an_expired_code_is_refused_and_recorded(client, oidc, camden_domain):
    users = User.objects.count()
    oidc.set_user("sub-expired", email="expired@camden.example", email_verified=True)
    back = oidc.authorize(start(client), "sub-expired")
    oidc.checks.age_codes(11 * 60)  # the browser came back after the code's ten minutes

    response = client.get(local(back))

    assert response.status_code == 400
    assert "did not work" in response.content.decode()
    assert signed_in_as(client) is None
    assert nothing_created(users)
    assert SignInEvent.objects.filter(kind=SignInEvent.Kind.SIGN_IN_FAILED).count() == 1


def test_a_sign_in_left_open_too_long_is_refused(client, oidc, camden_domain):
    """The state our side keeps for a sign-in lasts ten minutes, whatever the provider says."""
    users = User.objects.count()
    oidc.set_user("sub-slow", email="slow@camden.example", email_verified=True)
    back = oidc.authorize(start(client), "sub-slow")
    session = client.session
    session["socialaccount_states"] = {
        state_id: [state, started - 11 * 60, provider]
        for state_id, (state, started, provider) in session["socialaccount_states"].items()
    }
    session.save()

    response = client.get(local(back))

    assert response.status_code == 400
    assert signed_in_as(client) is None
    assert nothing_created(users)


def test_a_code_issued_to_another_browser_is_refused_by_pkce(client, oidc, camden_domain):
    """Code injection: an attacker's browser obtains a code and plants it in the victim's
    sign-in. The victim's PKCE verifier does not match the attacker's challenge."""
    from django.test import Client

    users = User.objects.count()
    oidc.set_user("sub-attacker", email="attacker@camden.example", email_verified=True)
    attacker = Client()
    stolen = parse_qs(urlparse(oidc.authorize(start(attacker), "sub-attacker")).query)["code"][0]

    victim_back = oidc.authorize(start(client), "sub-attacker")
    response = client.get(local(with_query(victim_back, code=stolen)))

    assert response.status_code == 400
    assert nothing_created(users)


def test_an_id_token_for_another_nonce_is_refused(client, oidc, camden_domain):
    users = User.objects.count()
    oidc.set_user("sub-nonce", email="nonce@camden.example", email_verified=True)
    authorize_url = with_query(start(client), nonce="a-nonce-this-sign-in-never-sent")
    back = oidc.authorize(authorize_url, "sub-nonce")

    response = client.get(local(back))

    assert response.status_code == 400
    assert nothing_created(users)


def test_a_token_from_another_issuer_is_refused(client, oidc, settings, camden_domain):
    settings.SOCIALACCOUNT_PROVIDERS = oidc.app_settings(
        openid_configuration_overrides={"issuer": f"{oidc.url}/{{tenantid}}/v2.0"}
    )
    users = User.objects.count()

    response = sign_in(
        client, oidc, "sub-issuer", email="iss@camden.example", email_verified=True, tid=str(TENANT)
    )

    assert response.status_code == 400
    assert nothing_created(users)


def test_entra_multi_tenant_issuers_are_the_token_s_own_tenant():
    template = "https://login.microsoftonline.com/{tenantid}/v2.0"
    assert (
        expected_issuer(template, {"tid": str(TENANT)})
        == f"https://login.microsoftonline.com/{TENANT}/v2.0"
    )
    assert expected_issuer(template, {}) is None
    assert expected_issuer(template, {"tid": "x/../other"}) is None
    assert expected_issuer("https://id.example", {"tid": str(TENANT)}) == "https://id.example"


@pytest.mark.parametrize(
    "next_url, lands",
    [
        ("/projects/", "/projects/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_is_followed_only_within_the_site(client, oidc, camden_domain, next_url, lands):
    response = sign_in(
        client,
        oidc,
        f"sub-next-{uuid.uuid4()}",
        next_url=next_url,
        email=f"next-{uuid.uuid4().hex[:8]}@camden.example",
        email_verified=True,
    )
    assert response.status_code == 302
    assert response["Location"] == lands


def test_too_many_failures_from_one_address_pause_sso_from_it(
    client, oidc, camden_domain, settings
):
    for _ in range(settings.LOGIN_IP_FAILURE_LIMIT):
        client.get(f"{START}callback/?state=forged&code=x", REMOTE_ADDR="10.9.9.9")

    paused = sign_in(
        client, oidc, "sub-paused", ip="10.9.9.9", email="p@camden.example", email_verified=True
    )
    elsewhere = sign_in(
        client, oidc, "sub-paused", ip="10.9.9.8", email="p@camden.example", email_verified=True
    )

    assert paused.status_code == 429
    assert "paused for 15 minutes" in paused.content.decode()
    assert elsewhere.status_code == 302


def test_the_sign_in_page_offers_the_organisation_button_only_when_configured(
    client, settings, oidc
):
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with your organisation" in page
    assert f'action="{START}"' in page

    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert "Sign in with your organisation" not in client.get("/accounts/login/").content.decode()


def test_an_sso_sign_in_needs_no_second_factor_for_the_admin(client, oidc, loti):
    boss = UserFactory(
        email="boss@loti.example", organisation=loti, is_staff=True, is_superuser=True
    )
    sign_in(client, oidc, "sub-boss", email=boss.email, email_verified=True)

    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


# The organisation rule and the admin's validation


def test_the_organisation_rule(camden, lambeth, camden_domain, lambeth_tenant):
    assert organisation_for_claims({"tid": str(TENANT), "email": "a@camden.example"}) == lambeth
    assert organisation_for_claims({"email": "a@camden.example", "email_verified": True}) == camden
    assert organisation_for_claims({"email": "a@camden.example", "xms_edov": True}) == camden
    assert (
        organisation_for_claims({"email": "a@CAMDEN.example", "email_verified": "true"}) == camden
    )
    assert (
        organisation_for_claims({"email": "a@sub.camden.example", "email_verified": True}) is None
    )
    assert organisation_for_claims({"email": "a@camden.example"}) is None
    assert organisation_for_claims({}) is None


@pytest.mark.parametrize(
    "domain, message",
    [
        ("Camden.example", "lower case"),
        ("*.camden.example", "wildcards"),
        ("a@camden.example", "wildcards"),
        (" camden.example", "lower case"),
        ("camden", "not a domain"),
        ("camden..example", "not a domain"),
    ],
)
def test_domains_are_lower_case_without_wildcards(camden, domain, message):
    with pytest.raises(ValidationError, match=message):
        OrganisationDomain(organisation=camden, domain=domain).full_clean()


def test_a_domain_or_tenant_belongs_to_one_organisation(
    camden, lambeth, camden_domain, lambeth_tenant
):
    with pytest.raises(ValidationError, match="already exists"):
        OrganisationDomain(organisation=lambeth, domain="camden.example").full_clean()
    with pytest.raises(ValidationError, match="already exists"):
        OrganisationTenant(organisation=camden, tenant_id=TENANT).full_clean()
    with pytest.raises(ValidationError):
        OrganisationTenant(organisation=camden, tenant_id="not-a-guid").full_clean()


def test_the_admin_lists_domains_and_tenants_on_the_organisation(client, camden, camden_domain):
    admin = UserFactory(email="root@loti.example", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(f"/admin/accounts/organisation/{camden.pk}/change/").content.decode()
    assert "camden.example" in page
    assert "Sign-in tenants" in page

    response = client.post(
        f"/admin/accounts/organisation/{camden.pk}/change/",
        {
            "name": camden.name,
            "slug": camden.slug,
            "kind": camden.kind,
            "gss_code": camden.gss_code or "",
            "sso_tenants-TOTAL_FORMS": "1",
            "sso_tenants-INITIAL_FORMS": "0",
            "sso_tenants-0-tenant_id": "nonsense",
            "sso_domains-TOTAL_FORMS": "1",
            "sso_domains-INITIAL_FORMS": "0",
            "sso_domains-0-domain": "*.camden.example",
        },
    )
    assert response.status_code == 200
    assert OrganisationTenant.objects.count() == 0
    assert OrganisationDomain.objects.count() == 1
