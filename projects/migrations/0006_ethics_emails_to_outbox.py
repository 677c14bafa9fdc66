"""Ethics emails move to the product's outbox (``loti_data.outbox``): each ``EthicsEmailSent``
row becomes a sent outbox row with the key the services now write, then the model goes."""

from django.db import migrations


def copy_to_outbox(apps, schema_editor):
    EthicsEmailSent = apps.get_model("projects", "EthicsEmailSent")
    OutboxEmail = apps.get_model("outbox", "OutboxEmail")
    User = apps.get_model("accounts", "User")
    sent = list(EthicsEmailSent.objects.order_by("pk"))
    users = dict(
        User.objects.filter(email__in={row.recipient for row in sent}).values_list("email", "pk")
    )
    OutboxEmail.objects.bulk_create(
        [
            OutboxEmail(
                kind="ethics.event",
                dedupe_key=f"ethics.event:{row.event_id}:{users[row.recipient]}",
                recipient_id=users[row.recipient],
                payload={"event": row.event_id},
                status="sent",
                attempts=1,
                created_at=row.sent_at,
                available_at=row.sent_at,
                doorbell_at=row.sent_at,
                claimed_at=row.sent_at,
                sent_at=row.sent_at,
            )
            for row in sent
            if row.recipient in users  # people who have since left have no outbox to keep
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_ethics_review"),
        ("outbox", "0001_outbox"),
        ("accounts", "0002_groups_and_organisations"),
    ]

    operations = [
        migrations.RunPython(copy_to_outbox, migrations.RunPython.noop),
        migrations.DeleteModel(name="EthicsEmailSent"),
    ]
