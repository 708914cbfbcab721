"""The background job pages in the authorization matrix: only a job's owner sees it; starting one needs a kind."""

from jobs.models import Job
from tests.authz_rows import row

EXPECTED = {
    # POST without a kind and a year: nothing to start.
    "jobs:create": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 404, 404, 404, 404),
    },
    # One job, the district officer's, still waiting for a worker.
    "jobs:detail": {
        "GET": row("login", 404, 200, 404, 404),
        "POST": row("login", 405, 405, 405, 405),
    },
    "jobs:status": {
        "GET": row("login", 404, 200, 404, 404),
        "POST": row("login", 405, 405, 405, 405),
    },
    "jobs:download": {  # not ready yet: nobody downloads it
        "GET": row("login", 404, 404, 404, 404),
        "POST": row("login", 405, 405, 405, 405),
    },
    "jobs:restart": {
        "GET": row("login", 405, 405, 405, 405),
        "POST": row("login", 404, 302, 404, 404),
    },
}


def subjects(world) -> dict:
    job = Job.objects.create(
        kind="province_matrix", params={"year": world["year"]}, user=world["users"]["district_officer"], title="x"
    )
    pk = {"pk": job.pk}
    return {"jobs:detail": pk, "jobs:status": pk, "jobs:download": pk, "jobs:restart": pk}
