from django.db import migrations

from projects.canvas.themes import sync_themes


def create_themes(apps, schema_editor):
    sync_themes(apps.get_model("projects", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
