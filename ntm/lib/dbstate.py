"""A fingerprint of the data a database connection sees, for caches that must never serve stale figures.

On PostgreSQL two statements with the same MVCC snapshot (`pg_current_snapshot()`: the oldest running
transaction, the next transaction id and the ones in progress) see exactly the same committed rows, and any
commit anywhere changes the snapshot of later statements. So a result cached under the snapshot it was read
at is only ever served to a reader that would have read the same rows: there is nothing to invalidate.
"""

import hashlib

from django.db import DEFAULT_DB_ALIAS, connections

STATE_SQL = (
    "SELECT current_database(), pg_postmaster_start_time(), pg_current_snapshot()::text, "
    "pg_current_xact_id_if_assigned() IS NOT NULL"
)


def database_state(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """A short key equal for two reads that see the same committed data; None when that cannot be told:
    not PostgreSQL, or inside a transaction that has written (its own changes are not in the snapshot)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL)
        database, started, snapshot, has_written = cursor.fetchone()
    if has_written:
        return None
    return hashlib.sha1(f"{database}|{started.isoformat()}|{snapshot}".encode()).hexdigest()
