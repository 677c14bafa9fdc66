"""Celery tasks of the accounts: thin, they take an id and call a service."""

from celery import shared_task

from loti_data.accounts import password_reset


@shared_task(name="accounts.password_reset", time_limit=60, soft_time_limit=50)
def handle_password_reset(request_id: int) -> bool:
    """Turn one password-reset request into an outbox email, or nothing for an unknown
    address, after the person has had their answer."""
    return password_reset.handle(request_id)
