"""Every kind of email arrives exactly once, proved on real Celery workers and real Redis, with
email going over SMTP to a real server (``smtp_sink``): a redelivered task, two workers, a worker
killed mid-send, and SMTP refusing for a while. The password reset stands in for every kind: the
outbox does not know one from another."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from loti_data.accounts.emails import PASSWORD_RESET
from loti_data.celery import app as celery_app
from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import CLAIM_LEASE, owe, sweep
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.integration]


@pytest.fixture
def owe_to(reference_data):
    """``owe_to(n)``: n people, each owed one email (the doorbell rings after commit)."""

    def make(count: int) -> list:
        people = [UserFactory() for _ in range(count)]
        with transaction.atomic():
            owe(kind=PASSWORD_RESET, key="test", recipients=people)
        return people

    return make


def assert_each_once(sink, people, *, settle: float = 3.0) -> None:
    """Exactly one message per person, and nothing more arrives afterwards."""
    sink.wait_for(len(people), timeout=60)
    time.sleep(settle)
    received = Counter(message["X-Envelope-To"] for message in sink.messages)
    assert received == Counter(person.email for person in people)
    assert len({message["Message-ID"] for message in sink.messages}) == len(people)


def test_a_redelivered_task_sends_nothing_more(celery_worker, smtp_sink, owe_to):
    people = owe_to(3)
    smtp_sink.wait_for(3)

    for pk in OutboxEmail.objects.values_list("pk", flat=True):
        celery_app.send_task("outbox.send", args=[pk])  # as if Redis delivered it again
        celery_app.send_task("outbox.send", args=[pk])

    assert_each_once(smtp_sink, people)
    assert set(OutboxEmail.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_two_workers_racing_for_the_same_rows_send_each_once(
    start_celery_worker, smtp_sink, owe_to
):
    start_celery_worker()
    start_celery_worker()
    people = owe_to(6)
    for pk in OutboxEmail.objects.values_list("pk", flat=True):
        for _ in range(3):  # duplicates for both workers to race on
            celery_app.send_task("outbox.send", args=[pk])

    assert_each_once(smtp_sink, people)
    assert set(OutboxEmail.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_worker_killed_mid_send_is_recovered_without_duplicates(
    start_celery_worker, smtp_sink, owe_to
):
    worker = start_celery_worker()
    smtp_sink.hold_after(1)
    people = owe_to(3)  # the worker sends 1, then hangs on the 2nd
    assert smtp_sink.holding.wait(30), worker.log()
    worker.kill()  # SIGKILL mid-send: the claim on the 2nd email is never confirmed
    smtp_sink.release()

    stuck = OutboxEmail.objects.get(status="sending")
    start_celery_worker()  # picks up the 3rd, still queued in Redis
    smtp_sink.wait_for(2, timeout=60)
    assert sweep().rung_again == 0  # a claim inside its lease is left alone
    sweep(now=timezone.now() + CLAIM_LEASE + timedelta(seconds=1))

    assert_each_once(smtp_sink, people)
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == ("sent", 2)
    sweep(now=timezone.now() + CLAIM_LEASE * 3)  # confirmed emails are never sent again
    time.sleep(2)
    assert len(smtp_sink.messages) == 3


def test_smtp_451_then_success_sends_once(celery_worker, smtp_sink, owe_to):
    smtp_sink.refuse_next = 2  # "451 try again later" for the first two messages
    people = owe_to(3)

    assert_each_once(smtp_sink, people)
    assert sorted(OutboxEmail.objects.values_list("attempts", flat=True)) == [1, 2, 2]
    assert set(OutboxEmail.objects.values_list("status", "last_error")) == {("sent", "")}
