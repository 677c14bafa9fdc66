"""Sending one row: claimed before SMTP, sent once, skipped or failed for good when the builder
says so, retried with a bounded back-off on SMTP errors. Email goes over SMTP to a real server
on localhost (``smtp_sink``)."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import (
    MAX_ATTEMPTS,
    MAX_BACKOFF,
    EmailSendFailed,
    NotNeeded,
    backoff,
    owe,
    send,
)

pytestmark = pytest.mark.django_db


def owe_one(kind, person, **payload) -> OutboxEmail:
    (pk,) = owe(kind=kind, key="1", recipients=[person], payload=payload)
    return OutboxEmail.objects.get(pk=pk)


def test_sent_once_with_a_message_id_of_its_own(hello, people, smtp_email):
    row = owe_one(hello, people[0])

    assert send(email_id=row.pk) is True
    assert send(email_id=row.pk) is False  # a redelivered task sends nothing

    (message,) = smtp_email.messages
    assert message["X-Envelope-To"] == people[0].email
    assert message["Message-ID"] == f"<outbox-{row.pk}@localhost>"
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")
    assert row.sent_at is not None


def test_a_claimed_row_is_not_sent_by_anyone_else(hello, people, smtp_email):
    row = owe_one(hello, people[0])
    OutboxEmail.objects.filter(pk=row.pk).update(status="sending", claimed_at=timezone.now())

    assert send(email_id=row.pk) is False
    assert smtp_email.messages == []


def test_the_subject_stays_on_one_line_whatever_was_stored(hello, people, smtp_email):
    row = owe_one(hello, people[0], subject="Budget\r\nBcc: victim@example.org\x1b\u2028now")

    assert send(email_id=row.pk)

    (message,) = smtp_email.messages
    assert message["Subject"] == "Budget Bcc: victim@example.org now"
    assert message["Bcc"] is None
    assert message["X-Envelope-To"] == people[0].email


def test_a_builder_that_says_not_needed_skips_it_with_the_reason(register_kind, people, smtp_email):
    def build(row):
        raise NotNeeded("meet-up was cancelled")

    row = owe_one(register_kind("test.not-needed", build), people[0])

    assert send(email_id=row.pk) is False
    row.refresh_from_db()
    assert (row.status, row.last_error) == ("skipped", "meet-up was cancelled")
    assert smtp_email.messages == []


def test_an_inactive_recipient_is_skipped(hello, people, smtp_email):
    row = owe_one(hello, people[0])
    people[0].is_active = False
    people[0].save(update_fields=["is_active"])

    assert send(email_id=row.pk) is False
    row.refresh_from_db()
    assert (row.status, row.last_error) == ("skipped", "recipient is no longer active")


def test_a_builder_that_breaks_fails_the_row_for_good(register_kind, people, smtp_email):
    def build(row):
        raise KeyError("project")

    row = owe_one(register_kind("test.broken", build), people[0])

    assert send(email_id=row.pk) is False
    row.refresh_from_db()
    assert row.status == "failed"
    assert row.last_error == "KeyError: 'project'"
    assert send(email_id=row.pk) is False  # never retried
    assert row.attempts == 1


def test_a_kind_nobody_builds_any_more_fails(hello, people, smtp_email):
    row = owe_one(hello, people[0])
    OutboxEmail.objects.filter(pk=row.pk).update(kind="test.gone")

    assert send(email_id=row.pk) is False
    row.refresh_from_db()
    assert row.status == "failed"
    assert "test.gone" in row.last_error


def test_an_smtp_error_backs_off_then_sends(hello, people, smtp_email):
    row = owe_one(hello, people[0])
    smtp_email.refuse_next = 1
    now = timezone.now()

    with pytest.raises(EmailSendFailed) as failed:
        send(email_id=row.pk, now=now)

    assert failed.value.retry_in == backoff(1).total_seconds()
    row.refresh_from_db()
    assert row.status == "queued"
    assert row.available_at == row.doorbell_at == now + backoff(1)
    assert "451" in row.last_error
    assert send(email_id=row.pk, now=now + backoff(1) - timedelta(seconds=1)) is False  # not yet
    assert send(email_id=row.pk, now=now + backoff(1)) is True
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")
    assert len(smtp_email.messages) == 1


def test_retries_are_bounded_and_end_in_failed(hello, people, smtp_email):
    row = owe_one(hello, people[0])
    smtp_email.refuse_next = MAX_ATTEMPTS
    now = timezone.now()

    waits = []
    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(EmailSendFailed) as failed:
            send(email_id=row.pk, now=now)
        waits.append(failed.value.retry_in)
        now += timedelta(seconds=failed.value.retry_in)
    assert send(email_id=row.pk, now=now) is False  # the last attempt: no retry

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert "451" in row.last_error
    assert waits == sorted(waits) and waits[0] < waits[-1]  # exponential back-off…
    assert max(waits) <= MAX_BACKOFF.total_seconds()  # …with short countdowns only
    assert send(email_id=row.pk, now=now + MAX_BACKOFF) is False
    assert smtp_email.messages == []


def test_a_permanent_refusal_fails_at_once(hello, people, smtp_email):
    row = owe_one(hello, people[0])
    smtp_email.refuse_next = 1
    smtp_email.refusal = "554 5.7.1 Message rejected"

    assert send(email_id=row.pk) is False
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 1)
    assert "554" in row.last_error


def test_builders_write_no_addresses(register_kind, people, smtp_email):
    """The outbox addresses each message to its row's recipient only."""
    kind = register_kind(
        "test.greedy",
        lambda row: EmailMessage(
            subject="Hi", body="", to=["a@example.org"], bcc=["b@example.org"]
        ),
    )
    row = owe_one(kind, people[0])

    assert send(email_id=row.pk)
    (message,) = smtp_email.messages
    assert message["X-Envelope-To"] == people[0].email
