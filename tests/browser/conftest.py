"""Playwright on Debian's Chromium, with axe-core accessibility checks.

Use ``page`` (a fresh browser context per test), ``login_as(page, user)`` and
``assert_accessible(page)`` after every page a journey visits.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from tests.factories import DEFAULT_PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Web-first assertions wait for the page a click leads to; give them as long as any other step,
# since a loaded CI machine can take several seconds to render a page.
expect.set_options(timeout=10_000)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make chromium` (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open another, separate browser (its own cookies): ``other = new_page()``."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


_axe = Axe()


def assert_accessible(page) -> None:
    """Zero axe-core violations for the WCAG 2.2 A and AA rules on the current page."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    page.wait_for_load_state()
    try:
        results = _axe.run(page, options=options)
    except PlaywrightError:
        # A click's navigation began while axe was reading the old page: check the new one.
        page.wait_for_load_state()
        results = _axe.run(page, options=options)
    assert results.violations_count == 0, (
        f"axe found violations on {page.url}:\n{results.generate_report()}"
    )


def login_as(page, user, password: str = DEFAULT_PASSWORD) -> None:
    """Log in with the password; LOTI staff, reviewers and library admins must use a second
    factor, so they get an authenticator app (tests/support/mfa.py) and give its code."""
    from loti_data.accounts.second_factor import requires_second_factor
    from tests.support.mfa import enrol, fresh_code

    needs_code = requires_second_factor(user) and password == DEFAULT_PASSWORD
    if needs_code:
        enrol(user)
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    if needs_code:
        assert_accessible(page)
        page.get_by_label("Code").fill(fresh_code(user))
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
