"""Backups of the database and the evidence files, and their restore, for the `backup` and `restore` commands.

PostgreSQL: `pg_dump --format=custom` (one consistent snapshot) and `pg_restore --single-transaction`.
SQLite: the online backup API (`sqlite3.Connection.backup`), consistent while the site runs.
The evidence files (`MEDIA_ROOT/evidence/`) go into `<stamp>.media.tar.gz` beside the dump, archived after
it, so every file the dump names is in the archive. Every file gets a `<file>.sha256` beside it in
`sha256sum` format; restore checks them all first and only writes into an empty database, never over a
different file of the same name.

A backup is private: the folder is made 0700 and every file 0600 (written under umask 077, so no file is
ever readable by others, even while being written). The data of live sessions (`django_session`) and of
the login-throttling records (`axes_*`) is left out: a stolen backup opens no session, and a restore starts
with everyone logged out and nobody locked out. Their tables are kept, empty.
"""

import datetime
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
EXCLUDED_DATA = ("django_session", "axes_*")  # tables whose rows a backup never carries
DIRECTORY_MODE, FILE_MODE = 0o700, 0o600
MEDIA_FOLDERS = ("evidence",)  # what a backup carries of MEDIA_ROOT; imports/ only holds uploads awaiting confirmation


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Backup:
    path: Path
    sha256: str
    media_files: int | None = None  # files in the media archive; None: no archive written

    @property
    def checksum_path(self) -> Path:
        return checksum_path_of(self.path)

    @property
    def media_path(self) -> Path:
        return media_path_of(self.path)


