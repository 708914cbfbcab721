from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from excel.importer import OVERWRITE_ALL, ImportConflict, import_apply, import_plan
from excel.upload_guard import UploadRefused, check_name_and_size
from ntm.lib.progress import ProgressBarMixin


class Command(ProgressBarMixin, BaseCommand):
    help = (
        "Import a filled entry template (or an edited indicator matrix) for a year: every row is checked first, "
        "and nothing is written when there is any error. With --dry-run, only report what would change."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the workbook (.xlsx)")
        parser.add_argument("--year", type=int, required=True, help="the year of the values")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument(
            "--overwrite-conflicts",
            action="store_true",
            help="also write the values changed in the product after the file was exported (kept by default)",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="import as this user: only their communes, recorded as entered by them"
        )

    def handle(
        self, *args, file: str, year: int, dry_run: bool, user: str | None, overwrite_conflicts: bool = False, **options
    ) -> None:
        path = Path(file)
        account = self._user(user)
        self._bar_shown = False
        try:
            check_name_and_size(path.name, path.stat().st_size)  # before reading the file
            data = path.read_bytes()
        except UploadRefused as refused:
            raise CommandError(refused.message) from None
        except OSError:
            raise CommandError(_('The file "%(name)s" cannot be opened.') % {"name": path.name}) from None
        overwrite = [OVERWRITE_ALL] if overwrite_conflicts else []
        plan = import_plan(
            data=data, name=path.name, year=year, user=account, progress=self._progress, overwrite=overwrite
        )
        self._end_bar()
        if not plan.ok:
            for line in plan.error_lines():
                self.stderr.write(line)
            message = ngettext(
                "Nothing was imported: %(count)s error.", "Nothing was imported: %(count)s errors.", plan.error_count
            )
            raise CommandError(message % {"count": plan.error_count})
        counts = plan.counts
        summary = _(
            "%(rows)s communes read; values to add: %(created)s, to change: %(updated)s, to clear: %(cleared)s."
        )
        self.stdout.write(summary % {"rows": plan.rows, **counts._asdict()})
        for conflict in plan.conflicts:
            change = conflict.change
            line = _(
                "Changed since the export: %(code)s %(indicator)s, file %(new)s, now %(old)s "
                "(%(by)s, %(when)s)%(kept)s."
            ) % {
                "code": change.commune_code,
                "indicator": change.indicator_code,
                "new": change.new_display,
                "old": change.old_display,
                "by": conflict.changed_by,
                "when": timezone.localtime(conflict.changed_at).strftime("%d/%m/%Y %H:%M"),
                "kept": "" if overwrite_conflicts else _(": kept, --overwrite-conflicts writes the file's value"),
            }
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        try:
            written = import_apply(plan, user=account)
        except ImportConflict as conflict:
            raise CommandError(conflict.message) from None
        self.stdout.write(_("Imported: %(count)s values changed.") % {"count": written.total})

    def _user(self, username: str | None):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_('There is no user "%(name)s".') % {"name": username})
        return user
