import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_camden_lead_logs_in_and_reaches_home(page, camden_lead):
    login_as(page, camden_lead)

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Camden")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects")
    ).to_be_visible()
    expect(page.get_by_text("Camden Lead · Camden")).to_be_visible()
    assert_accessible(page)


def test_wrong_password_shows_a_clear_error(page, camden_lead):
    login_as(page, camden_lead, password="not-the-password")

    assert "/accounts/login/" in page.url
    expect(page.get_by_text("Please enter a correct email address and password")).to_be_visible()
    assert_accessible(page)
