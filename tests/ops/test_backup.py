"""`manage.py backup` and `manage.py restore`: a restored copy has the same rows and the same dashboard."""

import json
import sqlite3
import stat
from decimal import Decimal

import psycopg2
import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from communes.services import assessments_save
from criteria.models import Indicator
from ops.backups import BackupError, backup_create, backup_restore, backup_verify, checksum_path_of, sha256_of

from .conftest import database_url, run_manage

DASHBOARD_JSON = """
import json
from communes.selectors import assessment_years
from dashboard.selectors import dashboard_build, dashboard_json
years = assessment_years()
print(json.dumps([dashboard_json(dashboard_build(year=y, years=years)) for y in sorted(years)], sort_keys=True))
"""


def _dashboards(url: str):
    return run_manage("shell", "-v", "0", "-c", DASHBOARD_JSON, env={"DATABASE_URL": url})


def _admin_connection(dbname: str = "postgres"):
    db = connection.settings_dict
    server = psycopg2.connect(
        dbname=dbname,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )
    server.autocommit = True
    return server


def _row_counts(dbname: str) -> dict[str, int]:
    server = _admin_connection(dbname)
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [name for (name,) in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
            return counts
    finally:
        server.close()


def _media_file(media_root, name: str, content: bytes):
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.fixture
def restore_db():
    """A fresh, empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    server = _admin_connection()
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()


@pytest.fixture
def province_with_values(office, district_officer, commune, second_commune, other_commune, small_set):
    """Three communes with values in 2013 and 2014, committed (the backup reads through its own connection)."""
    ind = {i.code: i for i in Indicator.objects.filter(criterion__criteria_set=small_set)}
    met = {ind["1.1"].pk: Decimal("75"), ind["1.2"].pk: True, ind["2.1"].pk: Decimal("20"), ind["3.1"].pk: Decimal("5")}
    half = {ind["1.1"].pk: Decimal("40.5"), ind["1.2"].pk: True, ind["2.1"].pk: Decimal("12")}
    for place, values in [(commune, met), (second_commune, half), (other_commune, met)]:
        assessments_save(commune=place, year=2014, values=values, user=office)
        assessments_save(commune=place, year=2013, values=half, user=district_officer)


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_the_same_rows_dashboard_and_evidence_files(
    province_with_values, restore_db, tmp_path, settings
):
    original = connection.settings_dict["NAME"]
    settings.MEDIA_ROOT = tmp_path / "media"
    evidence = _media_file(settings.MEDIA_ROOT, "evidence/3f2a", b"%PDF-1.4 bien ban kiem tra")
    _media_file(settings.MEDIA_ROOT, "imports/pending.xlsx", b"an upload awaiting confirmation")
    live_session = SessionStore()
    live_session["_auth_user_id"] = "1"
    live_session.create()
    AccessAttempt.objects.create(
        username="vanphong", ip_address="203.0.113.9", user_agent="x", failures_since_start=5, get_data="", post_data=""
    )
    call_command("backup", output_dir=tmp_path, verbosity=0)
    (dump,) = tmp_path.glob("ntm-*.dump")
    assert (tmp_path / f"{dump.name}.sha256").read_text() == f"{sha256_of(dump)}  {dump.name}\n"

    new_media = tmp_path / "new-server-media"
    result = run_manage(
        "restore",
        str(dump),
        env={"DATABASE_URL": database_url(connection.settings_dict, restore_db), "MEDIA_ROOT": str(new_media)},
    )
    assert result.returncode == 0, result.stderr
    assert "Checksum verified" in result.stdout
    assert (new_media / "evidence/3f2a").read_bytes() == evidence.read_bytes()
    assert not (new_media / "imports").exists()

    counts = _row_counts(original)
    assert counts["communes_assessment"] == 20 and counts["auth_user"] == 2
    assert counts["django_session"] == 1 and counts["axes_accessattempt"] == 1
    restored = _row_counts(restore_db)
    assert restored["django_session"] == 0 and restored["axes_accessattempt"] == 0  # tables kept, rows left out
    left_out = {table for table in counts if table == "django_session" or table.startswith("axes_")}
    assert {t: n for t, n in restored.items() if t not in left_out} == {
        t: n for t, n in counts.items() if t not in left_out
    }
    before = _dashboards(database_url(connection.settings_dict))
    after = _dashboards(database_url(connection.settings_dict, restore_db))
    assert before.returncode == 0 and after.returncode == 0, before.stderr + after.stderr
    boards = json.loads(before.stdout)
    assert [board["year"] for board in boards] == [2013, 2014]
    assert boards[1]["province"]["communes"] == 3 and boards[1]["criteria"][0]["communes_met"] == 2
    assert json.loads(after.stdout) == boards


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(province_with_values, tmp_path):
    call_command("backup", output_dir=tmp_path, verbosity=0)
    (dump,) = tmp_path.glob("ntm-*.dump")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(dump), verbosity=0)
    assert _row_counts(connection.settings_dict["NAME"])["communes_assessment"] == 20


def test_restore_refuses_a_backup_whose_checksum_does_not_match(tmp_path):
    source = tmp_path / "source.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE t (x)")
    backup = backup_create(db={"ENGINE": "django.db.backends.sqlite3", "NAME": source}, directory=tmp_path / "b")
    with backup.path.open("ab") as handle:
        handle.write(b"tampered")
    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "target.sqlite3"}
    with pytest.raises(BackupError, match="Checksum mismatch"):
        backup_restore(path=backup.path, db=target)
    backup.checksum_path.unlink()
    with pytest.raises(BackupError, match="No checksum file"):
        backup_restore(path=backup.path, db=target)
    assert not (tmp_path / "target.sqlite3").exists()


def test_sqlite_backup_and_restore_round_trip(tmp_path):
    source = tmp_path / "ntm.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE commune (code TEXT, name TEXT)")
        db.executemany("INSERT INTO commune VALUES (?, ?)", [("18256", "Xã Tùng Ảnh"), ("18259", "Xã Đức Lạng")])
    backup = backup_create(db={"ENGINE": "django.db.backends.sqlite3", "NAME": source}, directory=tmp_path / "backups")
    assert backup.path.name.startswith("ntm-") and backup.path.suffix == ".sqlite3"
    assert backup.checksum_path.read_text().split() == [backup.sha256, backup.path.name]

    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "restored.sqlite3"}
    restored = backup_restore(path=backup.path, db=target, media_root=tmp_path / "media")
    assert restored.sha256 == backup.sha256
    assert restored.media_files is None and not backup.media_path.exists()  # made without media_root: none
    with sqlite3.connect(target["NAME"]) as db:
        assert db.execute("SELECT code, name FROM commune ORDER BY code").fetchall() == [
            ("18256", "Xã Tùng Ảnh"),
            ("18259", "Xã Đức Lạng"),
        ]
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(path=backup.path, db=target)


def _sqlite_with_evidence(tmp_path):
    """A small SQLite database and a MEDIA_ROOT holding two evidence files, backed up together."""
    source = tmp_path / "ntm.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE evidence (file TEXT)")
        db.executemany("INSERT INTO evidence VALUES (?)", [("evidence/aa01",), ("evidence/bb02",)])
    media = tmp_path / "media"
    _media_file(media, "evidence/aa01", b"%PDF-1.4 quyet dinh")
    _media_file(media, "evidence/bb02", b"\x89PNG anh hien truong")
    backup = backup_create(
        db={"ENGINE": "django.db.backends.sqlite3", "NAME": source}, directory=tmp_path / "b", media_root=media
    )
    return backup, media


def test_evidence_files_are_backed_up_and_restored_beside_the_database(tmp_path):
    backup, media = _sqlite_with_evidence(tmp_path)
    assert backup.media_files == 2
    assert backup_verify(backup.media_path) == sha256_of(backup.media_path)

    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "restored.sqlite3"}
    restored = backup_restore(path=backup.path, db=target, media_root=tmp_path / "restored-media")
    assert restored.media_files == 2
    for name in ("evidence/aa01", "evidence/bb02"):
        assert (tmp_path / "restored-media" / name).read_bytes() == (media / name).read_bytes()


def test_a_tampered_media_archive_stops_the_restore_before_anything_is_written(tmp_path):
    backup, _media = _sqlite_with_evidence(tmp_path)
    with backup.media_path.open("ab") as handle:
        handle.write(b"tampered")
    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "restored.sqlite3"}
    with pytest.raises(BackupError, match="Checksum mismatch"):
        backup_restore(path=backup.path, db=target, media_root=tmp_path / "restored-media")
    assert not target["NAME"].exists()
    assert not (tmp_path / "restored-media").exists()


def test_restore_never_overwrites_an_evidence_file_with_other_content(tmp_path):
    backup, _media = _sqlite_with_evidence(tmp_path)
    other = _media_file(tmp_path / "restored-media", "evidence/aa01", b"another file of the same name")
    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "restored.sqlite3"}
    with pytest.raises(BackupError, match="other content"):
        backup_restore(path=backup.path, db=target, media_root=tmp_path / "restored-media")
    assert other.read_bytes() == b"another file of the same name"
    assert not target["NAME"].exists()
    assert not (tmp_path / "restored-media" / "evidence/bb02").exists()


def test_backup_files_are_private_to_their_owner(tmp_path):
    source = tmp_path / "ntm.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE commune (code TEXT)")
    media = tmp_path / "media"
    _media_file(media, "evidence/3f2a", b"%PDF-1.4")
    folder = tmp_path / "backups"

    backup = backup_create(
        db={"ENGINE": "django.db.backends.sqlite3", "NAME": source}, directory=folder, media_root=media
    )

    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    written = [backup.path, backup.checksum_path, backup.media_path, checksum_path_of(backup.media_path)]
    assert sorted(written) == sorted(folder.iterdir())
    assert {oct(stat.S_IMODE(path.stat().st_mode)) for path in written} == {oct(0o600)}


def test_an_existing_backup_folder_is_made_private_too(tmp_path):
    source = tmp_path / "ntm.sqlite3"
    sqlite3.connect(source).close()
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o755)
    backup_create(db={"ENGINE": "django.db.backends.sqlite3", "NAME": source}, directory=folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_sqlite_backup_carries_no_session_and_no_login_throttling_record(tmp_path):
    source = tmp_path / "ntm.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE django_session (session_key TEXT, session_data TEXT)")
        db.execute("CREATE TABLE axes_accessattempt (username TEXT)")
        db.execute("CREATE TABLE commune (code TEXT)")
        db.execute("INSERT INTO django_session VALUES ('k3y-of-a-live-session', 'secret-session-data')")
        db.execute("INSERT INTO axes_accessattempt VALUES ('vanphong')")
        db.execute("INSERT INTO commune VALUES ('18256')")

    backup = backup_create(db={"ENGINE": "django.db.backends.sqlite3", "NAME": source}, directory=tmp_path / "b")

    with sqlite3.connect(backup.path) as db:
        assert db.execute("SELECT count(*) FROM django_session").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM axes_accessattempt").fetchone() == (0,)
        assert db.execute("SELECT code FROM commune").fetchall() == [("18256",)]
    assert b"k3y-of-a-live-session" not in backup.path.read_bytes()
