"""A writer for the served benchmark: saves one commune-year every 0.5 s (values alternating) for --seconds.

DATABASE_URL=... python bench/writer.py --commune ID --year YEAR --user ID --seconds S
Prints the number of saves made.
"""

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.settings.test")

import django  # noqa: E402

INTERVAL = 0.5  # seconds between saves


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("--commune", "--year", "--user"):
        parser.add_argument(name, type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    options = parser.parse_args()
    django.setup()
    from django.contrib.auth import get_user_model

    from communes.models import Commune
    from communes.services import assessments_save
    from criteria.selectors import criteria_set_for_year, indicators_of

    commune = Commune.objects.select_related("province__region").get(pk=options.commune)
    user = get_user_model().objects.get(pk=options.user)
    criteria_set = criteria_set_for_year(options.year, commune.province)
    numeric = [i.pk for i in indicators_of(criteria_set) if i.kind != "boolean"]
    saves, stop = 0, time.monotonic() + options.seconds
    while time.monotonic() < stop:
        started = time.monotonic()
        value = Decimal(30 + 40 * (saves % 2))
        assessments_save(commune=commune, year=options.year, values=dict.fromkeys(numeric, value), user=user)
        saves += 1
        time.sleep(max(0.0, INTERVAL - (time.monotonic() - started)))
    print(saves)


if __name__ == "__main__":
    main()
