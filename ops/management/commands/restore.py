from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from ops.backups import BackupError, backup_restore, media_path_of


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup` into the EMPTY database that DATABASE_URL names, and the evidence "
        "files of the .media.tar.gz beside it into MEDIA_ROOT, after checking their .sha256 files. A database "
        "that already has tables, or a file of MEDIA_ROOT with other content than the archive's, is refused."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="A .dump (PostgreSQL) or .sqlite3 (SQLite) backup")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)")

    def handle(self, *args, file: Path, database: str, **options) -> None:
        connections[database].close()  # restore works through its own connection
        try:
            restored = backup_restore(
                path=file, db=connections[database].settings_dict, media_root=Path(settings.MEDIA_ROOT)
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Checksum verified: SHA-256 {restored.sha256}")
        self.stdout.write(f"Restored {file.name} into {connections[database].settings_dict['NAME']}.")
        if restored.media_files is None:
            self.stdout.write(f"No {media_path_of(file).name} beside the backup: no evidence files restored.")
        else:
            self.stdout.write(f"Evidence files restored into {settings.MEDIA_ROOT}: {restored.media_files}.")
