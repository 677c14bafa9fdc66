"""The every-minute sweep: every registered sweeper runs, one breaking does not stop the others;
then it rings again for rows whose doorbell never rang or whose message was lost, and re-queues
claims whose worker died."""

from datetime import timedelta

import pytest
from django.utils import timezone

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import CLAIM_LEASE, MAX_ATTEMPTS, REQUEUE_AFTER, owe, sweep

pytestmark = pytest.mark.django_db


def test_each_sweeper_runs_even_when_another_breaks(register_sweeper, caplog):
    ran = []

    def broken():
        raise RuntimeError("boom")

    register_sweeper("test.a-broken", broken)
    register_sweeper("test.b-fine", lambda: ran.append("fine") or 1)

    result = sweep()

    assert ran == ["fine"]
    assert result.broken_sweepers == ["test.a-broken"]
    assert result.sweepers["test.b-fine"] == 1
    assert "Sweeper test.a-broken failed" in caplog.text


def test_rows_the_doorbell_never_rang_for_are_taken_at_once(
    hello, people, django_capture_on_commit_callbacks
):
    ids = owe(kind=hello, key="1", recipients=people)
    OutboxEmail.objects.filter(pk=ids[0]).update(doorbell_at=None)  # the broker was down

    with django_capture_on_commit_callbacks() as rung:
        result = sweep()

    assert result.rung_again == 1
    assert len(rung) == 1
    assert OutboxEmail.objects.get(pk=ids[0]).doorbell_at is not None


def test_a_lost_message_is_rung_again_only_when_long_overdue(hello, people):
    now = timezone.now()
    owe(kind=hello, key="1", recipients=people, now=now)

    assert sweep(now=now + REQUEUE_AFTER).rung_again == 0  # the message may still come
    assert sweep(now=now + REQUEUE_AFTER + timedelta(seconds=1)).rung_again == 3
    assert sweep(now=now + REQUEUE_AFTER + timedelta(seconds=2)).rung_again == 0


def test_a_row_backing_off_is_not_rung_before_it_is_due(hello, people):
    now = timezone.now()
    (pk,) = owe(kind=hello, key="1", recipients=people[:1], now=now)
    later = now + timedelta(hours=1)
    OutboxEmail.objects.filter(pk=pk).update(available_at=later, doorbell_at=None)

    assert sweep(now=later - timedelta(seconds=1)).rung_again == 0
    assert sweep(now=later).rung_again == 1


def test_an_expired_claim_is_queued_again_a_fresh_one_is_not(hello, people):
    now = timezone.now()
    fresh, expired, worn_out = owe(kind=hello, key="1", recipients=people, now=now)
    OutboxEmail.objects.filter(pk=fresh).update(status="sending", claimed_at=now, attempts=1)
    OutboxEmail.objects.filter(pk=expired).update(
        status="sending", claimed_at=now - CLAIM_LEASE - timedelta(seconds=1), attempts=1
    )
    OutboxEmail.objects.filter(pk=worn_out).update(
        status="sending", claimed_at=now - CLAIM_LEASE * 2, attempts=MAX_ATTEMPTS
    )

    result = sweep(now=now)

    statuses = dict(OutboxEmail.objects.values_list("pk", "status"))
    assert statuses == {fresh: "sending", expired: "queued", worn_out: "failed"}
    assert (result.rung_again, result.failed) == (1, 1)


def test_sent_skipped_and_failed_rows_are_never_touched(hello, people):
    now = timezone.now()
    ids = owe(kind=hello, key="1", recipients=people, now=now - timedelta(days=1))
    for pk, status in zip(ids, ["sent", "skipped", "failed"], strict=True):
        OutboxEmail.objects.filter(pk=pk).update(
            status=status, claimed_at=now - timedelta(days=1), doorbell_at=None
        )

    assert sweep(now=now).rung_again == 0
    assert list(OutboxEmail.objects.order_by("pk").values_list("status", flat=True)) == [
        "sent",
        "skipped",
        "failed",
    ]
