"""Send what the outbox owes in this process, as a worker would (for tests without one), and
wait for a real worker's confirmations."""

import time

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import send


def deliver_owed(**filters) -> int:
    """Send every queued outbox email (matching ``filters``); return how many went out."""
    queued = OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED, **filters)
    return sum(send(email_id=pk) for pk in queued.order_by("pk").values_list("pk", flat=True))


def wait_until_sent(count: int, timeout: float = 30.0, **filters) -> int:
    """How many rows are marked sent, once ``count`` are or ``timeout`` passes.

    A worker confirms a row just after the SMTP server has the message, so a test that has
    seen the message arrive may look before the confirmation lands.
    """
    deadline = time.monotonic() + timeout
    while True:
        sent = OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT, **filters).count()
        if sent >= count or time.monotonic() > deadline:
            return sent
        time.sleep(0.05)
