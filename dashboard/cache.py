"""The dashboard's figures, cached per scope and year under the versions of the data they were computed from.

The key holds the `ScoreVersion` of every year the board reads (the year, the one before, the trend's years) and
of year 0, which the writes that move recognitions, registrations and communes raise: an entry is never stale,
and nothing else (sessions, other provinces, other databases on the server) invalidates it.
"""

import hashlib
from dataclasses import fields

import django

from communes.models import District
from communes.summary import versions_of
from ntm.lib.cached import cached_many
from provinces.models import Province
from provinces.selectors import default_province

from .selectors import Dashboard, dashboard_build

_FORMAT = hashlib.sha1(f"{django.__version__}|{[f.name for f in fields(Dashboard)]}".encode()).hexdigest()[:8]


def board_key(
    *, year: int, years: list[int], province: Province | None, district: District | None = None, forecast_all=False
) -> str | None:
    """The cache key of the board for this scope and year (None: no province to show)."""
    if province is None:
        return None
    trend = sorted({*years, year, year - 1})
    versions = versions_of(province.pk, [0, *trend])
    stamp = hashlib.sha1(repr(sorted(versions.items())).encode()).hexdigest()[:16]
    scope = f"{district.pk if district else 0}{':all' if forecast_all else ''}"
    return f"board:{_FORMAT}:{province.pk}:{scope}:{year}:{stamp}"


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
