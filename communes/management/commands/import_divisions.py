import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from communes.divisions import DivisionsImportError, divisions_import
from ntm.lib.progress import ProgressBarMixin


class Command(ProgressBarMixin, BaseCommand):
    help = (
        "Import the GSO list of provinces, districts and communes (.csv, .xlsx or legacy .xls); "
        "without FILE, the shipped list (settings.NTM_DIVISIONS_FILE). Idempotent."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="GSO list (.csv, .xlsx or .xls)")
        parser.add_argument("--province", dest="province_code", metavar="CODE", help="only this province's rows")
        parser.add_argument(
            "--valid-from",
            type=datetime.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="start date of the units the import creates",
        )

    def handle(self, *args, file: str | None, province_code: str | None, valid_from, **options) -> None:
        path = Path(file) if file else Path(settings.NTM_DIVISIONS_FILE)
        self._bar_shown = False
        try:
            report = divisions_import(
                path_or_file=path, province_code=province_code, valid_from=valid_from, progress=self._progress
            )
        except DivisionsImportError as exc:
            self._end_bar()
            for line in exc.lines():
                self.stderr.write(line)
            count = len(exc.errors) + exc.omitted
            message = ngettext(
                "Nothing was imported: %(count)s error.", "Nothing was imported: %(count)s errors.", count
            )
            raise CommandError(message % {"count": count}) from None
        self._end_bar()
        self.stdout.write(f"{path.name}: {report}")
