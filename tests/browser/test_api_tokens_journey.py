"""A BI analyst makes a token on the page (keyboard only, at 390px too), pulls the filtered
backlog with it as CSV over HTTP, then revokes it and is refused. The token page and the API
documentation page load with zero axe violations and no CSP errors."""

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login_as
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url: str, secret: str) -> tuple[int, str]:
    """A report's request: the token in the header, no cookies."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode("utf-8-sig")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_token_journey(page, live_server, camden_lead):
    ProjectFactory(title="=cmd|' /C calc'!A0", created_by=camden_lead)
    login_as(page, camden_lead)
    page.get_by_role("link", name="API tokens").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    assert_accessible(page)

    page.get_by_label("Name").focus()
    page.keyboard.type("Power BI")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    secret = page.get_by_label("Token").input_value()
    assert secret.startswith("loti_")
    assert_accessible(page)

    url = f"{live_server.url}/api/v1/backlog/?status=new&format=csv"
    status, body = fetch(url, secret)
    assert status == 200
    assert "'=cmd|" in body

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert_accessible(page)
    page.get_by_role("button", name="Revoke Power BI").click()
    page.wait_for_load_state()
    expect(page.get_by_text("is revoked")).to_be_visible()
    assert fetch(url, secret)[0] == 401


def test_the_api_docs_run_under_the_csp(page, live_server, reference_data):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto("/api/v1/docs/")
    page.get_by_text("/api/v1/backlog/").first.wait_for()
    assert not [e for e in errors if "Content Security Policy" in e], errors
