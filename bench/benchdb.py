"""What the benchmarks share: their own PostgreSQL database, created when missing."""

import psycopg2
from django.conf import settings


def ensure_database() -> None:
    """Create the database DATABASE_URL names (its server's `postgres` database is asked) unless it exists."""
    db = settings.DATABASES["default"]
    params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None}
    connection = psycopg2.connect(dbname="postgres", password=db["PASSWORD"] or None, **params)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    connection.close()
