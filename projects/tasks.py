"""Celery tasks of the projects app: thin, they take ids and call a service."""

import smtplib

from celery import shared_task

from projects.backlog import notifications as backlog_notify
from projects.ethics import notifications

RETRY_ON_MAIL_ERRORS = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "max_retries": 8,
    "soft_time_limit": 60,
    "time_limit": 90,
}


@shared_task(**RETRY_ON_MAIL_ERRORS)
def send_ethics_emails(event_id: int) -> int:
    """Email everyone who should hear about one step of an ethics review (idempotent)."""
    return notifications.ethics_event_send_emails(event_id=event_id)


@shared_task(**RETRY_ON_MAIL_ERRORS)
def send_status_change_email(change_id: int) -> int:
    return backlog_notify.notify_status_change(change_id=change_id)


@shared_task(**RETRY_ON_MAIL_ERRORS)
def send_interest_registered_email(interest_id: int) -> int:
    return backlog_notify.notify_interest_registered(interest_id=interest_id)


@shared_task(**RETRY_ON_MAIL_ERRORS)
def send_partner_accepted_email(interest_id: int) -> int:
    return backlog_notify.notify_partner_accepted(interest_id=interest_id)
