from django.core.management.base import BaseCommand
from django.db import transaction

from loti_data.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild every search document (after a bulk load that bypassed the model signals)."

    def handle(self, *args, **options):
        with transaction.atomic():
            total = reindex_all()
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} documents."))
