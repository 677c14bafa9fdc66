"""Owing an email: one row per recipient in the caller's transaction, owed once per key, the
doorbell rung only after commit, and a broker that cannot be reached is not the person's
problem."""

import logging

import pytest
from django.db import transaction

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import owe
from tests.support.redis_server import publishing_to

pytestmark = pytest.mark.django_db


def test_one_row_per_recipient_with_ids_only(hello, people):
    ids = owe(kind=hello, key="7", recipients=people, payload={"thing": 7})

    rows = OutboxEmail.objects.filter(pk__in=ids)
    assert {row.recipient for row in rows} == set(people)
    assert {row.dedupe_key for row in rows} == {f"test.hello:7:{p.pk}" for p in people}
    assert all(row.status == "queued" and row.payload == {"thing": 7} for row in rows)


def test_owing_the_same_email_again_changes_nothing(hello, people):
    first = owe(kind=hello, key="7", recipients=people[:2])
    again = owe(kind=hello, key="7", recipients=[*people, people[0].pk])  # users or ids

    assert OutboxEmail.objects.count() == 3
    assert set(again).isdisjoint(first)  # only the newly owed row
    assert len(again) == 1


def test_nobody_to_tell_writes_nothing(hello):
    assert owe(kind=hello, key="7", recipients=[]) == []
    assert not OutboxEmail.objects.exists()


def test_an_unknown_kind_is_a_programming_error(people):
    with pytest.raises(ValueError, match="No email builder"):
        owe(kind="test.nobody-builds-this", key="1", recipients=people)


def test_rows_belong_to_the_callers_transaction(hello, people):
    with pytest.raises(RuntimeError), transaction.atomic():
        owe(kind=hello, key="7", recipients=people)
        raise RuntimeError("the change failed")
    assert not OutboxEmail.objects.exists()


def test_the_doorbell_rings_only_after_commit(hello, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        owe(kind=hello, key="7", recipients=people)
    assert len(callbacks) == 1  # one callback rings for all the rows


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_broker_is_one_log_line_and_the_next_sweep_takes_over(hello, people, caplog):
    with (
        publishing_to("redis://127.0.0.1:1/0"),
        caplog.at_level(logging.WARNING),
        transaction.atomic(),
    ):
        ids = owe(kind=hello, key="7", recipients=people)

    assert len(ids) == 3
    # Saved, and marked so that the very next sweep rings for them.
    assert set(OutboxEmail.objects.values_list("status", "doorbell_at")) == {("queued", None)}
    (record,) = [r for r in caplog.records if r.name.startswith("loti_data.outbox")]
    assert "3 email(s) left for the next sweep" in record.getMessage()
    assert record.exc_info is None  # one line, no traceback
