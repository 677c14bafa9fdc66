"""Meet-up emails move to the product's outbox (``loti_data.outbox``): every ``MeetupEmail`` row
is copied with its status, key, attempts and times, then the model goes."""

from django.db import migrations

KINDS = {
    "reminder": "networks.reminder",
    "rescheduled": "networks.rescheduled",
    "cancelled": "networks.cancelled",
    "promoted": "networks.promoted",
}


def payload(email) -> dict:
    data = {"meetup": email.meetup_id}
    if email.kind == "reminder":
        data.update(reminder=email.reminder_id, round=email.reminder_round)
    elif email.kind == "promoted":
        data["event"] = int(email.dedupe_key.split(":")[1])
    return data


def copy_to_outbox(apps, schema_editor):
    MeetupEmail = apps.get_model("skills", "MeetupEmail")
    OutboxEmail = apps.get_model("outbox", "OutboxEmail")
    rows = []
    for email in MeetupEmail.objects.order_by("pk").iterator():
        kind = KINDS[email.kind]
        # "reminder:<id>:<round>:<user>" becomes "networks.reminder:<id>:<round>:<user>", the key
        # the services now write, so an email owed before the move is never owed again.
        rest = email.dedupe_key.split(":", 1)[1]
        rows.append(
            OutboxEmail(
                kind=kind,
                dedupe_key=f"{kind}:{rest}",
                recipient_id=email.recipient_id,
                payload=payload(email),
                status=email.status,
                attempts=email.attempts,
                created_at=email.created_at,
                available_at=email.queued_at,
                # Still queued: no Celery message names the new row, so the next sweep sends one.
                doorbell_at=None,
                claimed_at=email.claimed_at,
                sent_at=email.sent_at,
                last_error=email.last_error,
            )
        )
    OutboxEmail.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("skills", "0002_networks"),
        ("outbox", "0001_outbox"),
    ]

    operations = [
        migrations.RunPython(copy_to_outbox, migrations.RunPython.noop),
        migrations.DeleteModel(name="MeetupEmail"),
    ]
