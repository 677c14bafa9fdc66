"""Every page asks anonymous visitors to log in, except an explicit list of public pages."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC_URL_NAMES = {
    "home",  # anonymous visitors get the landing page
    "healthz",
    "login",
    "account_login",  # the same page, under the name django-allauth's pages send people to
    # Signing in with an organisation's account, and the second factor half-way through a
    # log-in (allauth keeps the person who gave a correct password in its login stage).
    "openid_connect_login",
    "openid_connect_callback",
    "socialaccount_login_cancelled",
    "socialaccount_login_error",
    "mfa_authenticate",
    "logout",
    "account_logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "admin:login",
    "admin:logout",
    "admin:password_reset",
    "admin:password_reset_done",
    "admin:password_reset_confirm",
    "admin:password_reset_complete",
    "admin:view_on_site",
    "admin:jsi18n",
    "skills:calendar_feed",  # secret-token calendar feed (networks issue)
    # The API's schema and documentation hold no data.
    "api:schema",
    "api:docs",
}
# The read API's endpoints answer 401 (not a redirect to the login page) without a token or a
# signed-in session.
API_PREFIX = "api/v1/"
SAMPLE_VALUES = {
    "int": "1",
    "slug": "sample",
    "str": "sample",
    "uuid": str(uuid.uuid4()),
    "path": "x",
}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def to_path(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:  # regex routes from Django's own apps
        return None
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        converter = path[start + 1 : end].split(":")[0] if ":" in path[start:end] else "str"
        path = path[:start] + SAMPLE_VALUES.get(converter, "sample") + path[end + 1 :]
    return "/" + path


def private_urls(*, api: bool = False):
    for route, name in walk(get_resolver().url_patterns):
        if name in PUBLIC_URL_NAMES or route.startswith("static/"):
            continue
        if route.startswith(API_PREFIX) != api:
            continue
        if api:  # the router's regex routes: its lists (details need an id, tested in tests/api)
            route = route.replace("^", "").replace("$", "")
        path = to_path(route)
        if path:
            yield pytest.param(path, id=name or route)


@pytest.mark.parametrize("path", list(private_urls()))
def test_anonymous_visitor_is_sent_to_log_in(client, path):
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 302, f"{method.__name__.upper()} {path}"
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/"))


@pytest.mark.parametrize("path", list(private_urls(api=True)))
def test_anonymous_api_caller_gets_401(client, path):
    for method in (client.get, client.post):
        assert method(path).status_code == 401, f"{method.__name__.upper()} {path}"


def test_the_walk_covers_the_products_pages():
    names = {name for _, name in walk(get_resolver().url_patterns)}
    assert {"projects:list", "projects:backlog", "skills:index", "skills:networks"} <= names
    assert {"api:project-list", "api:backlog-list", "api:api-root"} <= names
