from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loti_data.accounts.models import User
from loti_data.errors import NotAllowed
from skills.library import services
from skills.library.framework_csv import FrameworkFileError


class Command(BaseCommand):
    help = (
        "Import the government Digital and Data capability framework's CSV export (role "
        "content). All or nothing; running it again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file.")
        parser.add_argument(
            "--by",
            required=True,
            metavar="EMAIL",
            help="The library admin importing the file (kept in the import history).",
        )
        parser.add_argument(
            "--framework",
            default=services.GOVERNMENT_FRAMEWORK,
            help="The framework to import into (created if missing). Default: %(default)s.",
        )

    def handle(self, *args, file: Path, by: str, framework: str, **options):
        person = User.objects.filter(email__iexact=by.strip()).first()
        if person is None:
            raise CommandError(f"Nobody signs in as {by}.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = services.framework_import_csv(
                data=data, by=person, framework_name=framework, file_name=file.name
            )
        except NotAllowed as error:
            raise CommandError(error.message) from error
        except FrameworkFileError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"Nothing was imported from {file}:\n{lines}") from error
        self.stdout.write(self.style.SUCCESS(report.summary()))
