from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from loti_data.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD


def demo_modules():
    """Each of our apps may have a ``demo`` module with a ``seed()``; run them in app order."""
    for app_name in settings.LOCAL_APPS:
        name = f"{app_name}.demo"
        if find_spec(name) is not None:
            yield import_module(name)


class Command(BaseCommand):
    help = "Load demo people, projects, skills and networks. Safe to run again: nothing doubles."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in demo_modules():
                module.seed()
                self.stdout.write(f"Seeded {module.__name__}")
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Logins:"))
        for email, name in DEMO_LOGINS:
            self.stdout.write(f"  {email:<24} {name}   password: {DEMO_PASSWORD}")
