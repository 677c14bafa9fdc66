"""Every email the product sends goes through this outbox, and arrives exactly once.

A part of the product that owes someone an email calls :func:`owe` inside the transaction of the
change that causes it. That writes one ``OutboxEmail`` row per recipient, with a unique
``dedupe_key`` (kind + the part's key + recipient), so the email is owed if and only if the
change is saved, and owing it twice is impossible. After commit a Celery message ("the doorbell")
names the row. Redis is only the doorbell: the database decides what is owed and who is sending
it. Each part registers, from its ``AppConfig.ready()``, a builder per kind of email
(``loti_data.registry.register_email``) that turns a row into a message at send time, reading
the current data through the ids in ``payload``: a builder raises :class:`NotNeeded` when the
email no longer makes sense (the meet-up was cancelled, the person left).

Exactly-once semantics of the send (:func:`send`):

1. A worker *claims* a ``queued`` row that is due with a conditional UPDATE (``queued`` →
   ``sending``) that commits before any SMTP traffic. Two workers, two sweeps or a duplicated
   task message race on that UPDATE and only one wins.
2. It sends; on success the row becomes ``sent``, which is final: nothing ever sends it again.
   A builder that says the email is not needed makes it ``skipped``; a builder that breaks makes
   it ``failed`` (shown in the admin, where a superuser can queue it again), never retried.
3. On an SMTP error the claim is released (back to ``queued``, not before ``available_at``, with
   exponential back-off) and the task retries with that short countdown. After
   ``MAX_ATTEMPTS`` attempts, or on a permanent (5xx) refusal, the row is ``failed``.
4. If the worker dies after claiming (SIGKILL, power cut), the row stays ``sending``. The sweep
   re-queues claims older than ``CLAIM_LEASE`` (longer than any send can take: the SMTP
   connection has a ``SMTP_TIMEOUT``), so the person still gets the email.
5. If the doorbell never rang (the broker was unreachable at commit: ``doorbell_at`` is empty)
   the very next sweep rings it; if Redis lost the message (restart without persistence), the
   sweep rings again for ``queued`` rows whose message is ``REQUEUE_AFTER`` overdue. Duplicate
   messages are harmless because of (1).

The one window no protocol can close is a worker dying between the SMTP server's "250 OK" and
the confirming UPDATE (microseconds). Then the claim is retried after the lease, and the message
carries the same deterministic ``Message-ID`` both times, so mail servers and clients that
de-duplicate on Message-ID show it once. We chose "retry an unconfirmed claim" over "never
retry" because a lost email is worse than that vanishingly rare duplicate.

The sweep (:func:`sweep`, Celery beat every minute) first runs every registered sweeper (periodic
work of the parts, such as the meet-up reminders falling due, which owe emails in turn), then
does (4) and (5). Its queries depend on what is owed now, never on how many emails were ever
sent: every lookup starts with the status, and sent rows fall outside it.
"""

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.core.mail import EmailAttachment, EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from loti_data import registry
from loti_data.outbox.models import OutboxEmail
from loti_data.validators import one_line

logger = logging.getLogger(__name__)
Status = OutboxEmail.Status

SEND_TASK = "outbox.send"  # by name: the services never import the tasks
CLAIM_LEASE = timedelta(minutes=5)
REQUEUE_AFTER = timedelta(minutes=5)
SMTP_TIMEOUT = 30  # seconds per socket operation; keeps every send well inside CLAIM_LEASE
MAX_ATTEMPTS = 10
FIRST_BACKOFF = timedelta(seconds=5)
MAX_BACKOFF = timedelta(minutes=5)  # Redis redelivers long ETAs, so countdowns stay short
SWEEP_BATCH = 500


class NotNeeded(Exception):
    """Raised by a builder: this email is no longer needed; the message says why."""


class EmailSendFailed(Exception):
    """The SMTP server refused or could not be reached; the row waits ``retry_in`` seconds."""

    def __init__(self, message: str, *, retry_in: float) -> None:
        super().__init__(message)
        self.retry_in = retry_in


# --- Owing ------------------------------------------------------------------------------------


