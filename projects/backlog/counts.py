"""How many projects a backlog view holds, counted once per change of the backlog.

A COUNT reads every matching row: at 100,000 projects it costs more than the rest of the page,
and it grows with London's backlog while the page's 25 rows do not. So each view's count is
kept in the cache under the view's filters and a backlog *version*. Every saved or deleted
project, partner or interest and every change of a project's themes moves the version on (the
signals below, connected by ``hooks.register``): at once, and again when the transaction
commits, so a count read by a request running beside the change is not kept either.

The cache is Django's: one per process by default (``make run``), or shared when
``REDIS_CACHE_URL`` is set, as every server with more than one process should. A process that
missed another's change still drops its count after ``COUNT_SECONDS``.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from projects.models import Interest, Project, ProjectPartner

COUNT_SECONDS = 60
VERSION_KEY = "backlog-version"


def backlog_version() -> int:
    """Moves on with every change of the backlog: a key for what is kept until then."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more): start a new series
        cache.set(VERSION_KEY, 1, None)


def backlog_changed(**kwargs) -> None:
    _bump()
    transaction.on_commit(_bump)


def backlog_count(queryset: QuerySet[Project], filters: list[tuple[str, str]]) -> int:
    """``queryset``'s number of rows; ``filters`` (the query string's filtering pairs, sorted)
    are what decide it, so they name it in the cache."""
    digest = hashlib.sha256(repr(filters).encode()).hexdigest()
    key = f"backlog-count:{backlog_version()}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.order_by().count()
        cache.set(key, count, COUNT_SECONDS)
    return count


def connect() -> None:
    for model in (Project, ProjectPartner, Interest):
        post_save.connect(backlog_changed, sender=model, dispatch_uid=f"backlog-count-{model}")
        post_delete.connect(backlog_changed, sender=model, dispatch_uid=f"backlog-del-{model}")
    m2m_changed.connect(
        backlog_changed, sender=Project.themes.through, dispatch_uid="backlog-count-themes"
    )