def checksum_path_of(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def media_path_of(path: Path) -> Path:
    """ntm-20261127-131400.dump -> ntm-20261127-131400.media.tar.gz"""
    return path.with_name(path.stem + ".media.tar.gz")


def _write_checksum(path: Path) -> str:
    digest = sha256_of(path)
    checksum = checksum_path_of(path)
    checksum.write_text(f"{digest}  {path.name}\n", encoding="ascii")
    checksum.chmod(FILE_MODE)
    return digest


def _private_directory(directory: Path) -> None:
    directory.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    directory.chmod(DIRECTORY_MODE)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(db: dict[str, Any]) -> str:
    engine = db["ENGINE"]
    if engine not in (POSTGRESQL, SQLITE):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
    return engine


def _pg_args(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore and the environment carrying the password."""
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


def backup_create(
    *, db: dict[str, Any], directory: Path, media_root: Path | None = None, now: datetime.datetime | None = None
) -> Backup:
    """Write a consistent backup of the database `db` (a DATABASES entry) into `directory`, with its checksum,
    then, given `media_root`, the archive of its evidence files."""
    engine = _engine(db)
    previous_umask = os.umask(0o077)  # nothing this writes is readable by others, not even for a moment
    try:
        _private_directory(directory)
        return _backup_write(engine, db=db, directory=directory, media_root=media_root, now=now)
    finally:
        os.umask(previous_umask)


def _backup_write(engine: str, *, db, directory: Path, media_root: Path | None, now) -> Backup:
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = directory / f"ntm-{stamp}.{'dump' if engine == POSTGRESQL else 'sqlite3'}"
    partial = path.with_name(path.name + ".partial")
    if engine == POSTGRESQL:
        args, env = _pg_args(db)
        excluded = [f"--exclude-table-data={pattern}" for pattern in EXCLUDED_DATA]
        _run(["pg_dump", "--format=custom", "--no-owner", *excluded, f"--file={partial}", *args, str(db["NAME"])], env)
    else:
        _sqlite_copy(db["NAME"], partial)
        _sqlite_forget_excluded(partial)
    partial.chmod(FILE_MODE)
    partial.rename(path)  # the backup appears whole or not at all
    digest = _write_checksum(path)
    media_files = None if media_root is None else _archive_media(media_root, media_path_of(path))
    return Backup(path=path, sha256=digest, media_files=media_files)


def _archive_media(media_root: Path, archive: Path) -> int:
    """Archive MEDIA_FOLDERS of `media_root` (regular files only) into `archive`, with its checksum."""
    partial = archive.with_name(archive.name + ".partial")
    count = 0
    with tarfile.open(partial, "w:gz") as tar:
        for folder in MEDIA_FOLDERS:
            for file in sorted((media_root / folder).rglob("*")):
                if file.is_file() and not file.is_symlink():
                    tar.add(file, arcname=file.relative_to(media_root).as_posix(), recursive=False)
                    count += 1
    partial.chmod(FILE_MODE)
    partial.rename(archive)
    _write_checksum(archive)
    return count


def _sqlite_forget_excluded(path: Path) -> None:
    """Empty the EXCLUDED_DATA tables of a SQLite copy, and VACUUM so their rows leave no trace in free pages."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND (name = 'django_session' OR name LIKE 'axes%')"
        )
        for (table,) in rows.fetchall():
            connection.execute(f'DELETE FROM "{table}"')
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


def _sqlite_copy(source_path, target_path) -> None:
    """SQLite's online backup API: a consistent copy even while the site writes."""
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def backup_verify(path: Path) -> str:
    """The file's checksum when it matches its `.sha256` file; BackupError otherwise."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    checksum_file = checksum_path_of(path)
    if not checksum_file.is_file():
        raise BackupError(f"No checksum file {checksum_file.name} beside the backup; refusing to restore.")
    expected = checksum_file.read_text(encoding="ascii").split()[0].lower()
    actual = sha256_of(path)
    if actual != expected:
        raise BackupError(f"Checksum mismatch for {path.name}: expected {expected}, got {actual}. Refusing to restore.")
    return actual


def tables_in(db: dict[str, Any]) -> list[str]:
    """Tables already in the database `db` (restore only writes into an empty one)."""
    if _engine(db) == SQLITE:
        if not Path(db["NAME"]).exists():
            return []
        with sqlite3.connect(db["NAME"]) as connection:
            rows = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            return sorted(name for (name,) in rows)
    import psycopg2  # the PostgreSQL driver is only needed on PostgreSQL

    connection = psycopg2.connect(
        dbname=db["NAME"],
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        connect_timeout=10,
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT schemaname || '.' || tablename FROM pg_catalog.pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            )
            return sorted(name for (name,) in cursor.fetchall())
    finally:
        connection.close()


@dataclass(frozen=True)
class Restored:
    sha256: str
    media_files: int | None  # evidence files written; None: no media archive beside the backup (or no media_root)


def backup_restore(*, path: Path, db: dict[str, Any], media_root: Path | None = None) -> Restored:
    """Restore the backup at `path` into the empty database `db` and, given `media_root`, the evidence files
    of the archive beside it. Every check comes before the first write."""
    engine = _engine(db)
    digest = backup_verify(path)
    expected_suffix = ".dump" if engine == POSTGRESQL else ".sqlite3"
    if path.suffix != expected_suffix:
        raise BackupError(f"{path.name} is not a {expected_suffix} backup for this database engine.")
    existing = tables_in(db)
    if existing:
        raise BackupError(
            f"The database {db['NAME']} is not empty ({len(existing)} tables, e.g. {existing[0]}). "
            "Restore only writes into an empty database: create a new one and point DATABASE_URL at it."
        )
    archive = media_path_of(path)
    media = None
    if media_root is not None and archive.exists():
        backup_verify(archive)
        media = _media_to_restore(archive, media_root)
        with tarfile.open(archive, "r:gz") as tar:  # files first: should the database fail, they are only unused
            tar.extractall(media_root, members=media, filter="data")
    if engine == POSTGRESQL:
        args, env = _pg_args(db)
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        _run([*command, *args, f"--dbname={db['NAME']}", str(path)], env)
    else:
        _sqlite_copy(path, db["NAME"])
    return Restored(sha256=digest, media_files=None if media is None else len(media))


def _media_to_restore(archive: Path, media_root: Path) -> list[tarfile.TarInfo]:
    """The archive's files missing from `media_root`; BackupError for anything else in it, or for a file of
    the same name with other content (a restore never overwrites)."""
    missing = []
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if not member.isfile() or len(parts) < 2 or parts[0] not in MEDIA_FOLDERS or ".." in parts:
                raise BackupError(f"{archive.name} holds {member.name!r}, which a media backup never holds.")
            target = media_root / member.name
            if not target.exists():
                missing.append(member)
            elif hashlib.sha256(tar.extractfile(member).read()).hexdigest() != sha256_of(target):
                raise BackupError(f"{target} exists with other content than in {archive.name}; refusing to restore.")
    return missing
