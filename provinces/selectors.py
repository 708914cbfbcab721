"""Reads of provinces shared by the pages above."""

from django.conf import settings
from django.db import connection

from ntm.lib.rows import instance, select_list, table

from .models import Province, Region


def default_province_sql() -> tuple[str, list[str]]:
    """(SQL selecting the installation's province's row, its parameters): a subquery for the reads that join it
    (communes.selectors.installation_years_and_versions)."""
    sql = f"SELECT * FROM {table(Province)} WHERE valid_until IS NULL ORDER BY code = %s DESC, code LIMIT 1"
    return sql, [settings.NTM_DEFAULT_PROVINCE]


def province_with_region(row: tuple) -> tuple[Province, int]:
    """(the province read from `row`, selected as `province_select_list()`, with its region; the index after)."""
    province, end = instance(Province, row, 0)
    region, end = instance(Region, row, end)
    province.region = region
    return province, end


def province_select_list(province_alias: str = "p", region_alias: str = "r") -> str:
    """The province's and its region's columns, in the order `province_with_region` reads them."""
    return f"{select_list(Province, province_alias)}, {select_list(Region, region_alias)}"


_DEFAULT_SQL: list[str] = []  # written on first use, once the database connection's vendor is known


def default_province() -> Province | None:
    """The province this installation follows, with its region: NTM_DEFAULT_PROVINCE, else the first current one
    (by code); None before any province is loaded.

    Read on almost every request, so in one query whose SQL is written once per process (ntm/lib/rows.py).
    """
    if not _DEFAULT_SQL:
        subquery, _params = default_province_sql()
        _DEFAULT_SQL.append(
            f"SELECT {province_select_list()} FROM ({subquery}) p LEFT JOIN {table(Region)} r ON r.id = p.region_id"
        )
    with connection.cursor() as cursor:
        cursor.execute(_DEFAULT_SQL[0], default_province_sql()[1])
        row = cursor.fetchone()
    return None if row is None else province_with_region(row)[0]
