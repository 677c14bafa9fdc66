"""The Celery app. Tasks live in each app's ``tasks.py`` and are found by autodiscovery."""

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
