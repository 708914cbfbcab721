"""The bulk targets sheet's URLs in the authorization matrix: office staff only."""

from tests.authz_rows import row

OFFICE_ONLY_GET = {"GET": row("login", 403, 403, 403, 200), "POST": row("login", 405, 405, 405, 405)}

EXPECTED = {
    "excel:targets_download": OFFICE_ONLY_GET,
    # An empty POST has no file: the page comes back with the form's error.
    "excel:targets_upload": {"GET": row("login", 403, 403, 403, 200), "POST": row("login", 403, 403, 403, 400)},
    "excel:targets_preview": {"GET": row("login", 403, 403, 403, 404), "POST": row("login", 403, 403, 403, 404)},
    "excel:targets_cancel": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 403, 403, 404)},
}


def subjects(world) -> dict:
    pk = world["small_set"].pk
    return {
        "excel:targets_download": {"pk": pk},
        "excel:targets_upload": {"pk": pk},
        "excel:targets_preview": {"token": "0" * 32},
        "excel:targets_cancel": {"token": "0" * 32},
    }
