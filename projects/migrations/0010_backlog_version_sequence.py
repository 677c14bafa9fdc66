"""The backlog's version as a PostgreSQL sequence (``projects.backlog.counts``): every process
reads the same version, and moving it on takes no lock. Other databases keep it in the cache."""

from django.db import migrations

SEQUENCE = "projects_backlog_version"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_text_fields_refuse_control_characters"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
