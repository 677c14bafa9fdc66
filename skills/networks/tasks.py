"""Celery tasks of the skills app: thin wrappers that call a service."""

from celery import shared_task

from skills.networks import services as network_services
from skills.networks.services import EmailSendFailed


@shared_task(name="skills.sweep_meetup_reminders", time_limit=120, soft_time_limit=100)
def sweep_meetup_reminders() -> dict:
    """Every minute (loti_data/celery.py BEAT_SCHEDULE): queue what is due, requeue what's stuck."""
    return network_services.reminders_sweep().__dict__


@shared_task(
    name="skills.send_meetup_email",
    bind=True,
    autoretry_for=(EmailSendFailed,),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=False,
    max_retries=8,
    time_limit=120,
    soft_time_limit=100,
)
def send_meetup_email(self, email_id: int) -> bool:
    """Send one outbox email; safe to run twice (the database claim decides who sends)."""
    return network_services.meetup_email_send(email_id=email_id)
