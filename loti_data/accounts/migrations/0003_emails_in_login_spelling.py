"""Stored addresses in the one spelling the log-in looks them up by (trimmed, lower case:
loti_data.accounts.login.normalise_login). An address whose spelling is already taken by another
account is left as it is, for an admin to resolve."""

from django.db import migrations


def normalise_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for pk, email in User.objects.values_list("pk", "email"):
        spelling = email.strip().lower()
        if spelling != email and spelling not in taken:
            User.objects.filter(pk=pk).update(email=spelling)
            taken.add(spelling)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_groups_and_organisations")]

    operations = [migrations.RunPython(normalise_emails, migrations.RunPython.noop)]