def owe(
    *,
    kind: str,
    key: str,
    recipients: Iterable[Any],
    payload: dict | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Owe an email of ``kind`` to each recipient (users or user ids), in the caller's
    transaction, and ring the doorbell after commit. ``key`` names the event (a review event,
    a reminder round…): the same kind, key and recipient are owed once, whoever asks again.
    ``payload`` holds ids only; the builder reads the rest at send time. Returns the ids of
    the rows written now."""
    if registry.email_kind(kind) is None:
        raise ValueError(f"No email builder is registered for {kind!r}.")
    now = now or timezone.now()
    user_ids = sorted({getattr(recipient, "pk", recipient) for recipient in recipients})
    if not user_ids:
        return []
    keys = [f"{kind}:{key}:{user_id}" for user_id in user_ids]
    OutboxEmail.objects.bulk_create(
        [
            OutboxEmail(
                kind=kind,
                dedupe_key=dedupe_key,
                recipient_id=user_id,
                payload=payload or {},
                created_at=now,
                available_at=now,
                doorbell_at=now,
            )
            for user_id, dedupe_key in zip(user_ids, keys, strict=True)
        ],
        ignore_conflicts=True,
    )
    ids = list(
        OutboxEmail.objects.filter(dedupe_key__in=keys, status=Status.QUEUED, created_at=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ring_after_commit(ids)
    return ids


def ring_after_commit(ids: list[int]) -> None:
    if ids:
        transaction.on_commit(lambda: ring(ids))


def ring(ids: list[int]) -> None:
    """Send one Celery message per row. The change is already saved, so a broker that cannot
    be reached is one line in the log, never an error page: the rows are marked so that the
    next sweep rings for them."""
    for index, pk in enumerate(ids):
        try:
            current_app.send_task(SEND_TASK, args=[pk])
        except Exception as exc:
            left = ids[index:]
            logger.warning(
                "Outbox: broker unreachable (%s); %d email(s) left for the next sweep",
                exc,
                len(left),
            )
            OutboxEmail.objects.filter(pk__in=left, status=Status.QUEUED).update(doorbell_at=None)
            return


# --- Sending one email ------------------------------------------------------------------------


def send(*, email_id: int, now: datetime | None = None) -> bool:
    """Claim, build, send, confirm; True if this call sent it. Deliberately not one
    transaction: the claim must be committed before the SMTP conversation starts and the
    confirmation after it ends (see the module docstring)."""
    now = now or timezone.now()
    claimed = OutboxEmail.objects.filter(
        pk=email_id, status=Status.QUEUED, available_at__lte=now
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False  # sent already, not due yet, or another worker holds the claim
    row = OutboxEmail.objects.select_related("recipient").get(pk=email_id)
    try:
        message = build(row)
    except NotNeeded as reason:
        _finish(row, Status.SKIPPED, str(reason))
        return False
    except Exception as exc:
        logger.exception("Outbox: could not build %s email %s", row.kind, row.pk)
        _finish(row, Status.FAILED, f"{type(exc).__name__}: {exc}")
        return False
    try:
        with get_connection(timeout=SMTP_TIMEOUT) as connection:
            connection.send_messages([message])
    except Exception as exc:
        _release(row, exc, now=now)
        return False
    OutboxEmail.objects.filter(pk=email_id).update(
        status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def build(row: OutboxEmail) -> EmailMessage:
    """The message for a row: the builder of its kind writes it; the outbox addresses it to
    the row's recipient, keeps every header on one line (the subject, extra headers, the names of
    attachments: they carry stored text) and gives it its own Message-ID."""
    if not row.recipient.is_active:
        raise NotNeeded("recipient is no longer active")
    kind = registry.email_kind(row.kind)
    if kind is None:
        raise LookupError(f"No email builder is registered for {row.kind!r}.")
    message = kind.build(row)
    message.to, message.cc, message.bcc = [row.recipient.email], [], []
    message.subject = one_line(message.subject)
    message.extra_headers = {
        one_line(name): one_line(value) for name, value in message.extra_headers.items()
    }
    message.attachments = [_one_line_name(attachment) for attachment in message.attachments]
    message.extra_headers["Message-ID"] = message_id(row)
    return message


def _one_line_name(attachment):
    if isinstance(attachment, tuple) and attachment[0] is not None:
        filename, content, mimetype = attachment
        return EmailAttachment(one_line(filename) or "attachment", content, mimetype)
    return attachment


def message_id(row: OutboxEmail) -> str:
    """The same for every attempt at one row, so a rare duplicate is recognisable."""
    domain = urlsplit(settings.SITE_URL).hostname or "loti-data"
    return f"<outbox-{row.pk}@{domain}>"


def _finish(row: OutboxEmail, status: str, reason: str) -> None:
    OutboxEmail.objects.filter(pk=row.pk).update(status=status, last_error=reason[:2000])


def _permanent(exc: Exception) -> bool:
    """A 5xx answer will be the same next time."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def backoff(attempts: int) -> timedelta:
    return min(FIRST_BACKOFF * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def _release(row: OutboxEmail, exc: Exception, *, now: datetime) -> None:
    """Give the claim back with a back-off, or give up after MAX_ATTEMPTS. Only our own claim
    is touched: if the lease ran out and another worker claimed the row, it is theirs."""
    error = f"{type(exc).__name__}: {exc}"[:2000]
    ours = OutboxEmail.objects.filter(pk=row.pk, status=Status.SENDING, claimed_at=row.claimed_at)
    if row.attempts >= MAX_ATTEMPTS or _permanent(exc):
        ours.update(status=Status.FAILED, last_error=error)
        logger.warning("Outbox: %s email %s failed: %s", row.kind, row.pk, error)
        return
    wait = backoff(row.attempts)
    ours.update(
        status=Status.QUEUED, available_at=now + wait, doorbell_at=now + wait, last_error=error
    )
    raise EmailSendFailed(error, retry_in=wait.total_seconds())


def requeue(ids: Iterable[int], *, now: datetime | None = None) -> int:
    """Queue failed emails again with a fresh set of attempts (an admin action)."""
    now = now or timezone.now()
    with transaction.atomic():
        failed = list(
            OutboxEmail.objects.filter(pk__in=list(ids), status=Status.FAILED).values_list(
                "pk", flat=True
            )
        )
        OutboxEmail.objects.filter(pk__in=failed).update(
            status=Status.QUEUED, attempts=0, available_at=now, doorbell_at=now, claimed_at=None
        )
        ring_after_commit(failed)
    return len(failed)


# --- The sweep --------------------------------------------------------------------------------


@dataclass
class SweepResult:
    sweepers: dict[str, Any] = field(default_factory=dict)
    broken_sweepers: list[str] = field(default_factory=list)
    rung_again: int = 0
    failed: int = 0


def sweep(*, now: datetime | None = None, batch: int = SWEEP_BATCH) -> SweepResult:
    """The every-minute sweep (Celery beat).

    1. Run every registered sweeper, each on its own: one that breaks is logged and the
       others still run.
    2. Ring again for queued rows that are due and whose doorbell never rang or rang long ago.
    3. Re-queue claims older than the lease (the worker died); a row that has used up its
       attempts that way is failed instead.
    """
    now = now or timezone.now()
    result = SweepResult()
    for sweeper in registry.sweepers():
        try:
            result.sweepers[sweeper.name] = sweeper.run()
        except Exception:
            logger.exception("Sweeper %s failed; the other sweepers still ran", sweeper.name)
            result.broken_sweepers.append(sweeper.name)
    result.rung_again, result.failed = _ring_again(now=now, batch=batch)
    return result


def _ring_again(*, now: datetime, batch: int) -> tuple[int, int]:
    expired = Q(status=Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    unanswered = Q(status=Status.QUEUED, available_at__lte=now) & (
        Q(doorbell_at__isnull=True) | Q(doorbell_at__lt=now - REQUEUE_AFTER)
    )
    stuck = list(OutboxEmail.objects.filter(expired).values_list("pk", flat=True)[:batch])
    stuck += OutboxEmail.objects.filter(unanswered).values_list("pk", flat=True)[:batch]
    if not stuck:
        return 0, 0
    with transaction.atomic():
        # Each UPDATE re-checks its condition: a claim confirmed meanwhile is left alone.
        failed = OutboxEmail.objects.filter(
            Q(pk__in=stuck) & expired, attempts__gte=MAX_ATTEMPTS
        ).update(
            status=Status.FAILED,
            last_error=f"Claimed {MAX_ATTEMPTS} times and never confirmed: the worker stopped.",
        )
        OutboxEmail.objects.filter(Q(pk__in=stuck) & (expired | unanswered)).update(
            status=Status.QUEUED, doorbell_at=now
        )
        ids = list(
            OutboxEmail.objects.filter(
                pk__in=stuck, status=Status.QUEUED, doorbell_at=now
            ).values_list("pk", flat=True)
        )
        ring_after_commit(ids)
    return len(ids), failed
