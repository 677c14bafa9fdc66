"""Send what the outbox owes in this process, as a worker would (for tests without one)."""

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import send


def deliver_owed(**filters) -> int:
    """Send every queued outbox email (matching ``filters``); return how many went out."""
    queued = OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED, **filters)
    return sum(send(email_id=pk) for pk in queued.order_by("pk").values_list("pk", flat=True))
