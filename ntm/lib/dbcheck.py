"""`make test` asks this first: is PostgreSQL at $DATABASE_URL reachable? Say how to fix it if not."""

import os
import sys

import dj_database_url
import psycopg2


def main() -> int:
    url = os.environ.get("DATABASE_URL", "postgres://localhost/ntm")
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        print(f"make test needs PostgreSQL; DATABASE_URL is {url!r}.", file=sys.stderr)
        return 2
    try:
        connection = psycopg2.connect(
            dbname="postgres",
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            connect_timeout=5,
        )
    except psycopg2.OperationalError as error:
        print(
            f"PostgreSQL is not reachable at {url}:\n  {str(error).strip()}\n"
            "Start PostgreSQL, or point the tests at one, e.g.\n"
            "  make test DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/ntm\n"
            "(the test database ntm's 'test_' copy is created and dropped by the tests).",
            file=sys.stderr,
        )
        return 2
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
