"""The work queue in the authorization matrix: every role reads it (scoped to what it may see)."""

from tests.authz_rows import row

EXPECTED = {
    "dashboard:work_queue": {
        "GET": row("login", 200, 200, 200, 200),
        "POST": row("login", 405, 405, 405, 405),
    },
}
