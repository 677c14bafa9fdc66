from django.db import migrations

from loti_data.accounts.organisations import sync_organisations
from loti_data.accounts.roles import ALL_GROUPS


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ALL_GROUPS:
        Group.objects.get_or_create(name=name)


def load_organisations(apps, schema_editor):
    sync_organisations(apps.get_model("accounts", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_groups, migrations.RunPython.noop),
        migrations.RunPython(load_organisations, migrations.RunPython.noop),
    ]
