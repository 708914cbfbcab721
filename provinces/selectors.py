"""Reads of provinces shared by the pages above."""

from django.conf import settings
from django.db import connection

from ntm.lib.rows import instance, select_list, table

from .models import Province, Region


def _default_sql() -> str:
    return (
        f"SELECT {select_list(Province, 'p')}, {select_list(Region, 'r')} FROM {table(Province)} p "
        f"LEFT JOIN {table(Region)} r ON r.id = p.region_id WHERE p.valid_until IS NULL "
        "ORDER BY p.code = %s DESC, p.code LIMIT 1"
    )


_DEFAULT_SQL: list[str] = []  # written on first use, once the database connection's vendor is known


def default_province() -> Province | None:
    """The province this installation follows, with its region: NTM_DEFAULT_PROVINCE, else the first current one
    (by code); None before any province is loaded.

    Read on almost every request, so in one query whose SQL is written once per process (ntm/lib/rows.py).
    """
    if not _DEFAULT_SQL:
        _DEFAULT_SQL.append(_default_sql())
    with connection.cursor() as cursor:
        cursor.execute(_DEFAULT_SQL[0], [settings.NTM_DEFAULT_PROVINCE])
        row = cursor.fetchone()
    if row is None:
        return None
    province, end = instance(Province, row, 0)
    region, _end = instance(Region, row, end)
    province.region = region
    return province
