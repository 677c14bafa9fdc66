"""The demo data, the roles, hostile text and every URL pattern, for the fuzz tests.

The demo (``seed_demo``) is loaded once per module inside a transaction rolled back at the end, so
every page has real objects of every kind to show and every form has something to change.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import strategies as st

from conftest import ensure_reference_data
from loti_data.accounts.models import User
from loti_data.validators import TEXT_VALIDATORS

ROLES = {
    "anonymous": None,
    "borough lead": "lead@camden.example",
    "another borough's lead": "lead@lambeth.example",
    "LOTI staff": "staff@loti.example",
    "library admin": "admin@loti.example",
}
# Text that has broken protocols somewhere: line breaks of every kind, NUL, control and
# direction characters, huge text, emoji with joiners, right-to-left text, formulas, markup.
HOSTILE_TEXTS = [
    "two\nlines",
    "cr\r\nlf\rcr",
    "nul\x00byte",
    "\x00",
    "line\u2028separator\u2029paragraph",
    "next\x85line",
    "tab\there",
    "esc\x1b[31mred",
    "\u202eevil\u202c override",
    "\ufeffbom",
    "x" * 10_000,
    "😀👨‍👩‍👧‍👦🏳️‍🌈",
    "مرحبا بالعالم שלום",
    "\\ud800\\udfff",
    '=HYPERLINK("http://evil.example")',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00%0d%0a",
    "",
    " ",
    "-1",
    "99999999999999999999",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp"])),
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The demo data, and the people of each role by name (None: signed out)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_reference_data()
            call_command("seed_demo", stdout=StringIO())
            yield {
                role: User.objects.get(email=email) if email else None
                for role, email in ROLES.items()
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@dataclass(frozen=True)
class Route:
    """One URL pattern: its regex (anchored) and the names and converters of its parameters."""

    regex: str
    name: str
    params: tuple[tuple[str, str], ...]  # (name, converter: int, slug, str, path or regex)

    @property
    def is_admin(self) -> bool:
        return self.regex.startswith("admin/")

    def __str__(self) -> str:
        return self.name or self.regex


def _walk(patterns, prefix: str, names: tuple) -> Iterator[Route]:
    for pattern in patterns:
        part = pattern.pattern.regex.pattern.lstrip("^").removesuffix("$").removesuffix(r"\Z")
        converters = getattr(pattern.pattern, "converters", {})
        found = tuple(
            (name, type(converters[name]).__name__.removesuffix("Converter").lower())
            if name in converters
            else (name, "regex")
            for name in pattern.pattern.regex.groupindex
        )
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + part, names + found)
        elif isinstance(pattern, URLPattern):
            yield Route(prefix + part, pattern.name or "", names + found)


def every_route() -> list[Route]:
    """Every URL pattern of the product, admin included, found by walking the resolver."""
    seen, routes = set(), []
    for route in _walk(get_resolver().url_patterns, "", ()):
        if route.regex not in seen:
            seen.add(route.regex)
            routes.append(route)
    return routes


def fill(route: Route, values: dict[str, str]) -> str:
    """The path for ``route`` with ``values`` in its parameters (already URL-quoted)."""
    path = route.regex
    for name, _converter in route.params:
        path = re.sub(
            r"\(\?P<" + name + r">(?:[^()]|\([^()]*\))*\)", lambda _m, n=name: values[n], path
        )
    path = re.sub(r"\\(.)", r"\1", path)
    return "/" + path


def text_rules_hold() -> list[str]:
    """Every stored value of a field with a text rule obeys it (what a form let through)."""
    broken = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            checks = [v for v in field.validators if isinstance(v, TEXT_VALIDATORS)]
            if not checks:
                continue
            for pk, value in model.objects.values_list("pk", field.attname):
                for check in checks:
                    try:
                        check(value or "")
                    except Exception:
                        broken.append(f"{model._meta.label}.{field.name} #{pk}: {value!r}")
    return broken


def snapshot() -> dict[str, int]:
    """A fingerprint of every row of our apps' tables: a refused form must not change it."""
    labels = {"accounts", "outbox", "methodology", "projects", "skills"}
    return {
        model._meta.label: hash(repr(list(model.objects.order_by("pk").values_list())))
        for model in apps.get_models()
        if model._meta.app_label in labels
    }
