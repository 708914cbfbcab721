from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from ops.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup` into the EMPTY database that DATABASE_URL names, after checking "
        "its .sha256 file. A database that already has tables is refused."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="A .dump (PostgreSQL) or .sqlite3 (SQLite) backup")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)")

    def handle(self, *args, file: Path, database: str, **options) -> None:
        connections[database].close()  # restore works through its own connection
        try:
            digest = backup_restore(path=file, db=connections[database].settings_dict)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Checksum verified: SHA-256 {digest}")
        self.stdout.write(f"Restored {file.name} into {connections[database].settings_dict['NAME']}.")
