"""The national-scale benchmark: pages and a save measured on `seed_bench`'s data set, in one run.

DATABASE_URL=postgres://localhost/ntm_bench .venv/bin/python bench/run.py [--communes 10000] [--years 10] [--repeat 5]
    [--reuse]   # keep the data set already in the database (seeding 10,000 communes x 10 years takes minutes)

Prints, for each measurement, the median of --repeat runs, the queries it made, its target and whether it passes,
and writes bench/results.json (name, value, unit, target, pass). The dashboard is measured cold (its cache entry
removed) and warm, beside one raw SQL query computing the same score figures from the assessments (the trend of
every year, per district, per criterion and the bands; all checked equal) and, for information, beside a query
computing only its two headline figures.
The database named in DATABASE_URL is created when missing and emptied unless --reuse: give it one of its own.
"""

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
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


def _raw_headline(province_id: int | None, year: int) -> tuple[int, float]:
    """Communes with data and their average criteria met, straight from the assessments in one SQL query: of one
    province, or of the whole country (None)."""
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
            WHERE a.year = %s AND (c.province_id = %s OR %s IS NULL)
            GROUP BY a.commune_id, i.criterion_id
        ), per_commune AS (
            SELECT p.commune_id, count(*) FILTER (WHERE p.met = s.indicators) AS criteria_met
            FROM per_criterion p JOIN size s USING (criterion_id) GROUP BY p.commune_id
        )
        SELECT count(*), coalesce(avg(criteria_met), 0) FROM per_commune
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, province_id, province_id])
        count, average = cursor.fetchone()
    return count, float(average)


def _raw_figures(province_id: int, year: int, trend_years: list[int]) -> dict:
    """The province dashboard's score figures straight from the assessments, in one SQL query: the average
    criteria met per year of the trend, and in `year` the communes with data and average per district, the
    communes meeting each criterion, and how many communes met each number of criteria (for the bands).

    Shape: {"trend": {year: (communes, average)}, "districts": {district id: (communes, average)},
    "criteria": {number: communes}, "histogram": {criteria met: communes}}."""
    from django.db import connection

    sql = """
        WITH size AS (
            SELECT criterion_id, count(*) AS indicators FROM criteria_indicator GROUP BY criterion_id
        ), per_criterion AS (
            SELECT a.commune_id, a.year, i.criterion_id, count(*) FILTER (WHERE a.meets) AS met
            FROM communes_assessment a
            JOIN criteria_indicator i ON i.id = a.indicator_id
            -- the province's communes as an array: PostgreSQL then reads the (commune, indicator, year) index
            -- instead of scanning every province's assessments of those years (730 ms against 63 ms)
            WHERE a.commune_id = ANY(ARRAY(SELECT id FROM communes_commune WHERE province_id = %(province)s))
              AND a.year = ANY(%(years)s)
            GROUP BY a.commune_id, a.year, i.criterion_id
        ), met AS (
            SELECT p.commune_id, p.year, p.criterion_id, p.met = s.indicators AS is_met
            FROM per_criterion p JOIN size s USING (criterion_id)
        ), per_commune AS (
            SELECT commune_id, year, count(*) FILTER (WHERE is_met) AS criteria_met FROM met GROUP BY commune_id, year
        )
        SELECT 'trend', year, count(*), avg(criteria_met) FROM per_commune GROUP BY year
        UNION ALL
        SELECT 'districts', c.district_id, count(*), avg(criteria_met)
        FROM per_commune pc JOIN communes_commune c ON c.id = pc.commune_id WHERE pc.year = %(year)s
        GROUP BY c.district_id
        UNION ALL
        SELECT 'criteria', cr.number, count(*) FILTER (WHERE is_met), NULL
        FROM met JOIN criteria_criterion cr ON cr.id = met.criterion_id WHERE met.year = %(year)s GROUP BY cr.number
        UNION ALL
        SELECT 'histogram', criteria_met, count(*), NULL FROM per_commune WHERE year = %(year)s GROUP BY criteria_met
    """
    figures: dict = {"trend": {}, "districts": {}, "criteria": {}, "histogram": {}}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"years": sorted({*trend_years, year}), "province": province_id, "year": year})
        for kind, key, count, average in cursor.fetchall():
            figures[kind][key] = (count, float(average)) if average is not None else count
    return figures


