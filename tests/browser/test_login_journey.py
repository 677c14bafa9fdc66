import pytest

from tests.browser.conftest import assert_accessible, login_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_camden_lead_logs_in_and_reaches_home(page, camden_lead):
    login_as(page, camden_lead)

    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Camden"
    assert (
        page.get_by_role("navigation", name="Main")
        .get_by_role("link", name="Projects")
        .is_visible()
    )
    assert page.get_by_text("Camden Lead · Camden").is_visible()
    assert_accessible(page)


def test_wrong_password_shows_a_clear_error(page, camden_lead):
    login_as(page, camden_lead, password="not-the-password")

    assert "/accounts/login/" in page.url
    assert page.get_by_text("Please enter a correct email address and password").is_visible()
    assert_accessible(page)
