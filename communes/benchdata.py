"""A deterministic national data set for the benchmarks (`python manage.py seed_bench`), written with COPY.

About 10,000 communes in 700 districts of 63 provinces (or a real GSO list, `--divisions`), the real criteria sets
of the years asked for, and one value per commune, indicator and year (97 % of the cells), following each commune's
own trajectory so that the figures look like a country's: a few communes recognised early, most climbing over the
decade. Values and their `meets` are computed here with the same rules as the product (`criteria.rules.meets`,
`criteria.selectors.TargetBook`); the per commune-year summary is then rebuilt (`communes.summary.scores_rebuild`).
PostgreSQL only (COPY); the same seed gives the same rows.
"""

import datetime
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from criteria import rules
from criteria.models import CriteriaSet
from criteria.selectors import TargetBook, indicators_of
from provinces.models import Province, Region

from .models import Assessment, Commune, CommuneYearScore, District, ScoreVersion

COMMUNES_PER_DISTRICT = 14  # 10,000 communes in about 700 districts, as in the country before 2025
DISTRICTS_PER_PROVINCE = 11
LAST_YEAR = 2020
SEED = 2014


@dataclass
class BenchReport:
    provinces: int = 0
    districts: int = 0
    communes: int = 0
    assessments: int = 0
    summary_rows: int = 0


def _synthetic_divisions(communes: int) -> list[Commune]:
    """Provinces 'Tỉnh Thử 01'... (codes 01-99), districts of COMMUNES_PER_DISTRICT communes (codes 001-999),
    communes 00001...; the provinces take the regions in turn. ValueError past 99 provinces or 999 districts."""
    regions = list(Region.objects.order_by("code"))
    districts_needed = (communes + COMMUNES_PER_DISTRICT - 1) // COMMUNES_PER_DISTRICT
    provinces_needed = (districts_needed + DISTRICTS_PER_PROVINCE - 1) // DISTRICTS_PER_PROVINCE
    if provinces_needed > 99 or districts_needed > 999:
        raise ValueError("at most 13,986 communes without --divisions (GSO codes have 2 and 3 digits)")
    provinces = [
        Province(code=f"{n + 1:02d}", name=f"Tỉnh Thử {n + 1:02d}", region=regions[n % len(regions)])
        for n in range(provinces_needed)
    ]  # fmt: skip
    Province.objects.bulk_create(provinces)
    districts = []
    for n in range(districts_needed):
        district = District(
            code=f"{n + 1:03d}",
            name=f"Huyện Thử {n + 1:03d}",
            province=provinces[n // DISTRICTS_PER_PROVINCE],
        )
        district.refresh_name_columns()
        districts.append(district)
    District.objects.bulk_create(districts, batch_size=2000)
    places = []
    for n in range(communes):
        district = districts[n // COMMUNES_PER_DISTRICT]
        place = Commune(code=f"{n + 1:05d}", name=f"Xã Thử {n + 1:05d}", province=district.province, district=district)
        place.refresh_name_columns()
        places.append(place)
    return Commune.objects.bulk_create(places, batch_size=2000)


def _value(kind: str, comparator: str, target, progress: float, rng: random.Random):
    """A value for an indicator of a commune at `progress` (0: far from the standard, 1: beyond it)."""
    if kind == rules.BOOLEAN:
        wanted = bool(target) if target is not None else True  # "no temporary housing" wants no
        return (rng.random() < progress) == wanted
    goal = float(target) if target is not None else 50.0
    lower_is_better = comparator in (rules.LT, rules.LE)
    spread = 0.6 + 0.8 * progress + rng.uniform(-0.15, 0.15)  # 0.45-1.55 of the target
    raw = goal / spread if lower_is_better and spread > 0 else goal * spread
    if kind == rules.PERCENTAGE:
        raw = min(max(raw, 0.0), 100.0)
        return Decimal(f"{raw:.2f}")
    return Decimal(f"{max(raw, 0.0):.3f}")


def _copy_rows(lines: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {Assessment._meta.db_table} (commune_id, indicator_id, year, yes_no, percent, amount, meets, note, "
            "entered_at) FROM STDIN",
            io.StringIO("\n".join(lines) + "\n"),
        )


def bench_seed(
    *,
    communes: int,
    years: int,
    divisions: str | None = None,
    seed: int = SEED,
    progress: Callable[[str, int, int], None] | None = None,
) -> BenchReport:
    """Build the data set: divisions (synthetic, or the first `communes` communes of a GSO list), then `years`
    years of values ending in LAST_YEAR, then the summary. Returns what was written.

    ValueError when the database is not PostgreSQL or holds communes already (run it on an empty database).
    """
    from .summary import scores_rebuild

    if connection.vendor != "postgresql":
        raise ValueError("seed_bench writes with COPY: it needs PostgreSQL")
    if Commune.objects.exists():
        raise ValueError("the database already holds communes: seed_bench needs an empty one")
    report = BenchReport()
    rng = random.Random(seed)
    with transaction.atomic():
        if divisions:
            from .divisions import divisions_import

            divisions_import(path_or_file=divisions)
            keep = list(Commune.objects.order_by("code").values_list("pk", flat=True)[:communes])
            Commune.objects.exclude(pk__in=keep).delete()
            places = list(Commune.objects.filter(pk__in=keep))
        else:
            places = _synthetic_divisions(communes)
        places = list(Commune.objects.filter(pk__in=[p.pk for p in places]).select_related("province__region"))
        report.communes = len(places)
        report.districts = District.objects.count()
        report.provinces = Province.objects.count()
        start = rng.random  # each commune: where it starts and how fast it climbs
        trajectory = {p.pk: (start() * 0.5, 0.03 + rng.random() * 0.09) for p in places}
        now = datetime.datetime.now(datetime.UTC).isoformat()
        first_year = LAST_YEAR - years + 1
        for index, year in enumerate(range(first_year, LAST_YEAR + 1)):
            criteria_set = CriteriaSet.objects.for_year(year).first()
            if criteria_set is None:
                continue
            indicators = list(indicators_of(criteria_set))
            book = TargetBook(criteria_set)
            lines: list[str] = []
            for place in places:
                base, slope = trajectory[place.pk]
                level = min(1.0, base + slope * (year - first_year))
                region = place.province.region
                target_class = criteria_set.target_class_for(
                    region_code=region.code if region else None, commune_group=None
                )
                for indicator in indicators:
                    if rng.random() < 0.03:
                        continue
                    target = book.target(
                        indicator.pk, target_class=target_class, year=year, province_id=place.province_id
                    )
                    value = _value(indicator.kind, indicator.comparator, target, level, rng)
                    met = rules.meets(indicator.kind, indicator.comparator, target, value)
                    flag = r"\N" if met is None else ("t" if met else "f")
                    columns = {
                        rules.BOOLEAN: ("t" if value else "f", r"\N", r"\N"),
                        rules.PERCENTAGE: (r"\N", str(value), r"\N"),
                    }.get(indicator.kind, (r"\N", r"\N", str(value)))
                    lines.append(f"{place.pk}\t{indicator.pk}\t{year}\t" + "\t".join(columns) + f"\t{flag}\t\t{now}")
            _copy_rows(lines)
            report.assessments += len(lines)
            if progress is not None:
                progress("values", index + 1, years)
        summary_progress = (lambda done, total: progress("summary", done, total)) if progress else None
        report.summary_rows = scores_rebuild(progress=summary_progress)
    with connection.cursor() as cursor:  # planner statistics for every table written, as autovacuum would later
        for model in (Province, District, Commune, Assessment, CommuneYearScore, ScoreVersion):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return report
