"""Trainings in the authorization matrix: a district-level course of the district officer's own district."""

import datetime

from tests.authz_rows import row
from trainings.models import Training

READ = {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 405, 405, 405, 405)}

EXPECTED = {
    "trainings:list": READ,
    "trainings:create": {"GET": row("login", 403, 200, 200, 200), "POST": row("login", 403, 400, 400, 400)},
    "trainings:detail": READ,
    "trainings:edit": {"GET": row("login", 403, 200, 403, 200), "POST": row("login", 403, 400, 403, 400)},
    "trainings:delete": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 302, 403, 302)},
    "excel:trainings": READ,
}


def subjects(world) -> dict:
    training = Training.objects.create(
        title="Tập huấn chăn nuôi",
        kind="course",
        level="district",
        organiser="UBND huyện",
        starts_on=datetime.date(2014, 5, 10),
        ends_on=datetime.date(2014, 5, 11),
        participants=60,
    )
    training.districts.set([world["district"]])
    return {
        "trainings:detail": {"pk": training.pk},
        "trainings:edit": {"pk": training.pk},
        "trainings:delete": {"pk": training.pk},
    }
