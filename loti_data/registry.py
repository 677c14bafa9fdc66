"""What the feature apps offer the core, registered when each app is ready.

The core package (``loti_data``) never imports a feature app. It asks this registry, and each app
fills it from its ``AppConfig.ready()``:

* **attention panels** for the home page (:func:`register_attention`);
* **navigation** links in the header (:func:`register_nav`);
* **email kinds** the outbox can build and send (:func:`register_email`);
* **sweepers** run by the every-minute beat sweep (:func:`register_sweeper`);
* **search kinds**: what each part makes searchable, who finds it, and which saved rows change
  it (:func:`register_search`, :func:`register_search_source`).
* **read API endpoints** under ``/api/v1/`` (:func:`register_api`).

Registering the same name twice replaces the earlier entry, so a reloaded app never doubles up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Attention:
    """A home-page panel builder: ``build(user)`` returns a ``loti_data.attention.Panel`` or
    None when the panel is not for this person."""

    name: str
    build: Callable[[Any], Any]
    order: int = 100


@dataclass(frozen=True)
class NavLink:
    """A header link: ``url_name`` is reversed; ``visible(user)`` decides who sees it."""

    name: str
    label: str
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100


@dataclass(frozen=True)
class EmailKind:
    """An email the outbox can send. ``build(row)`` turns an outbox row into a message."""

    kind: str
    build: Callable[[Any], Any]


@dataclass(frozen=True)
class Sweeper:
    """Periodic work run by the beat sweep every minute. It must be idempotent: claim due rows
    in the database, never trust that it runs exactly once."""

    name: str
    run: Callable[[], Any]


@dataclass(frozen=True)
class ApiEndpoint:
    """A read-only DRF viewset served at ``/api/v1/<prefix>/``."""

    prefix: str
    viewset: Any
    basename: str
    order: int = 100


_attention: dict[str, Attention] = {}
_nav: dict[str, NavLink] = {}
_emails: dict[str, EmailKind] = {}
_sweepers: dict[str, Sweeper] = {}
_api: dict[str, ApiEndpoint] = {}


def register_attention(name: str, build: Callable[[Any], Any], *, order: int = 100) -> None:
    _attention[name] = Attention(name, build, order)


def attention_sources() -> list[Attention]:
    return sorted(_attention.values(), key=lambda source: (source.order, source.name))


def register_nav(
    name: str,
    label: str,
    url_name: str,
    *,
    visible: Callable[[Any], bool] = lambda user: True,
    order: int = 100,
) -> None:
    _nav[name] = NavLink(name, label, url_name, visible, order)


def nav_links() -> list[NavLink]:
    return sorted(_nav.values(), key=lambda link: (link.order, link.name))


def register_email(kind: str, build: Callable[[Any], Any]) -> None:
    _emails[kind] = EmailKind(kind, build)


def email_kind(kind: str) -> EmailKind | None:
    return _emails.get(kind)


def register_sweeper(name: str, run: Callable[[], Any]) -> None:
    _sweepers[name] = Sweeper(name, run)


def sweepers() -> list[Sweeper]:
    return sorted(_sweepers.values(), key=lambda sweeper: sweeper.name)


def register_api(prefix: str, viewset: Any, *, basename: str, order: int = 100) -> None:
    _api[prefix] = ApiEndpoint(prefix, viewset, basename, order)


def api_endpoints() -> list[ApiEndpoint]:
    return sorted(_api.values(), key=lambda endpoint: (endpoint.order, endpoint.prefix))


@dataclass(frozen=True)
class SearchKind:
    """Something a part makes searchable. ``build(object_id)`` returns a
    ``loti_data.search.documents.Document`` (or None when the object is gone or not searchable);
    ``all_ids()`` lists every object to index; ``visible(user)`` asks the part's rules whether this
    person finds this kind at all."""

    kind: str
    label: str
    build: Callable[[int], Any]
    all_ids: Callable[[], Any]
    visible: Callable[[Any], bool]
    order: int = 100
    # Optional: ``build_many(ids)`` -> {id: Document}, a whole batch in a few queries (rebuilds).
    build_many: Callable[[list[int]], dict[int, Any]] | None = None


@dataclass(frozen=True)
class SearchSource:
    """A model whose saved or deleted rows change a search document: ``object_id(row)`` names
    the ``kind`` document to rebuild (None: nothing to rebuild)."""

    model: Any
    kind: str
    object_id: Callable[[Any], int | None]


_search_kinds: dict[str, SearchKind] = {}
_search_sources: dict[tuple[str, str], SearchSource] = {}


def register_search(
    kind: str,
    label: str,
    *,
    build: Callable[[int], Any],
    all_ids: Callable[[], Any],
    visible: Callable[[Any], bool],
    order: int = 100,
    build_many: Callable[[list[int]], dict[int, Any]] | None = None,
) -> None:
    _search_kinds[kind] = SearchKind(kind, label, build, all_ids, visible, order, build_many)


def search_kinds() -> list[SearchKind]:
    return sorted(_search_kinds.values(), key=lambda kind: (kind.order, kind.kind))


def search_kind(kind: str) -> SearchKind | None:
    return _search_kinds.get(kind)


def register_search_source(model: Any, kind: str, object_id: Callable[[Any], int | None]) -> None:
    _search_sources[(model._meta.label, kind)] = SearchSource(model, kind, object_id)


def search_sources() -> list[SearchSource]:
    return list(_search_sources.values())
