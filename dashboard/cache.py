"""The dashboard's figures, cached per scope and year under the versions of the data they were computed from.

The key holds the `ScoreVersion` of every year the board reads (the year, the one before, the trend's years) and
of year 0, which the writes that move recognitions, registrations and communes raise: an entry is never stale,
and nothing else (sessions, other provinces, other databases on the server) invalidates it. The province page is
also kept as rendered HTML (`page_cached`), keyed by the same versions and the office's work version
(operations/versions.py): a warm request renders only the page around it.
"""

import datetime
import hashlib
from dataclasses import dataclass, fields

import django

from communes.models import District
from communes.summary import versions_of
from ntm.lib.cached import cached_many
from operations.versions import OPERATIONS
from provinces.models import Province
from provinces.selectors import default_province

from .selectors import Dashboard, dashboard_build

_FORMAT = hashlib.sha1(f"{django.__version__}|{[f.name for f in fields(Dashboard)]}".encode()).hexdigest()[:8]


def _versions(province: Province, year: int, years: list[int]) -> dict[int, int]:
    """The versions of every year the board reads (and of year 0 and the office's work): one query."""
    return versions_of(province.pk, [0, OPERATIONS, *sorted({*years, year, year - 1})])


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


def page_cached(*, province, year: int, years: list[int], forecast_all: bool, variant: str, render) -> Page:
    """The province dashboard's page from the cache, else `render(board)` -> (body HTML, year options) cached.

    The key holds the board's key (the versions of the scores it reads), the office's work version, today's
    date (requests become overdue overnight) and `variant` (the language and the role flags the body shows):
    a hit costs no query beyond the versions.
    """
    if province is None:  # nothing to key by: built each time (an installation before its first import)
        board = _build(year, years, None, None, forecast_all)
        body, options = render(board)
        return Page(year, "", "", options, body)
    versions = _versions(province, year, years)
    key = board_key(year=year, years=years, province=province, forecast_all=forecast_all, versions=versions)
    page_key = f"page:{key}:{versions[OPERATIONS]}:{datetime.date.today().isoformat()}:{variant}"

    def build(_missing) -> dict[str, Page]:
        board = cached_many([key], lambda missing: {key: _build(year, years, None, province, forecast_all)})[key]
        body, options = render(board)
        criteria_set = board.scores_info.criteria_set
        head = Page(year, province.name, str(criteria_set) if criteria_set else "", options, body)
        return {page_key: head}

    return cached_many([page_key], build)[page_key]


def _build(year, years, district, province, forecast_all) -> Dashboard:
    return dashboard_build(year=year, years=years, district=district, province=province, forecast_all=forecast_all)


def board_cached(
    *, year: int, years: list[int], district: District | None = None, forecast_all: bool = False
) -> Dashboard:
    """`dashboard_build`, from the cache when the data has not changed since it was computed (the forecast of
    every commune is cached apart from the registered communes' one)."""
    province = district.province if district else default_province()
    key = board_key(year=year, years=years, province=province, district=district, forecast_all=forecast_all)

    def build(_missing=None) -> Dashboard:
        return dashboard_build(year=year, years=years, district=district, province=province, forecast_all=forecast_all)

    if key is None:
        return build()
    return cached_many([key], lambda missing: {key: build()})[key]
