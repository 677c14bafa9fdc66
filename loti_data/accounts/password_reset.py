"""The password reset: same answer, same work and same time for known and unknown addresses,
rate limited per address and per client address.

The request only writes a ``PasswordResetRequest`` row (after counting the recent ones) and,
after commit, rings a Celery task: nothing in it depends on whether the address is anyone's.
The worker (:func:`handle`) then looks the address up and owes the email to the outbox, which
sends it. If the broker cannot be reached the sweep (:func:`sweep`, every minute) handles the
row instead.
"""

import logging
from datetime import datetime, timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone

from loti_data.accounts.emails import PASSWORD_RESET
from loti_data.accounts.login import normalise_login
from loti_data.accounts.models import PasswordResetRequest, User
from loti_data.errors import RuleError
from loti_data.outbox.services import owe

logger = logging.getLogger(__name__)

HANDLE_TASK = "accounts.password_reset"  # by name: the services never import the tasks
WINDOW = timedelta(hours=1)
PER_ADDRESS = 3
PER_CLIENT = 10
TOO_MANY = (
    "Too many password resets have been asked for this address or from your network. "
    "Please wait an hour and try again."
)


class ResetRefused(RuleError):
    pass


def reset_refusal(*, address: str, ip: str | None, now: datetime) -> str | None:
    """Why another reset may not be asked now, or None: at most ``PER_ADDRESS`` an hour for one
    address (known or not) and ``PER_CLIENT`` an hour from one client address."""
    recent = PasswordResetRequest.objects.filter(requested_at__gt=now - WINDOW)
    if recent.filter(address=normalise_login(address)).count() >= PER_ADDRESS:
        return TOO_MANY
    if ip and recent.filter(ip_address=ip).count() >= PER_CLIENT:
        return TOO_MANY
    return None


def request_reset(*, address: str, ip: str | None, now: datetime | None = None) -> None:
    """Record the request and ring for a worker after commit; raises ``ResetRefused``."""
    now = now or timezone.now()
    with transaction.atomic():
        refusal = reset_refusal(address=address, ip=ip, now=now)
        if refusal:
            raise ResetRefused(refusal)
        row = PasswordResetRequest.objects.create(
            address=normalise_login(address), ip_address=ip, requested_at=now
        )
        transaction.on_commit(lambda: _ring(row.pk))


def _ring(pk: int) -> None:
    try:
        current_app.send_task(HANDLE_TASK, args=[pk])
    except Exception as exc:  # the sweep handles it within a minute or two
        logger.warning("Password reset: broker unreachable (%s); left for the sweep", exc)


def handle(request_id: int, *, now: datetime | None = None) -> bool:
    """Claim the request and owe the reset email to each active account with a password at
    that address; True if an email was owed. Safe to run twice: the claim decides."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = PasswordResetRequest.objects.filter(pk=request_id, handled_at=None).update(
            handled_at=now
        )
        if not claimed:
            return False
        request = PasswordResetRequest.objects.get(pk=request_id)
        people = [
            person
            for person in User.objects.filter(email=request.address, is_active=True)
            if person.has_usable_password()
        ]
        # One email a minute at most, however often the form is sent.
        return bool(
            owe(
                kind=PASSWORD_RESET,
                key=f"{request.requested_at:%Y%m%dT%H%M}",
                recipients=people,
                payload={},
                now=now,
            )
        )


def sweep(*, now: datetime | None = None) -> dict:
    """Every minute: handle requests no worker took (the claim in :func:`handle` makes racing a
    worker harmless), forget requests older than the window."""
    now = now or timezone.now()
    due = PasswordResetRequest.objects.filter(handled_at=None).values_list("pk", flat=True)
    handled = sum(handle(pk) for pk in list(due[:500]))
    forgotten, _ = PasswordResetRequest.objects.filter(
        requested_at__lt=now - WINDOW, handled_at__isnull=False
    ).delete()
    return {"owed": handled, "forgotten": forgotten}
