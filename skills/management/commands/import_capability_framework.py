from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            "--framework",
            default=services.GOVERNMENT_FRAMEWORK,
            help="The framework to import into (created if missing). Default: %(default)s.",
        )

    def handle(self, *args, file: Path, framework: str, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = services.framework_import_csv(
                data=data, framework_name=framework, file_name=file.name
            )
        except FrameworkFileError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"Nothing was imported from {file}:\n{lines}") from error
        self.stdout.write(self.style.SUCCESS(report.summary()))
