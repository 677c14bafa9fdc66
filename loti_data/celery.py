"""The Celery app. Tasks live in each app's ``tasks.py`` and are found by autodiscovery."""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loti_data.settings")

app = Celery("loti_data")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic task, in one place. Periodic work is a short sweep that claims due rows in the
# database, so a duplicate beat or a retried sweep never does the work twice.
BEAT_SCHEDULE: dict[str, dict] = {
    # The parts' registered sweepers (e.g. meet-up reminders falling due), then the email
    # outbox's own sweep (loti_data/outbox/services.py: sweep).
    "sweep": {
        "task": "loti_data.sweep",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
}
app.conf.beat_schedule = BEAT_SCHEDULE


logger = logging.getLogger(__name__)


def delay_on_commit(task, *args) -> None:
    """Queue ``task`` once the current transaction commits.

    The data is already saved by then, so a broker that cannot be reached is logged, not
    turned into an error page for the person who saved it.
    """
    from django.db import transaction

    def send() -> None:
        try:
            task.delay(*args)
        except Exception:
            logger.exception("Could not queue %s%r: is the Celery broker up?", task.name, args)

    transaction.on_commit(send)
