"""What a backlog view shows, worked out once per change of the backlog: its count and its page.

A COUNT reads every matching row: at 100,000 projects it costs more than the rest of the page,
and it grows with London's backlog while the page's 25 rows do not. The page itself (filters,
count, rows, pagination) is the same for everyone who asks with the same query string. So both
are kept in the cache under the view's query and a backlog *version*. Every saved or deleted
project, partner or interest and every change of a project's themes moves the version on (the
signals below, connected by ``hooks.register``): at once, and again when the transaction
commits, so what a request running beside the change worked out is not kept either.

On PostgreSQL the version is a sequence (migration ``0010_backlog_version_sequence``): every
process reads the same one, whatever cache it has, and ``nextval`` takes no lock and is never
rolled back, so a change in one gunicorn worker is seen by the next request in any other. Other
databases (SQLite for ``make run``'s single web process) keep the version in the cache.

The kept values live in Django's cache: one per process by default, or shared when
``REDIS_CACHE_URL`` is set. ``kept_page`` also keys a page by the names it shows (themes,
organisations, LOTI staff: ``filters.choice_rows``), so a renamed organisation is a new key
rather than a stale page.
"""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from projects.backlog.filters import choice_rows
from projects.models import Interest, Project, ProjectPartner

COUNT_SECONDS = 60
PAGE_SECONDS = 60
VERSION_KEY = "backlog-version"
SEQUENCE = "projects_backlog_version"


def uses_sequence() -> bool:
    return connection.vendor == "postgresql"


def backlog_version() -> int:
    """Moves on with every change of the backlog: a key for what is kept until then."""
    if uses_sequence():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_value FROM {SEQUENCE}")
            return cursor.fetchone()[0]
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _new_series()
        if not cache.add(VERSION_KEY, version, None):  # another process started one first
            version = cache.get(VERSION_KEY, version)
    return version


def _new_series() -> int:
    # A cache may lose the version (a restart, an eviction) while keeping what was kept under
    # it: a new series starts from the clock, past every version handed out before.
    return time.time_ns() // 1000


def _bump() -> None:
    if uses_sequence():
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [SEQUENCE])
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more): start a new series
        cache.set(VERSION_KEY, _new_series(), None)


def backlog_changed(**kwargs) -> None:
    _bump()
    transaction.on_commit(_bump)


def backlog_count(
    queryset: QuerySet[Project], filters: list[tuple[str, str]], *, version: int | None = None
) -> int:
    """``queryset``'s number of rows; ``filters`` (the query string's filtering pairs, sorted)
    are what decide it, so they name it in the cache, under ``version`` (read if not given)."""
    digest = hashlib.sha256(repr(filters).encode()).hexdigest()
    if version is None:
        version = backlog_version()
    key = f"backlog-count:{version}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.order_by().count()
        cache.set(key, count, COUNT_SECONDS)
    return count


def kept_page(query: list[tuple[str, str]], *, build: Callable[[int], str]) -> str:
    """The rendered page for ``query`` (the query string's pairs, sorted), built by
    ``build(version)`` only when this version of the backlog has not been asked for it yet."""
    # The version is read before building: a change committed meanwhile moves it on, and what
    # was built from the older rows is kept under a key nobody asks for again.
    version = backlog_version()
    digest = hashlib.sha256(repr((query, choice_rows())).encode()).hexdigest()
    key = f"backlog-page:{version}:{digest}"
    html = cache.get(key)
    if html is None:
        html = build(version)
        cache.set(key, html, PAGE_SECONDS)
    return html


def connect() -> None:
    for model in (Project, ProjectPartner, Interest):
        post_save.connect(backlog_changed, sender=model, dispatch_uid=f"backlog-count-{model}")
        post_delete.connect(backlog_changed, sender=model, dispatch_uid=f"backlog-del-{model}")
    m2m_changed.connect(
        backlog_changed, sender=Project.themes.through, dispatch_uid="backlog-count-themes"
    )
