from django.db import migrations

DATA_PROTECTION_OFFICERS = "Data protection officers"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=DATA_PROTECTION_OFFICERS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_sso_tenants_domains_and_sign_in_events")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
