"""Signing in with an organisation's account in a real browser, through a real OpenID Connect
provider (tests/support/oidc.py), and the two-factor pages of a password account. axe checks
each of our pages (the provider's own pages are not ours)."""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from loti_data.accounts.models import OrganisationDomain, User
from tests.browser.conftest import assert_accessible
from tests.factories import DEFAULT_PASSWORD
from tests.support.mfa import totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_at_provider(page, sub: str) -> None:
    page.get_by_role("button", name="Sign in with your organisation").click()
    page.wait_for_load_state()
    page.locator("input[name=sub][type=text]").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_load_state()


def test_a_camden_officer_signs_in_with_the_council_account(page, oidc, camden):
    OrganisationDomain.objects.create(organisation=camden, domain="camden.example")
    oidc.set_user(
        "camden-officer", email="officer@camden.example", email_verified=True, name="Ada Officer"
    )

    page.goto("/accounts/login/")
    assert_accessible(page)
    sign_in_at_provider(page, "camden-officer")

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada")
    assert_accessible(page)
    assert User.objects.get(email="officer@camden.example").organisation == camden

    page.get_by_role("link", name="Account activity").click()
    expect(page.get_by_role("cell", name="Organisation account")).to_be_visible()
    assert_accessible(page)


def test_someone_from_an_unknown_organisation_is_told_why(page, oidc, camden):
    oidc.set_user("stranger", email="someone@elsewhere.example", email_verified=True)

    page.goto("/accounts/login/")
    sign_in_at_provider(page, "stranger")

    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("Your organisation's account is not set up to sign in to loti-data.")
    )
    assert_accessible(page)
    assert not User.objects.filter(email="someone@elsewhere.example").exists()


def test_loti_staff_enrol_an_authenticator_before_anything_else(page, loti_staff):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(loti_staff.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    assert "/accounts/2fa/totp/activate/" in page.url
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_load_state()

    assert Authenticator.objects.filter(user=loti_staff, type="totp").exists()
    assert_accessible(page)
    page.goto("/accounts/2fa/recovery-codes/")
    assert_accessible(page)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/accounts/2fa/" not in page.url
    page.goto("/accounts/2fa/")
    assert_accessible(page)
