import smtplib

from celery import shared_task

from projects import notifications


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
)
def send_ethics_emails(event_id: int) -> int:
    """Email everyone who should hear about one step of an ethics review (idempotent)."""
    return notifications.ethics_event_send_emails(event_id=event_id)
