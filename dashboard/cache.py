"""The dashboard's figures, cached per scope and year under the versions of the data they were computed from.

The key holds the `ScoreVersion` of every year the board reads (the year, the one before, the trend's years) and
of year 0, which the writes that move recognitions, registrations and communes raise: an entry is never stale,
and nothing else (sessions, other provinces, other databases on the server) invalidates it. The province page is
also kept as rendered HTML (`page_cached`), keyed by the same versions and the office's work version
(operations/versions.py): a warm request renders only the page around it.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, fields

import django

from communes.models import District, ScoreVersion
from communes.selectors import selected_year
from communes.summary import versions_of
from ntm.lib.cached import cached_many
from operations.versions import OPERATIONS
from provinces.models import Province
from provinces.selectors import default_province

from .national import Nation, ProvincePart, ProvinceRow, nation_build, national_stamp, national_years
from .selectors import Dashboard, Figures, dashboard_build

_FORMAT = hashlib.sha1(f"{django.__version__}|{[f.name for f in fields(Dashboard)]}".encode()).hexdigest()[:8]


def _versions(province: Province, year: int, years: list[int]) -> dict[int, int]:
    """The versions of every year the board reads (and of year 0 and the office's work): one query."""
    return versions_of(province.pk, [0, OPERATIONS, *sorted({*years, year, year - 1})])


def _read_versions(versions: dict[int, int], year: int, years: list[int]) -> dict[int, int]:
    """Of every version of a province (communes.selectors.years_and_versions), those `_versions` reads (0 for a
    year never written): no query."""
    return {y: versions.get(y, 0) for y in [0, OPERATIONS, *sorted({*years, year, year - 1})]}


def board_key(
    *,
    year: int,
    years: list[int],
    province: Province | None,
    district: District | None = None,
    forecast_all=False,
    versions: dict[int, int] | None = None,
) -> str | None:
    """The cache key of the board for this scope and year (None: no province to show)."""
    if province is None:
        return None
    versions = {y: v for y, v in (versions or _versions(province, year, years)).items() if y != OPERATIONS}
    stamp = hashlib.sha1(repr(sorted(versions.items())).encode()).hexdigest()[:16]
    scope = f"{district.pk if district else 0}{':all' if forecast_all else ''}"
    return f"board:{_FORMAT}:{province.pk}:{scope}:{year}:{stamp}"


@dataclass(frozen=True)
class Page:
    """The province dashboard as served: the heading's facts and the figures' HTML."""

    year: int
    province_name: str
    criteria_set: str  # empty: no set applies to the year
    years: list[int]  # the year selector's options
    body: str  # safe HTML
    selector: str = ""  # the year selector, safe HTML


def page_cached(
    *,
    province,
    year: int,
    years: list[int],
    forecast_all: bool,
    variant: str,
    render,
    versions: dict[int, int] | None = None,
) -> Page:
    """The province dashboard's page from the cache, else `render(board)` -> (body HTML, year options, year
    selector HTML) cached.

    The key holds the board's key (the versions of the scores it reads), the office's work version, today's
    date (requests become overdue overnight) and `variant` (the language and the role flags the body shows):
    a hit costs no query beyond the versions.
    """
    if province is None:  # nothing to key by: built each time (an installation before its first import)
        board = _build(year, years, None, None, forecast_all)
        body, options, selector = render(board)
        return Page(year, "", "", options, body, selector)
    versions = _versions(province, year, years) if versions is None else _read_versions(versions, year, years)
    key = board_key(year=year, years=years, province=province, forecast_all=forecast_all, versions=versions)
    page_key = f"page:{key}:{versions[OPERATIONS]}:{datetime.date.today().isoformat()}:{variant}"

    def build(_missing) -> dict[str, Page]:
        board = cached_many([key], lambda missing: {key: _build(year, years, None, province, forecast_all)})[key]
        body, options, selector = render(board)
        criteria_set = board.scores_info.criteria_set
        head = Page(year, province.name, str(criteria_set) if criteria_set else "", options, body, selector)
        return {page_key: head}

    return cached_many([page_key], build)[page_key]


@dataclass(frozen=True)
class NationPage:
    """The national dashboard as served: the year, the selector's options, the set and the figures' HTML."""

    year: int
    years: list[int]
    criteria_set: str
    body: str  # safe HTML
    selector: str  # the year selector, safe HTML


_NATION_FORMAT = hashlib.sha1(
    f"{django.__version__}|{[[f.name for f in fields(c)] for c in (NationPage, Nation, ProvinceRow, Figures)]}".encode()
).hexdigest()[:8]


def _nation_stamp_and_year(raw_year: str | None) -> tuple[str, list[int], int]:
    """(the national stamp, the years with data anywhere, the year asked or the newest): one query, the years cached
    under the stamp."""
    stamp = national_stamp(exclude_years=[OPERATIONS])
    years_key = f"nation-years:{stamp}"
    years = cached_many([years_key], lambda missing: {years_key: national_years()})[years_key]
    return stamp, years, selected_year(raw_year, years)


def nation_cached(*, raw_year: str | None) -> Nation:
    """The national figures of the ?year= asked (default: the newest with data anywhere), cached under
    `national_stamp`, each province's part under its own versions (`parts_cached`): the JSON endpoint's."""
    return _nation_board(*_nation_stamp_and_year(raw_year))


def _nation_board(stamp: str, years: list[int], year: int) -> Nation:
    key = f"nation-board:{_NATION_FORMAT}:{year}:{stamp}"
    return cached_many([key], lambda missing: {key: nation_build(year=year, years=years, parts=parts_cached)})[key]


def nation_page_cached(*, raw_year: str | None, variant: str, render) -> NationPage:
    """The national dashboard of the ?year= asked (default: the newest with data anywhere), from the cache, else
    `render(nation, years)` -> (body HTML, year options, year selector HTML) cached.

    Keyed by `national_stamp` (every province's score versions but the office-work ones) and `variant` (the
    language): a hit costs one query. The years with data are cached under the same stamp.
    """
    stamp, years, year = _nation_stamp_and_year(raw_year)
    key = f"nation:{_NATION_FORMAT}:{year}:{stamp}:{variant}"

    def build(_missing) -> dict[str, NationPage]:
        nation = _nation_board(stamp, years, year)
        body, options, selector = render(nation, years)
        return {key: NationPage(year, options, nation.criteria_set, body, selector)}

    return cached_many([key], build)[key]


_PART_FORMAT = hashlib.sha1(
    f"{django.__version__}|{[[f.name for f in fields(c)] for c in (ProvincePart, ProvinceRow, Figures)]}".encode()
).hexdigest()[:8]


def parts_cached(provinces: list[Province], year: int, trend_years: list[int], compute) -> dict[int, ProvincePart]:
    """Each province's part of the national figures ({province id: ProvincePart}) from the cache, keyed by that
    province's versions of year 0 and of `trend_years` (one query for all provinces); `compute(missing provinces)`
    computes the others together. A write in one province renews only its own part."""
    found: dict[int, dict[int, int]] = defaultdict(dict)
    rows = ScoreVersion.objects.filter(province__in=[p.pk for p in provinces], year__in=[0, *trend_years])
    for province_id, version_year, version in rows.values_list("province_id", "year", "version"):
        found[province_id][version_year] = version

    def key(province: Province) -> str:
        stamp = hashlib.sha1(repr((trend_years, sorted(found[province.pk].items()))).encode()).hexdigest()[:16]
        return f"nation-part:{_PART_FORMAT}:{province.pk}:{year}:{stamp}"

    keys = {key(p): p for p in provinces}

    def missing_parts(missing: list[str]) -> dict[str, ProvincePart]:
        computed = compute([keys[k] for k in missing])
        return {k: computed[keys[k].pk] for k in missing}

    values = cached_many(list(keys), missing_parts)
    return {province.pk: values[k] for k, province in keys.items()}


def _build(year, years, district, province, forecast_all) -> Dashboard:
    return dashboard_build(year=year, years=years, district=district, province=province, forecast_all=forecast_all)


def board_cached(
    *,
    year: int,
    years: list[int],
    district: District | None = None,
    forecast_all: bool = False,
    province: Province | None = None,
    versions: dict[int, int] | None = None,
) -> Dashboard:
    """`dashboard_build`, from the cache when the data has not changed since it was computed (the forecast of
    every commune is cached apart from the registered communes' one).

    `province` (default: the district's, else the installation's) and `versions` (every version of that province,
    communes.selectors.years_and_versions) spare the queries when the caller has them already."""
    province = province or (district.province if district else default_province())
    if province is not None and versions is not None:
        versions = _read_versions(versions, year, years)
    key = board_key(
        year=year, years=years, province=province, district=district, forecast_all=forecast_all, versions=versions
    )

    def build(_missing=None) -> Dashboard:
        return dashboard_build(year=year, years=years, district=district, province=province, forecast_all=forecast_all)

    if key is None:
        return build()
    return cached_many([key], lambda missing: {key: build()})[key]
