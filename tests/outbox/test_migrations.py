"""Emails owed or sent before the outbox keep their history: ``MeetupEmail`` and
``EthicsEmailSent`` rows are copied into the outbox with the keys the services now write."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("skills", "0002_networks"), ("projects", "0005_ethics_review")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_old_email_rows_are_copied_into_the_outbox(reference_data):
    old = migrate(BEFORE)
    Organisation = old.get_model("accounts", "Organisation")
    User = old.get_model("accounts", "User")
    person = User.objects.create(
        email="p@camden.example", organisation=Organisation.objects.get(slug="camden")
    )
    network = old.get_model("skills", "Network").objects.create(name="N", slug="n", purpose="P")
    now = timezone.now()
    meetup = old.get_model("skills", "Meetup").objects.create(
        network=network, title="M", starts_at=now, ends_at=now + timezone.timedelta(hours=1)
    )
    reminder = old.get_model("skills", "Reminder").objects.create(
        meetup=meetup, offset="1d", due_at=now, round=2
    )
    MeetupEmail = old.get_model("skills", "MeetupEmail")
    MeetupEmail.objects.create(
        meetup=meetup,
        recipient=person,
        kind="reminder",
        reminder=reminder,
        reminder_round=2,
        dedupe_key=f"reminder:{reminder.pk}:2:{person.pk}",
        status="sent",
        attempts=1,
        sent_at=now,
    )
    MeetupEmail.objects.create(
        meetup=meetup,
        recipient=person,
        kind="cancelled",
        dedupe_key=f"cancelled:{meetup.pk}:{person.pk}",
        status="queued",
    )
    project = old.get_model("projects", "Project").objects.create(
        title="P", summary="S", lead_organisation=person.organisation, created_by=person
    )
    review = old.get_model("projects", "EthicsReview").objects.create(project=project)
    event = old.get_model("projects", "EthicsReviewEvent").objects.create(
        review=review, action="submitted", actor=person, from_state="draft", to_state="submitted"
    )
    EthicsEmailSent = old.get_model("projects", "EthicsEmailSent")
    EthicsEmailSent.objects.create(event=event, recipient=person.email)
    EthicsEmailSent.objects.create(event=event, recipient="since-deleted@camden.example")

    new = migrate(latest())

    OutboxEmail = new.get_model("outbox", "OutboxEmail")
    rows = {row.kind: row for row in OutboxEmail.objects.all()}
    assert len(rows) == OutboxEmail.objects.count() == 3
    reminded, cancelled = rows["networks.reminder"], rows["networks.cancelled"]
    assert reminded.dedupe_key == f"networks.reminder:{reminder.pk}:2:{person.pk}"
    assert reminded.payload == {"meetup": meetup.pk, "reminder": reminder.pk, "round": 2}
    assert (reminded.status, reminded.attempts, reminded.sent_at) == ("sent", 1, now)
    assert cancelled.dedupe_key == f"networks.cancelled:{meetup.pk}:{person.pk}"
    # Still owed, and no Celery message names the new row: the next sweep rings for it.
    assert (cancelled.status, cancelled.doorbell_at) == ("queued", None)
    ethics = rows["ethics.event"]
    assert ethics.dedupe_key == f"ethics.event:{event.pk}:{person.pk}"
    assert (ethics.status, ethics.payload) == ("sent", {"event": event.pk})
