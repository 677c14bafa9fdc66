"""Each person gets each reminder exactly once, proved on real Celery workers and real Redis,
with email going over SMTP to a real server (``smtp_sink``): two sweeps at once, a worker killed
mid-send, SMTP refusing, and Redis restarted with tasks still queued."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from loti_data.celery import app as celery_app
from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import CLAIM_LEASE, REQUEUE_AFTER, sweep
from skills.models import Reminder
from tests.support.outbox import wait_until_sent
from tests.support.redis_server import publishing_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.integration]


@pytest.fixture
def due_meetup(make_meetup):
    """A meet-up whose 1-day reminder fell due a minute ago."""
    meetup = make_meetup(starts_at=timezone.now() + timedelta(days=1, minutes=-1))
    meetup.reminders.filter(offset="1d").update(state=Reminder.State.PENDING)
    return meetup


def assert_each_once(sink, people, *, settle: float = 3.0) -> None:
    """Exactly one message per person, and nothing more arrives afterwards."""
    sink.wait_for(len(people), timeout=60)
    time.sleep(settle)
    received = Counter(message["To"] for message in sink.messages)
    assert received == Counter(person.email for person in people)
    assert all(message["Subject"].strip().startswith("Reminder:") for message in sink.messages), [
        message["Subject"] for message in sink.messages
    ]


def test_two_sweeps_at_the_same_moment_send_each_reminder_once(
    start_celery_worker, smtp_sink, members, due_meetup
):
    people = members(5)
    start_celery_worker()
    start_celery_worker()

    for _ in range(4):  # four sweeps queued together: both workers pick them up at once
        celery_app.send_task("loti_data.sweep")

    assert_each_once(smtp_sink, people)
    assert wait_until_sent(5) == 5


def test_a_worker_killed_mid_send_is_recovered_without_duplicates(
    start_celery_worker, smtp_sink, members, due_meetup
):
    people = members(6)
    worker = start_celery_worker()
    smtp_sink.hold_after(2)

    sweep()  # queues 6 emails; the worker sends 2, then hangs on the 3rd
    assert smtp_sink.holding.wait(30), worker.log()
    worker.kill()  # SIGKILL mid-send: the claim on the 3rd email is never confirmed
    smtp_sink.release()

    stuck = OutboxEmail.objects.get(status="sending")
    assert OutboxEmail.objects.filter(status="sent").count() == 2
    start_celery_worker()  # picks up the 3 emails still queued in Redis
    smtp_sink.wait_for(5, timeout=60)
    # A later sweep, once the claim's lease ran out, retries the unconfirmed claim only.
    sweep(now=timezone.now() + CLAIM_LEASE + timedelta(seconds=1))

    assert_each_once(smtp_sink, people)
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == ("sent", 2)
    # Confirmed emails are never sent again, however many sweeps follow.
    sweep(now=timezone.now() + CLAIM_LEASE * 3)
    time.sleep(2)
    assert len(smtp_sink.messages) == 6


def test_a_retry_after_an_smtp_error_sends_once(
    start_celery_worker, smtp_sink, members, due_meetup
):
    people = members(4)
    smtp_sink.refuse_next = 2  # "451 try again later" for the first two messages
    start_celery_worker()

    sweep()

    assert_each_once(smtp_sink, people)
    attempts = sorted(OutboxEmail.objects.values_list("attempts", flat=True))
    assert attempts == [1, 1, 2, 2]
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_redis_restarted_with_reminders_queued_loses_none_and_doubles_none(
    start_celery_worker, smtp_sink, members, due_meetup, private_redis
):
    people = members(5)
    worker = start_celery_worker(broker_url=private_redis.url)
    smtp_sink.hold_after(0)  # the worker gets stuck on the first email; 4 wait in Redis

    with publishing_to(private_redis.url):
        sweep()
        assert smtp_sink.holding.wait(30), (
            worker.log(),
            celery_app.connection_for_write().as_uri(),
            list(OutboxEmail.objects.values_list("status", flat=True)),
        )
        private_redis.restart()  # no persistence: the 4 queued task messages are gone
        smtp_sink.release()
        smtp_sink.wait_for(1)
        time.sleep(3)
        assert len(smtp_sink.messages) == 1
        assert OutboxEmail.objects.filter(status="queued").count() == 4

        # The next sweep after REQUEUE_AFTER rings the doorbell again for what is still owed.
        sweep(now=timezone.now() + REQUEUE_AFTER + timedelta(seconds=1))
        assert_each_once(smtp_sink, people)