def _figures_differ(board, raw: dict) -> list[str]:
    """What differs between the dashboard's figures and `_raw_figures` (empty: all equal, averages to 0.01)."""
    from criteria import rules

    differences = []

    def close(ours: tuple[int, float], theirs: tuple[int, float]) -> bool:
        return ours[0] == theirs[0] and abs(ours[1] - theirs[1]) < 0.01

    for point in board.trend:
        theirs = raw["trend"].get(point.year, (0, 0.0))
        if abs(point.average_criteria_met - theirs[1]) >= 0.01:
            differences.append(f"trend {point.year}: {point.average_criteria_met} != {theirs[1]}")
    for row in board.districts:
        ours = (row.current.communes - row.current.no_data, row.current.average_criteria_met)
        theirs = raw["districts"].get(row.district.pk, (0, 0.0))
        if not close(ours, theirs):
            differences.append(f"district {row.district.code}: {ours} != {theirs}")
    for row in board.criteria:
        if row.communes_met != raw["criteria"].get(row.number, 0):
            differences.append(f"criterion {row.number}: {row.communes_met} != {raw['criteria'].get(row.number)}")
    bands: dict[str, int] = {}
    for met, count in raw["histogram"].items():
        label = rules.band_for(met, board.scores_info.bands)
        bands[label] = bands.get(label, 0) + count
    if {k: v for k, v in board.current.bands.items() if v} != {k: v for k, v in bands.items() if v}:
        differences.append(f"bands: {board.current.bands} != {bands}")
    return differences


