"""Reads shared by several commune and dashboard views."""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from criteria.models import CriteriaSet
from ntm.lib.rows import table
from provinces.models import Province, Region, year_end
from provinces.selectors import default_province, default_province_sql, province_select_list, province_with_region

from .models import Commune, CommuneYearScore, District, GroupAssignment, Lineage, ScoreVersion


def assessment_years(province=None) -> list[int]:
    """Years with recorded values, newest first; this year when nothing is recorded yet.

    Read from `province`'s (default: the installation's) score versions (a row per year whose scores were ever
    written), not from the millions of assessments nor from the other provinces sharing the database.
    """
    has_scores = CommuneYearScore.objects.filter(province_id=OuterRef("province_id"), year=OuterRef("year"))
    versions = ScoreVersion.objects.filter(year__gt=0, province=province or default_province())
    versions = versions.filter(Exists(has_scores))
    years = sorted(set(versions.order_by().values_list("year", flat=True).distinct()), reverse=True)
    return years or [datetime.date.today().year]


def years_and_versions(province) -> tuple[list[int], dict[int, int]]:
    """`assessment_years(province)` and the score version of each of its years (communes/summary.py: versions_of,
    0 for a year never written), together in one query: what a cached page needs before anything else.

    Shapes: ([year, ...] newest first, {year: version}); the versions include the pseudo-years 0 and 1. Read on
    every dashboard request, so its SQL is written once per process (ntm/lib/rows.py).
    """
    with connection.cursor() as cursor:
        cursor.execute(_years_and_versions_sql(), [province.pk])
        return _years_and_versions(cursor.fetchall(), 0)


def installation_years_and_versions() -> tuple[Province | None, list[int], dict[int, int] | None]:
    """(`default_province()`, and `years_and_versions` of it; None without a province) in one query: the first
    read of a warm province dashboard. Its SQL is written once per process (ntm/lib/rows.py)."""
    with connection.cursor() as cursor:
        cursor.execute(_installation_sql(), [settings.NTM_DEFAULT_PROVINCE])
        rows = cursor.fetchall()
    if not rows:
        return None, assessment_years(), None
    province, end = province_with_region(rows[0])
    years, versions = _years_and_versions([row for row in rows if row[end] is not None], end)
    return province, years, versions


def _version_columns() -> str:
    """A province's score version of a year, and whether the year has summary rows (a year with data)."""
    scores = table(CommuneYearScore)
    same = "s.province_id = v.province_id AND s.year = v.year"
    return f"v.year, v.version, EXISTS (SELECT 1 FROM {scores} s WHERE {same})"


@functools.cache  # written once per process, on first use (ntm/lib/rows.py)
def _years_and_versions_sql() -> str:
    return f"SELECT {_version_columns()} FROM {table(ScoreVersion)} v WHERE v.province_id = %s"


@functools.cache  # written once per process, on first use (ntm/lib/rows.py)
def _installation_sql() -> str:
    return (
        f"SELECT {province_select_list()}, {_version_columns()} FROM ({default_province_sql()}) p "
        f"LEFT JOIN {table(Region)} r ON r.id = p.region_id "
        f"LEFT JOIN {table(ScoreVersion)} v ON v.province_id = p.id"
    )


def _years_and_versions(rows, start: int) -> tuple[list[int], dict[int, int]]:
    versions, years = {}, []
    for row in rows:
        year, version, scored = row[start : start + 3]
        versions[year] = version
        if scored and year > 1:
            years.append(year)
    return sorted(years, reverse=True) or [datetime.date.today().year], versions


def selected_year(raw: str | None, years: list[int]) -> int:
    """The ?year= parameter when it is a sensible year, else the newest year with data."""
    try:
        year = int(raw or "")
    except ValueError:
        return years[0]
    return year if 2000 <= year <= 2100 else years[0]


