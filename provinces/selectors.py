"""Reads of provinces shared by the pages above."""

import functools

from django.conf import settings
from django.db import connection

from ntm.lib.rows import instance, select_list, table

from .models import Province, Region


@functools.cache  # written once per process, on first use (ntm/lib/rows.py)
def default_province_sql() -> str:
    """SQL selecting the installation's province's row, whose one parameter is `settings.NTM_DEFAULT_PROVINCE`: a
    subquery for the reads that join it (communes.selectors.installation_years_and_versions)."""
    return f"SELECT * FROM {table(Province)} WHERE valid_until IS NULL ORDER BY code = %s DESC, code LIMIT 1"


def province_with_region(row: tuple) -> tuple[Province, int]:
    """(the province read from `row`, selected as `province_select_list()`, with its region; the index after)."""
    province, end = instance(Province, row, 0)
    region, end = instance(Region, row, end)
    province.region = region
    return province, end


def province_select_list(province_alias: str = "p", region_alias: str = "r") -> str:
    """The province's and its region's columns, in the order `province_with_region` reads them."""
    return f"{select_list(Province, province_alias)}, {select_list(Region, region_alias)}"


def default_province() -> Province | None:
    """The province this installation follows, with its region: NTM_DEFAULT_PROVINCE, else the first current one
    (by code); None before any province is loaded.

    Read on almost every request, so in one query whose SQL is written once per process (ntm/lib/rows.py).
    """
    with connection.cursor() as cursor:
        cursor.execute(_default_sql(), [settings.NTM_DEFAULT_PROVINCE])
        row = cursor.fetchone()
    return None if row is None else province_with_region(row)[0]


@functools.cache  # written once per process, on first use (ntm/lib/rows.py)
def _default_sql() -> str:
    subquery = default_province_sql()
    return f"SELECT {province_select_list()} FROM ({subquery}) p LEFT JOIN {table(Region)} r ON r.id = p.region_id"