def _served(record, client, commune, office, year: int, options) -> None:
    """The measurements against gunicorn (bench/served.py): rates, a write seen by a second process, memory."""
    import subprocess

    import served
    from django.db import connection

    from communes.services import assessments_save
    from criteria.selectors import criteria_set_for_year, indicators_of

    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER'] or ''}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    board = f"/province/?year={year}"
    with served.gunicorn(database_url=url, secret_key=settings.SECRET_KEY, province=commune.province.code) as (
        port,
        master,
    ):
        status, _body = served.get(port, board, cookie)
        assert status == 200, f"the dashboard answered {status} under gunicorn"
        # The server times first: their 200 sequential requests per page also reach every worker (gunicorn's sync
        # workers close each connection), so the rates below are those of warm workers (their templates loaded,
        # their SQL written), as a server that has been running serves them.
        for name, path in (("dashboard", board), ("national dashboard", f"/national/?year={year}")):
            served.get(port, path, cookie)  # cached
            ms = served.server_time_ms(port, path, cookie)
            record(f"{name} warm, server time under gunicorn", ms, "ms", "< 5 ms server", ms < 5)
        health = served.rate(port, "/healthz")
        dashboard = served.rate(port, board, cookie)
        record("/healthz under gunicorn", health, "req/s", "", True)
        record("dashboard under gunicorn", dashboard, "req/s", ">= 20 % of /healthz", dashboard >= 0.2 * health)
        nation = served.rate(port, f"/national/?year={year}", cookie)
        record("national dashboard under gunicorn", nation, "req/s", ">= 20 % of /healthz", nation >= 0.2 * health)
        writer = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).parent / "writer.py"),
                "--commune",
                str(commune.pk),
                "--year",
                str(year),
                "--user",
                str(office.pk),
                "--seconds",
                str(2 * served.DURATION + 2),
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1)
        health_writing = served.rate(port, "/healthz")
        dashboard_writing = served.rate(port, board, cookie)
        saves = int(writer.communicate(timeout=120)[0].strip() or 0)
        record("/healthz with a writer", health_writing, "req/s", "", True)
        record(
            f"dashboard with a writer ({saves} saves)", dashboard_writing, "req/s", ">= 20 % of /healthz",
            dashboard_writing >= 0.2 * health_writing,
        )  # fmt: skip

        api = f"/api/dashboard/?year={year}"
        served.get(port, api, cookie)  # cached
        criteria_set = criteria_set_for_year(year, commune.province)
        numeric = [i.pk for i in indicators_of(criteria_set) if i.kind != "boolean"]
        seen = []
        for value in (Decimal(0), Decimal(100), Decimal(0)):  # the commune falls, climbs, falls
            assessments_save(commune=commune, year=year, values=dict.fromkeys(numeric, value), user=office)
            _count, expected = _raw_headline(commune.province_id, year)
            start = time.perf_counter()
            body = json.loads(served.get(port, api, cookie)[1])
            seen.append((abs(body["province"]["average_criteria_met"] - expected) < 0.01, time.perf_counter() - start))
        connection.close()
        record("a second process sees a write at once", 1000 * max(t for _ok, t in seen), "ms", "the new figures",
               all(ok for ok, _t in seen))  # fmt: skip

        for _turn in range(200):
            served.get(port, board, cookie)
        peak = served.worker_peak_rss_mb(master)
        record("worker peak RSS after 200 dashboards", peak, "MB", "< 300 MB", peak < 300)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--no-server", action="store_true", help="skip the gunicorn measurements")
    options = parser.parse_args()
    if "bench" not in settings.DATABASES["default"]["NAME"]:
        sys.exit(f"{settings.DATABASES['default']['NAME']}: refusing to empty a database whose name lacks 'bench'")
    ensure_database()
    django.setup()
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
    from dashboard.national import nation_build
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

    board = dashboard_build(year=year, years=assessment_years())
    trend_years = [point.year for point in board.trend]
    headline_ms, _q, raw = _median_ms(lambda: _raw_headline(commune.province_id, year), options.repeat)
    raw_ms, _q, figures = _median_ms(lambda: _raw_figures(commune.province_id, year, trend_years), options.repeat)
    cold_ms, cold_q, _r = _median_ms(dashboard_cold, options.repeat)
    warm_ms, warm_q, _r = _median_ms(lambda: client.get(reverse("dashboard:home"), {"year": year}), options.repeat)
    ours = (board.current.communes - board.current.no_data, float(board.current.average_criteria_met))
    differences = _figures_differ(board, figures)
    headline_equal = abs(ours[1] - raw[1]) < 0.01 and ours[0] == raw[0]
    record("raw SQL, the headline only (two figures)", headline_ms, "ms", "", True)
    record(f"raw SQL, the dashboard's score figures ({len(trend_years)}-year trend)", raw_ms, "ms", "", True)
    record("dashboard cold", cold_ms, "ms", "<= 1.5x raw SQL", cold_ms <= 1.5 * raw_ms, cold_q)
    record("dashboard cold against the headline only", cold_ms / headline_ms, "x", "", True)
    record("dashboard warm, in-process test client", warm_ms, "ms", "", True, warm_q)
    record("dashboard figures equal the raw SQL", float(headline_equal and not differences), "bool", "1",
           headline_equal and not differences)  # fmt: skip
    for difference in differences[:10]:
        print("  differs:", difference)

    def api(cold: bool):
        if cold:
            cache.clear()
        return client.get(reverse("dashboard:api"), {"year": year})

    api_cold_ms, api_cold_q, response = _median_ms(lambda: api(True), options.repeat)
    api_warm_ms, api_warm_q, _r = _median_ms(lambda: api(False), options.repeat)
    record("API JSON cold", api_cold_ms, "ms", "as the dashboard cold", api_cold_ms <= 1.5 * raw_ms, api_cold_q)
    record(f"API JSON warm ({len(response.content) / 1024:.0f} KiB)", api_warm_ms, "ms", "", True, api_warm_q)

    def national(cold: bool):
        if cold:
            cache.clear()
        return client.get(reverse("dashboard:national"), {"year": year})

    raw_ms, _q, raw = _median_ms(lambda: _raw_headline(None, year), options.repeat)
    cold_ms, cold_q, _r = _median_ms(lambda: national(True), options.repeat)
    warm_ms, warm_q, _r = _median_ms(lambda: national(False), options.repeat)
    nation = nation_build(year=year, years=assessment_years())
    ours = (nation.current.communes - nation.current.no_data, float(nation.current.average_criteria_met))
    equal = abs(ours[1] - raw[1]) < 0.01 and ours[0] == raw[0]
    record("raw SQL, the country's headline figures", raw_ms, "ms", "", True)
    record("national dashboard cold", cold_ms, "ms", "<= 1.5x raw SQL", cold_ms <= 1.5 * raw_ms, cold_q)
    record("national dashboard warm, in-process test client", warm_ms, "ms", "", True, warm_q)
    record("national figures equal the raw SQL", float(equal), "bool", "1", equal)
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
    if not options.no_server:
        _served(record, client, commune, office, year, options)

    print("\n| measurement | median | queries | target | pass |\n| --- | --- | --- | --- | --- |")
    for item in results:
        queries = item["queries"] if item["queries"] is not None else ""
        verdict = "yes" if item["pass"] else "no"
        print(f"| {item['name']} | {item['value']} {item['unit']} | {queries} | {item['target']} | {verdict} |")
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {RESULTS}")


if __name__ == "__main__":
    main()
