from django.core.management.base import BaseCommand

from loti_data.accounts.models import Organisation
from loti_data.accounts.organisations import sync_organisations


class Command(BaseCommand):
    help = "Create or update the London organisations shipped with the app (idempotent)."

    def handle(self, *args, **options):
        count = sync_organisations(Organisation)
        self.stdout.write(self.style.SUCCESS(f"{count} organisations are up to date."))
