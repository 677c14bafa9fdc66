"""The sweep's queries depend on what is due now, not on history: thousands of past meet-ups
and sent reminders change nothing. It is the whole every-minute sweep: the networks' sweeper
(reminders falling due) and the outbox's own lookups."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import sweep
from skills.models import Meetup, Reminder
from tests.skills.networks.conftest import bulk_people

pytestmark = pytest.mark.django_db


def add_history(network, people, *, meetups: int, emails_each: int) -> None:
    now = timezone.now()
    past = Meetup.objects.bulk_create(
        [
            Meetup(
                network=network,
                title=f"Old {index}",
                starts_at=now - timedelta(days=index + 1),
                ends_at=now - timedelta(days=index + 1) + timedelta(hours=1),
            )
            for index in range(meetups)
        ]
    )
    reminders = Reminder.objects.bulk_create(
        [
            Reminder(
                meetup=meetup,
                offset=offset,
                due_at=meetup.starts_at - timedelta(days=7 if offset == "7d" else 1),
                state=Reminder.State.DISPATCHED,
                dispatched_at=meetup.starts_at - timedelta(days=1),
            )
            for meetup in past
            for offset in ("7d", "1d")
        ]
    )
    OutboxEmail.objects.bulk_create(
        [
            OutboxEmail(
                kind="networks.reminder",
                recipient=person,
                payload={"meetup": reminder.meetup_id, "reminder": reminder.pk, "round": 1},
                dedupe_key=f"networks.reminder:{reminder.pk}:1:{person.pk}",
                status=OutboxEmail.Status.SENT,
                attempts=1,
                created_at=reminder.due_at,
                available_at=reminder.due_at,
                doorbell_at=reminder.due_at,
                claimed_at=reminder.due_at,
                sent_at=reminder.due_at,
            )
            for reminder in reminders
            for person in people[:emails_each]
        ],
        batch_size=2000,
    )


def sweep_queries(now) -> int:
    with CaptureQueriesContext(connection) as queries:
        sweep(now=now)
    return len(queries)


def test_sweep_queries_do_not_grow_with_past_meetups_and_sent_reminders(
    network, members, make_meetup
):
    members(3)
    now = timezone.now()

    idle_before = sweep_queries(now)
    due = make_meetup(starts_at=now + timedelta(days=1, minutes=-1))
    due.reminders.filter(offset="1d").update(state=Reminder.State.PENDING)
    one_due_before = sweep_queries(now)
    assert OutboxEmail.objects.count() == 3

    people = bulk_people(5)
    add_history(network, people, meetups=2000, emails_each=5)  # 4,000 reminders, 20,000 emails
    assert OutboxEmail.objects.filter(status="sent").count() == 20_000

    idle_after = sweep_queries(now)
    again = make_meetup(starts_at=now + timedelta(days=1, minutes=-2), title="Another")
    again.reminders.filter(offset="1d").update(state=Reminder.State.PENDING)
    one_due_after = sweep_queries(now)

    assert idle_after == idle_before <= 6  # one query per registered sweeper when idle
    assert one_due_after == one_due_before
    # The people in the history are not members: the same 3 members are reminded.
    assert OutboxEmail.objects.filter(payload__meetup=again.pk).count() == 3


def test_sweep_uses_the_due_index(network):
    """The lookups filter on the indexed (state, due_at) and (status, time) columns."""
    index_names = {index.name for index in Reminder._meta.indexes} | {
        index.name for index in OutboxEmail._meta.indexes
    }
    assert {"reminder_due_idx", "outbox_due_idx", "outbox_claimed_idx"} <= index_names
