"""One Redis database per pytest-xdist worker.

The test processes share one Redis server; each one, and the Celery workers it starts, takes the
database numbered after its xdist worker (gw0 keeps the configured one, gw1 the next, …), so a
test's Celery worker never takes another process's tasks and a ``flushdb`` empties only its own
queue. pytest-django gives each worker its own ``test_<name>_gw<N>`` PostgreSQL database.
"""

import os
import re

from django.conf import settings

from loti_data.celery import app as celery_app


def worker_broker_url(url: str, worker: str) -> str:
    """``redis://host:6379/3`` for worker gw3 of ``redis://host:6379/0``; other URLs unchanged."""
    match = re.fullmatch(r"(rediss?://[^/]+)(?:/(\d+))?", url)
    number = re.fullmatch(r"gw(\d+)", worker)
    if not match or not number:
        return url
    return f"{match.group(1)}/{int(match.group(2) or 0) + int(number.group(1))}"


def use_worker_redis_database() -> None:
    """Point this process's settings, Celery producer and child processes at its own database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = worker_broker_url(settings.CELERY_BROKER_URL, worker)
    if url != settings.CELERY_BROKER_URL:
        settings.CELERY_BROKER_URL = url
        celery_app.conf.broker_url = url
        os.environ["CELERY_BROKER_URL"] = url