def districts_for_filter(year: int, province=None) -> tuple[QuerySet[District], bool]:
    """The districts of `province` (default: the installation's) a list of `year` can be filtered by, and whether
    they are former ones.

    Before 1/7/2025: the districts of the year. After it districts no longer exist: the former districts of the
    communes the year's communes were formed from (read from their lineage).
    """
    province = province or default_province()
    districts = District.objects.in_year(year).filter(province=province).order_by("sort_name")
    before_reform = year_end(year) < datetime.date.fromisoformat(settings.NTM_REFORM_DATE)
    if before_reform or districts.exists():  # before the reform no query here: the list stays lazy
        return districts, False
    successors = Commune.objects.in_year(year).filter(province=province)
    formed = Lineage.objects.filter(successor__in=successors).values("predecessor__district")
    return District.objects.filter(pk__in=formed).order_by("sort_name"), True


def in_former_district(queryset: QuerySet[Commune], district: District) -> QuerySet[Commune]:
    """The communes formed (wholly or in part) from communes of `district`."""
    return queryset.filter(pk__in=Lineage.objects.filter(predecessor__district=district).values("successor"))


def district_exists_in(district: District, year: int) -> bool:
    """Whether `district` is among the units of `year` (districts were abolished on 1/7/2025)."""
    return district.valid_from <= year_end(year) and (
        district.valid_until is None or district.valid_until > year_end(year)
    )


def district_gone_context(district: District, year: int) -> dict:
    """What the page of a district shows for a year it no longer existed in: its last day, its last year, and the
    communes of `year` formed from its communes."""
    if district.valid_until is None or district.valid_until > year_end(year):  # the year is before it started
        return {"district": district, "year": year, "last_day": None, "last_year": district.valid_from.year}
    last_day = district.valid_until - datetime.timedelta(days=1)
    successors = in_former_district(Commune.objects.in_year(year), district).order_by("sort_name", "code")
    return {
        "district": district,
        "year": year,
        "last_day": last_day,
        "last_year": last_day.year - 1,
        "successors": list(successors),
    }


def in_district(queryset: QuerySet[Commune], district: District, year: int) -> QuerySet[Commune]:
    """The communes of `district` in `year`: its own while it existed, those formed from its communes after."""
    if district_exists_in(district, year):
        return queryset.filter(district=district)
    return in_former_district(queryset, district)


@dataclass
class Ungrouped:
    """Programme communes with no group under the set in force (capped list, full count)."""

    criteria_set: object | None
    communes: list[Commune]
    total: int


UNGROUPED_SHOWN = 20


def communes_without_group(communes: QuerySet[Commune], *, year: int) -> Ungrouped:
    """Among `communes` (already narrowed to the user's scope), the programme communes that the office has not yet
    placed in a group of `year`'s set when that set's targets depend on the group (QĐ 51/2025); they are read as
    group 2 meanwhile. Two queries."""
    criteria_set = CriteriaSet.objects.for_year(year).filter(target_basis=CriteriaSet.TargetBasis.COMMUNE_GROUP).first()
    if criteria_set is None:
        return Ungrouped(None, [], 0)
    assigned = GroupAssignment.objects.filter(criteria_set=criteria_set, valid_from__lte=year_end(year))
    missing = communes.filter(in_programme=True).exclude(pk__in=assigned.values("commune_id")).order_by("sort_name")
    shown = list(missing[:UNGROUPED_SHOWN])
    total = len(shown) if len(shown) < UNGROUPED_SHOWN else missing.count()
    return Ungrouped(criteria_set, shown, total)


def programme_communes(province=None, year: int | None = None) -> QuerySet[Commune]:
    """Communes in the programme, with their district, in Vietnamese order: those of `year` (the units that
    existed on its 31 December: before 1/7/2025 the old communes, after it the new ones), else today's."""
    units = Commune.objects.in_year(year) if year is not None else Commune.objects.current()
    communes = (
        units.filter(in_programme=True)
        .select_related("district")
        .with_recognised_year()
        .order_by("sort_name", "code")  # an annotated (grouped) query drops Meta.ordering
    )
    if province is not None:
        communes = communes.filter(province=province)
    return communes
