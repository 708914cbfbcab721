from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from ops.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database (pg_dump custom format on PostgreSQL, an online copy on "
        "SQLite) to BACKUP_DIR (default var/backups/) as ntm-YYYYmmdd-HHMMSS.*, then the evidence files of "
        "MEDIA_ROOT as ntm-YYYYmmdd-HHMMSS.media.tar.gz, each with a .sha256 file beside it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output-dir", type=Path, default=None, help="Directory (default: BACKUP_DIR)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)")

    def handle(self, *args, output_dir: Path | None, database: str, **options) -> None:
        try:
            backup = backup_create(
                db=connections[database].settings_dict,
                directory=output_dir or Path(settings.BACKUP_DIR),
                media_root=Path(settings.MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {backup.path}")
        self.stdout.write(f"SHA-256 {backup.sha256} ({backup.checksum_path.name})")
        self.stdout.write(f"Evidence files: {backup.media_files} in {backup.media_path.name}")
