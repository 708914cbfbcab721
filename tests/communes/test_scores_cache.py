"""A province's scores are cached per year under a version that every write of the year's scores raises in its own
transaction: a reader never gets figures older than its data, and nothing else (commits of other work on the same
PostgreSQL server, other provinces, other years) invalidates or disturbs the cache."""

import threading
from decimal import Decimal

import psycopg2
import pytest
from django.db import connection, transaction

from communes.models import Assessment, Commune
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
    with django_assert_num_queries(1):  # the year's score version; the scores come from the cache
        assert not income_met(province, commune)

    record_income(commune, small_set, "20")

    assert income_met(province, commune)


def test_commits_of_other_work_on_the_server_do_not_disturb_the_cache(
    province, commune, small_set, django_assert_num_queries
):
    """Another connection keeps committing (its own table, as another application or test run would) while the
    scores are read: they are still read from the cache, one query each time."""
    record_income(commune, small_set, "20")
    assert income_met(province, commune)
    elsewhere = other_connection()
    stop = threading.Event()

    def busy() -> None:
        with elsewhere.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE other_work (n integer)")
            while not stop.is_set():
                cursor.execute("INSERT INTO other_work VALUES (1)")
                elsewhere.commit()

    worker = threading.Thread(target=busy)
    worker.start()
    try:
        for _ in range(20):
            with django_assert_num_queries(1):
                assert income_met(province, commune)
    finally:
        stop.set()
        worker.join()
        elsewhere.close()


def test_a_transaction_sees_its_own_writes_before_it_commits(province, commune, small_set):
    record_income(commune, small_set, "12")
    assert not income_met(province, commune)
    with transaction.atomic():
        record_income(commune, small_set, "20")
        assert income_met(province, commune)
        transaction.set_rollback(True)
    assert not income_met(province, commune)  # rolled back: nothing of it was cached


def test_a_write_committed_by_another_worker_is_seen_at_once(province, commune, small_set):
    record_income(commune, small_set, "12")
    assert not income_met(province, commune)  # read and cached here

    def other_worker() -> None:  # another thread: its own database connection, as another gunicorn worker
        try:
            record_income(Commune.objects.get(pk=commune.pk), small_set, "20")
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    thread.join()

    assert income_met(province, commune)


def test_the_figures_stay_right_when_the_cache_server_is_down(province, commune, small_set, settings, caplog):
    settings.CACHES = {  # nothing listens on port 1
        "default": {"BACKEND": "ntm.lib.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    record_income(commune, small_set, "12")
    assert not income_met(province, commune)

    record_income(commune, small_set, "20")

    assert income_met(province, commune)
    assert "figures cache unavailable" in caplog.text
