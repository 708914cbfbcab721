"""The national-scale benchmark: pages and a save measured on `seed_bench`'s data set, in one run.

DATABASE_URL=postgres://localhost/ntm_bench .venv/bin/python bench/run.py [--communes 10000] [--years 10] [--repeat 5]
    [--reuse]   # keep the data set already in the database (seeding 10,000 communes x 10 years takes minutes)

Prints, for each measurement, the median of --repeat runs, the queries it made, its target and whether it passes,
and writes bench/results.json (name, value, unit, target, pass). The dashboard is measured cold (its cache entry
removed) and warm, beside one raw SQL query computing the same headline figures (and the two are checked equal).
The database named in DATABASE_URL is created when missing and emptied unless --reuse: give it one of its own.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://localhost/ntm_bench")

import django  # noqa: E402
from benchdb import ensure_database  # noqa: E402
from django.conf import settings  # noqa: E402

RESULTS = Path(__file__).parent / "results.json"


def _median_ms(action, repeat: int) -> tuple[float, int, object]:
    """Median wall time in ms over `repeat` runs, the queries of the last run, and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, result, queries = [], None, 0
    for _turn in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = action()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    return statistics.median(times), queries, result


def _raw_headline(province_id: int, year: int) -> tuple[int, float]:
    """Communes with data and their average criteria met, straight from the assessments in one SQL query."""
    from django.db import connection

    # A criterion is met when every one of its indicators is met (a missing value is not met), as the product rules.
    sql = """
        WITH size AS (
            SELECT criterion_id, count(*) AS indicators FROM criteria_indicator GROUP BY criterion_id
        ), per_criterion AS (
            SELECT a.commune_id, i.criterion_id, count(*) FILTER (WHERE a.meets) AS met
            FROM communes_assessment a
            JOIN criteria_indicator i ON i.id = a.indicator_id
            JOIN communes_commune c ON c.id = a.commune_id
            WHERE a.year = %s AND c.province_id = %s
            GROUP BY a.commune_id, i.criterion_id
        ), per_commune AS (
            SELECT p.commune_id, count(*) FILTER (WHERE p.met = s.indicators) AS criteria_met
            FROM per_criterion p JOIN size s USING (criterion_id) GROUP BY p.commune_id
        )
        SELECT count(*), coalesce(avg(criteria_met), 0) FROM per_commune
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, province_id])
        count, average = cursor.fetchone()
    return count, float(average)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true")
    options = parser.parse_args()
    if "bench" not in settings.DATABASES["default"]["NAME"]:
        sys.exit(f"{settings.DATABASES['default']['NAME']}: refusing to empty a database whose name lacks 'bench'")
    ensure_database()
    django.setup()
    from decimal import Decimal

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role
    from accounts.services import user_create
    from communes.models import Assessment, Commune
    from communes.selectors import assessment_years
    from communes.services import assessments_save
    from criteria.selectors import criteria_set_for_year, indicators_of
    from dashboard.selectors import dashboard_build

    call_command("migrate", verbosity=0)
    seed_seconds = None
    if not options.reuse or not Commune.objects.exists():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE communes_assessment, communes_communeyearscore, communes_commune, "
                           "communes_district, provinces_province, auth_user CASCADE")  # fmt: skip
        call_command("load_criteria", verbosity=0)
        start = time.perf_counter()
        call_command("seed_bench", "--communes", str(options.communes), "--years", str(options.years))
        seed_seconds = time.perf_counter() - start
    year = max(Assessment.objects.values_list("year", flat=True).distinct())
    commune = Commune.objects.select_related("province", "district").order_by("pk").first()
    settings.NTM_DEFAULT_PROVINCE = commune.province.code
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
    office = user_create(username=f"bench{time.time_ns()}", password="Bench-2026!", role=Role.OFFICE)
    client = Client()
    client.force_login(office)
    rows = Assessment.objects.count()
    print(f"{Commune.objects.count()} communes, {rows} assessments; province {commune.province.code}, year {year}")
    results = []

    def record(name, value, unit, target, passes, queries=None):
        results.append({"name": name, "value": round(value, 2), "unit": unit, "target": target, "pass": passes,
                        "queries": queries})  # fmt: skip

    def dashboard_cold():
        cache.clear()
        return client.get(reverse("dashboard:home"), {"year": year})

    raw_ms, _q, raw = _median_ms(lambda: _raw_headline(commune.province_id, year), options.repeat)
    cold_ms, cold_q, _r = _median_ms(dashboard_cold, options.repeat)
    warm_ms, warm_q, _r = _median_ms(lambda: client.get(reverse("dashboard:home"), {"year": year}), options.repeat)
    board = dashboard_build(year=year, years=assessment_years())
    ours = (board.current.communes - board.current.no_data, float(board.current.average_criteria_met))
    record("raw SQL, same headline figures", raw_ms, "ms", "", True)
    record("dashboard cold", cold_ms, "ms", "<= 1.5x raw SQL", cold_ms <= 1.5 * raw_ms, cold_q)
    record("dashboard warm", warm_ms, "ms", "< 5 ms server", warm_ms < 5, warm_q)
    record("dashboard figures equal the raw SQL", float(abs(ours[1] - raw[1]) < 0.01 and ours[0] == raw[0]), "bool",
           "1", abs(ours[1] - raw[1]) < 0.01 and ours[0] == raw[0])  # fmt: skip
    pages = {
        "district page": reverse("dashboard:district", args=[commune.district_id]) + f"?year={year}",
        "commune directory": reverse("communes:list") + f"?year={year}",
        "commune directory, page 40": reverse("communes:list") + f"?year={year}&page=40",
        "registrations page": reverse("workflow:registrations") + f"?year={year}",
        "scorecard": reverse("communes:scorecard", args=[commune.pk]) + f"?year={year}",
    }
    for name, url in pages.items():
        ms, queries, response = _median_ms(lambda url=url: client.get(url), options.repeat)
        assert response.status_code == 200, (name, response.status_code)
        record(name, ms, "ms", "<= 100 ms", ms <= 100, queries)
    criteria_set = criteria_set_for_year(year, commune.province)
    indicators = [i for i in indicators_of(criteria_set) if i.kind != "boolean"]
    turn = [0]

    def save():
        turn[0] += 1
        values = {i.pk: Decimal(50 + (turn[0] + n) % 40) for n, i in enumerate(indicators)}
        return assessments_save(commune=commune, year=year, values=values, user=office)

    ms, queries, _r = _median_ms(save, options.repeat)
    record(f"save one commune-year ({len(indicators)} values)", ms, "ms", "<= 10 queries", queries <= 10, queries)
    if seed_seconds is not None:
        record("seed_bench", seed_seconds, "s", "a few minutes", True)

    print("\n| measurement | median | queries | target | pass |\n| --- | --- | --- | --- | --- |")
    for item in results:
        queries = item["queries"] if item["queries"] is not None else ""
        verdict = "yes" if item["pass"] else "no"
        print(f"| {item['name']} | {item['value']} {item['unit']} | {queries} | {item['target']} | {verdict} |")
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {RESULTS}")


if __name__ == "__main__":
    main()
