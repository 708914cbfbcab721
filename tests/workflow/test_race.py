"""Two writers race on PostgreSQL, each in its own thread, connection and real transaction: one wins."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from communes.locking import StaleVersion, YearLocked, commune_years_lock
from communes.models import Assessment, CommuneYear
from communes.services import assessments_save
from workflow.rules import Action
from workflow.services import TransitionRefused, commune_year_transition

from .conftest import YEAR

pytestmark = pytest.mark.django_db(transaction=True)


def in_thread(target, *args) -> threading.Thread:
    def run():
        try:
            target(*args)
        finally:
            connection.close()  # each thread has its own connection: close it

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_writers_from_the_same_version_one_wins_the_other_is_refused(commune, ind, office, district_officer):
    assessments_save(commune=commune, year=YEAR, values={ind["1.1"].pk: Decimal("60")}, user=office)
    version = CommuneYear.of(commune, YEAR).version
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def write(name: str, user, value: str) -> None:
        start.wait()
        try:
            assessments_save(
                commune=commune,
                year=YEAR,
                values={ind["1.1"].pk: Decimal(value), ind["2.1"].pk: Decimal(value)},
                user=user,
                expected_version=version,
            )
            results[name] = "saved"
        except StaleVersion as error:
            results[name] = error

    threads = [in_thread(write, "office", office, "91"), in_thread(write, "district", district_officer, "72")]
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(type(r).__name__ if r != "saved" else "saved" for r in results.values()) == ["StaleVersion", "saved"]
    winner = next(name for name, result in results.items() if result == "saved")
    loser = results["district" if winner == "office" else "office"]
    expected = Decimal("91") if winner == "office" else Decimal("72")
    stored = {a.indicator_id: a.percent or a.amount for a in Assessment.objects.filter(commune=commune, year=YEAR)}
    assert stored == {ind["1.1"].pk: expected, ind["2.1"].pk: expected}  # every value is the winner's
    assert CommuneYear.of(commune, YEAR).version == version + 1
    assert {c.indicator.code for c in loser.changes} == {"1.1", "2.1"}  # the refusal says what changed


def test_the_second_writer_waits_for_the_first_transaction_then_is_refused(commune, ind, office, district_officer):
    """Deterministic interleaving: A holds the lock; B starts and blocks; A writes and commits; B is refused."""
    locked, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        with transaction.atomic():
            commune_years_lock(commune_ids=[commune.pk], year=YEAR, expected_versions={commune.pk: 0})
            locked.set()
            release.wait(timeout=30)
            assessments_save(
                commune=commune, year=YEAR, values={ind["1.1"].pk: Decimal("88")}, user=office, expected_version=0
            )

    def second() -> None:
        try:
            assessments_save(
                commune=commune,
                year=YEAR,
                values={ind["1.1"].pk: Decimal("11")},
                user=district_officer,
                expected_version=0,
            )
            outcome["second"] = "saved"
        except StaleVersion as error:
            outcome["second"] = error

    a = in_thread(first)
    assert locked.wait(timeout=30)
    b = in_thread(second)
    b.join(timeout=1)
    assert b.is_alive()  # B waits on A's row lock instead of reading a stale version
    release.set()
    a.join(timeout=30)
    b.join(timeout=30)
    assert isinstance(outcome["second"], StaleVersion)
    assert [(c.indicator.code, c.value, c.user) for c in outcome["second"].changes] == [
        ("1.1", Decimal("88.00"), office)
    ]
    assert Assessment.objects.get(commune=commune, year=YEAR).percent == Decimal("88.00")


def test_a_step_and_a_save_racing_never_leave_a_saved_value_in_a_locked_year(complete, ind, office, district_officer):
    version = CommuneYear.of(complete, YEAR).version
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def submit() -> None:
        start.wait()
        try:
            commune_year_transition(
                commune=complete, year=YEAR, action=Action.SUBMIT, user=district_officer, expected_version=version
            )
            results["submit"] = "done"
        except (StaleVersion, TransitionRefused) as error:
            results["submit"] = error

    def save() -> None:
        start.wait()
        try:
            assessments_save(
                commune=complete,
                year=YEAR,
                values={ind["1.1"].pk: Decimal("99")},
                user=office,
                expected_version=version,
            )
            results["save"] = "done"
        except (YearLocked, StaleVersion) as error:  # whichever came second
            results["save"] = error

    for thread in [in_thread(submit), in_thread(save)]:
        thread.join(timeout=30)
    assert list(results.values()).count("done") == 1
    commune_year = CommuneYear.of(complete, YEAR)
    value = Assessment.objects.get(commune=complete, year=YEAR, indicator=ind["1.1"]).percent
    if results["submit"] == "done":
        assert (commune_year.state, value) == ("submitted", Decimal("75.00"))
    else:
        assert (commune_year.state, value) == ("draft", Decimal("99.00"))
