"""Capital lines, the report and the resources table in the authorization matrix.

The subject line is at district level in the district officer's own district. The upload and the template are
for office staff and district officers (their own district); a token nobody uploaded is 404.
"""

from capital.models import CapitalLine, CapitalSource
from capital.reference import sources_load
from tests.authz_rows import row

READ = {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 405, 405, 405, 405)}

EXPECTED = {
    "capital:report": READ,
    "capital:list": READ,
    "capital:create": {"GET": row("login", 403, 200, 200, 200), "POST": row("login", 403, 400, 400, 400)},
    "capital:edit": {"GET": row("login", 403, 200, 403, 200), "POST": row("login", 403, 400, 403, 400)},
    "capital:delete": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 302, 403, 302)},
    "excel:capital_lines": READ,
    "excel:capital_table": READ,
    # Without a scope the template's form is invalid: the page comes back with its errors.
    "excel:capital_template": {"GET": row("login", 403, 400, 400, 400), "POST": row("login", 405, 405, 405, 405)},
    "excel:capital_upload": {"GET": row("login", 403, 200, 200, 200), "POST": row("login", 403, 400, 400, 400)},
    "excel:capital_preview": {"GET": row("login", 403, 404, 404, 404), "POST": row("login", 403, 404, 404, 404)},
    "excel:capital_cancel": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 404, 404, 404)},
}


def subjects(world) -> dict:
    sources_load()
    source = CapitalSource.objects.get(source_set__code="NTM_2011_2015", code="IV")
    line = CapitalLine.objects.create(
        year=world["year"],
        period="year",
        kind="mobilised",
        level="district",
        district=world["district"],
        source=source,
        amount=120,
    )
    return {
        "capital:edit": {"pk": line.pk},
        "capital:delete": {"pk": line.pk},
        "excel:capital_table": {"year": world["year"]},
        "excel:capital_preview": {"token": "0" * 32},
        "excel:capital_cancel": {"token": "0" * 32},
    }
