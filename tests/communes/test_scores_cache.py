"""A province's scores are cached under the database's state: a reader never gets figures older than its data,
whoever writes, from which connection, and whether or not the write has committed yet."""

from decimal import Decimal

import psycopg2
import pytest
from django.db import connection, transaction

from communes.models import Assessment
from communes.scoring import scores_for_years
from communes.services import assessments_save
from criteria.models import Indicator

pytestmark = pytest.mark.django_db(transaction=True)  # the cache only serves committed data

YEAR = 2014
INCOME = 2  # criterion 2: one money indicator, 2.1, target 17 in 2014


def income_met(province, commune) -> bool:
    return INCOME in scores_for_years([YEAR], province=province)[YEAR].met_numbers(commune.pk)


def record_income(commune, small_set, amount: str) -> Assessment:
    indicator = Indicator.objects.get(criterion__criteria_set=small_set, code="2.1")
    assessments_save(commune=commune, year=YEAR, values={indicator.pk: Decimal(amount)}, user=None)
    return Assessment.objects.get(commune=commune, indicator=indicator, year=YEAR)


def other_connection():
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=db["NAME"],
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )


def test_a_saved_value_shows_at_once_and_an_unchanged_province_is_read_from_the_cache(
    province, commune, small_set, django_assert_num_queries
):
    record_income(commune, small_set, "12")
    assert not income_met(province, commune)
    with django_assert_num_queries(1):  # the database's state; the scores come from the cache
        assert not income_met(province, commune)

    record_income(commune, small_set, "20")

    assert income_met(province, commune)


def test_a_transaction_sees_its_own_writes_before_it_commits(province, commune, small_set):
    record_income(commune, small_set, "12")
    with transaction.atomic():
        assert not income_met(province, commune)
        record_income(commune, small_set, "20")
        assert income_met(province, commune)
    assert income_met(province, commune)


def test_a_write_committed_elsewhere_after_the_scores_were_cached_is_seen(province, commune, small_set):
    row = record_income(commune, small_set, "12")
    older, writer = other_connection(), other_connection()
    try:
        with older.cursor() as cursor:  # an unrelated transaction, older than the writer and still open at the end
            cursor.execute("SELECT pg_current_xact_id()")
        with writer.cursor() as cursor:
            cursor.execute(f"UPDATE {Assessment._meta.db_table} SET meets = true WHERE id = %s", [row.pk])
        assert not income_met(province, commune)  # read (and cached) while the write is in progress

        writer.commit()

        assert income_met(province, commune)
    finally:
        older.rollback()
        older.close()
        writer.close()


def test_the_figures_stay_right_when_the_cache_server_is_down(province, commune, small_set, settings, caplog):
    settings.CACHES = {  # nothing listens on port 1
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    record_income(commune, small_set, "12")
    assert not income_met(province, commune)

    record_income(commune, small_set, "20")

    assert income_met(province, commune)
    assert "scores cache unavailable" in caplog.text
