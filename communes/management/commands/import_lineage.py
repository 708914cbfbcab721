import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from communes.lineage import DivisionsImportError, lineage_import


class Command(BaseCommand):
    help = (
        "Import which former communes formed each new one (new_code, new_name, old_code, old_name[, share]); "
        "without FILE, the shipped Hà Tĩnh file (settings.NTM_LINEAGE_FILE). Idempotent, all or nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="lineage list (.csv or .xlsx)")
        parser.add_argument(
            "--on",
            type=datetime.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="first day of the new units (default settings.NTM_REFORM_DATE); former units are read the day before",
        )

    def handle(self, *args, file: str | None, on, **options) -> None:
        path = Path(file) if file else Path(settings.NTM_LINEAGE_FILE)
        try:
            report = lineage_import(path_or_file=path, on=on)
        except DivisionsImportError as exc:
            for line in exc.lines():
                self.stderr.write(line)
            count = len(exc.errors) + exc.omitted
            message = ngettext(
                "Nothing was imported: %(count)s error.", "Nothing was imported: %(count)s errors.", count
            )
            raise CommandError(message % {"count": count}) from None
        self.stdout.write(f"{path.name}: {report}")
