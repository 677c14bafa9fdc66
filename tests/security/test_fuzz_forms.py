"""Every form of the product, found by opening every page (walking the resolver) as each role and
reading its ``<form method="post">``s, posted with hostile text by a person the page offered it to.

Whatever is posted: never a 500; a refused form changes nothing (every row of our tables is as it
was); and nothing that was accepted breaks a text rule (no line break in a title, no NUL).
Bodies are sent as bytes, so a lone surrogate arrives as broken UTF-8, as an attacker would send.
"""

from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import (
    ROLES,
    every_route,
    fill,
    hostile_text,
    snapshot,
    text_rules_hold,
)
from tests.security.test_fuzz_urls import real_values

pytestmark = pytest.mark.django_db

# Forms that only sign in or out, or change a password: other tests cover them, and posting
# them would change who the client is.
SKIPPED_ACTIONS = ("/accounts/",)


class FormReader(HTMLParser):
    """The POST forms of a page: action, and each field's name, kind and offered values."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = {"action": attrs.get("action") or "", "fields": {}}
                self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._select["options"].append(attrs.get("value", ""))
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            field = fields.setdefault(attrs["name"], {"kind": kind, "options": []})
            if kind in ("checkbox", "radio", "hidden", "submit"):
                field["options"].append(attrs.get("value", "on"))
            elif attrs.get("value"):
                field["value"] = attrs["value"]
        elif tag == "textarea":
            fields[attrs["name"]] = {"kind": "textarea", "options": []}
        elif tag == "select":
            self._select = fields[attrs["name"]] = {"kind": "select", "options": []}

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def discover_forms(clients: dict) -> dict[tuple[str, str], dict]:
    """(role, action path) -> form, for every POST form on every product page as every role:
    each role opens the pages of a project on whose team they are, at every stage."""
    found = {}
    for route in every_route():
        if route.is_admin:
            continue
        for role, client in clients.items():
            for page in _pages(route, client.user):
                response = client.get(page)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                reader = FormReader()
                reader.feed(response.content.decode())
                for form in reader.forms:
                    action = urlsplit(urljoin(page, form["action"])).path
                    if action.startswith(SKIPPED_ACTIONS):
                        continue
                    try:
                        resolve(action)
                    except Resolver404:
                        continue
                    found.setdefault((role, action), form)
    return found


def _pages(route, user) -> list[str]:
    values = {}
    for name, _converter in route.params:
        real = real_values(route, name, user)
        if not real:
            return []
        values[name] = real if name == "stage" else real[:1]
    pages = [{}]
    for name, options in values.items():
        pages = [{**page, name: option} for page in pages for option in options]
    return [fill(route, page) for page in pages]


def body(form: dict, draw) -> bytes:
    """Hostile text in every text field; an offered (or a made-up) value in every choice."""
    pairs = []
    for name, field in form["fields"].items():
        kind, options = field["kind"], field["options"]
        if kind in ("hidden", "submit"):
            values = options[:1] or [field.get("value", "")]
        elif kind in ("checkbox", "radio", "select"):
            values = draw(
                st.lists(st.sampled_from([*options, "99999", "x\x00"]), max_size=2)
                if options
                else st.just([])
            )
        elif kind == "file":
            continue
        else:
            values = [draw(hostile_text)]
        pairs += [(name, value) for value in values]
    encode = lambda text: quote_from_bytes(str(text).encode("utf-8", "surrogatepass"))  # noqa: E731
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs).encode()


@pytest.fixture(scope="module")
def forms(demo, django_db_blocker):
    with django_db_blocker.unblock():
        clients = {role: _client(user) for role, user in demo.items() if user is not None}
        return discover_forms(clients)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def test_the_fuzz_finds_the_product_s_forms(forms):
    """A guard for the discovery itself: it sees forms of every part, as several roles."""
    actions = {action for _role, action in forms}
    for part in ("/projects/", "/backlog/", "/ethics/", "/skills/", "/networks/"):
        assert any(part in action for action in actions), part
    assert len(forms) >= 30, sorted(forms)


def test_every_form_takes_hostile_text_without_a_500_or_a_half_saved_change(forms, demo):
    clients = {role: _client(user) for role, user in demo.items() if user is not None}
    keys = sorted(forms)

    @settings(
        max_examples=len(keys) + 20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(key=st.sampled_from(keys), data=st.data())
    def post(key, data):
        role, action = key
        payload = body(forms[key], data.draw)
        before = snapshot()
        response = clients[role].post(
            action, payload, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code < 500, (role, action, response.status_code)
        if response.status_code != 302:
            assert snapshot() == before, f"{role} {action}: refused but changed"
        else:
            assert text_rules_hold() == [], f"{role} {action} stored text its field refuses"

    post()


def test_every_role_can_name_its_forms(forms):
    roles = {role for role, _action in forms}
    assert roles >= {"borough lead", "LOTI staff", "library admin"}, roles
    assert set(ROLES) >= roles
