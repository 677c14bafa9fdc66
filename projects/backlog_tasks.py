"""Celery tasks for the backlog: thin, take ids, call a notify service. Imported by the app."""

from celery import shared_task

from projects import backlog_notify

RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
    "soft_time_limit": 60,
    "time_limit": 90,
}


@shared_task(**RETRY)
def send_status_change_email(change_id: int) -> int:
    return backlog_notify.notify_status_change(change_id=change_id)


@shared_task(**RETRY)
def send_interest_registered_email(interest_id: int) -> int:
    return backlog_notify.notify_interest_registered(interest_id=interest_id)


@shared_task(**RETRY)
def send_partner_accepted_email(interest_id: int) -> int:
    return backlog_notify.notify_partner_accepted(interest_id=interest_id)
