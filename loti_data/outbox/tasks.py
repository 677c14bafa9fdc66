"""Celery tasks of the outbox: thin, they take an id and call a service."""

from celery import shared_task

from loti_data.outbox import services


@shared_task(name="outbox.send", bind=True, max_retries=None, time_limit=120, soft_time_limit=100)
def send(self, email_id: int) -> bool:
    """Send one outbox email; safe to run twice (the database claim decides who sends). The
    number of attempts is bounded in the database (``MAX_ATTEMPTS``), not here."""
    try:
        return services.send(email_id=email_id)
    except services.EmailSendFailed as exc:
        # A short countdown (at most MAX_BACKOFF): Redis redelivers long ETAs.
        raise self.retry(exc=exc, countdown=exc.retry_in) from exc


@shared_task(name="loti_data.sweep", time_limit=120, soft_time_limit=100)
def sweep() -> dict:
    """Every minute (loti_data/celery.py BEAT_SCHEDULE): the parts' sweepers, then the outbox."""
    result = services.sweep()
    return {
        "broken_sweepers": result.broken_sweepers,
        "rung_again": result.rung_again,
        "failed": result.failed,
    }
