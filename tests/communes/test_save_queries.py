"""Saving one commune-year costs a fixed number of queries, whatever the number of indicators (issue: national
scale, 'saving one commune-year (49 indicators) <= 10 queries')."""

from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from communes.models import Assessment
from communes.services import assessments_save
from criteria import rules
from criteria.models import Criterion, Indicator, Target


def _wide_set(small_set, count: int) -> list[Indicator]:
    """`count` percentage indicators spread over the small set's three criteria, each with a target."""
    criteria = list(Criterion.objects.filter(criteria_set=small_set))
    made = []
    for index in range(count):
        indicator = Indicator.objects.create(
            criterion=criteria[index % len(criteria)], code=f"9.{index}", text=f"Chỉ tiêu {index}",
            kind=rules.PERCENTAGE, unit="%",
        )  # fmt: skip
        Target.objects.create(indicator=indicator, value=Decimal("50"))
        made.append(indicator)
    return made


def _queries_to_save(commune, indicators, user) -> int:
    values = {indicator.pk: Decimal(40 + index % 20) for index, indicator in enumerate(indicators)}
    with CaptureQueriesContext(connection) as queries:
        assessments_save(commune=commune, year=2014, values=values, user=user)
    return len(queries)


def test_saving_a_commune_year_costs_the_same_queries_for_5_or_45_indicators(
    small_set, commune, second_commune, office
):
    few, many = _wide_set(small_set, 45)[:5], Indicator.objects.filter(criterion__criteria_set=small_set)
    for place in (commune, second_commune):  # both years exist already: the everyday case of a correction
        assessments_save(commune=place, year=2014, values={few[0].pk: Decimal(1)}, user=office)

    with_five = _queries_to_save(commune, few, office)
    with_all = _queries_to_save(second_commune, list(many), office)

    assert with_five == with_all
    # The set (its rules cached by version), the lock, the stored values, one upsert, its history rows, the
    # version with its history row, the summary row, the scores version; and the test's savepoint and release.
    assert with_all <= 10


def test_a_rule_changed_after_a_save_is_used_by_the_next_save(small_set, commune, office):
    """The rules are cached between saves; a target corrected in between is not missed."""
    indicator = _wide_set(small_set, 1)[0]
    assessments_save(commune=commune, year=2014, values={indicator.pk: Decimal(45)}, user=office)
    assert not Assessment.objects.get(commune=commune, indicator=indicator).meets  # 45 < 50

    target = Target.objects.get(indicator=indicator)
    target.value = Decimal(40)
    target.save()
    assessments_save(commune=commune, year=2014, values={indicator.pk: Decimal(44)}, user=office)

    assert Assessment.objects.get(commune=commune, indicator=indicator).meets  # 44 >= 40


def test_a_rule_change_rolled_back_leaves_no_trace_in_the_cached_rules(small_set, commune, office):
    """Rules read (and cached) inside a transaction that changed them and rolled back are never used after."""
    indicator = _wide_set(small_set, 1)[0]
    try:
        with transaction.atomic():
            Target.objects.filter(indicator=indicator).update(value=Decimal(10))
            target = Target.objects.get(indicator=indicator)
            target.save()  # announces the change: a new rules version, inside this transaction
            assessments_save(commune=commune, year=2014, values={indicator.pk: Decimal(20)}, user=office)
            raise RuntimeError("roll back")
    except RuntimeError:
        pass

    assessments_save(commune=commune, year=2014, values={indicator.pk: Decimal(20)}, user=office)

    assert not Assessment.objects.get(commune=commune, indicator=indicator).meets  # 20 < 50, the target kept


def test_new_and_corrected_values_get_their_own_history_kind(small_set, commune, office):
    first, second = _wide_set(small_set, 2)
    assessments_save(commune=commune, year=2014, values={first.pk: Decimal(45)}, user=office)

    assessments_save(commune=commune, year=2014, values={first.pk: Decimal(55), second.pk: Decimal(60)}, user=office)

    kinds = list(
        Assessment.history.filter(commune=commune).order_by("history_id").values_list("indicator_id", "history_type")
    )
    assert kinds == [(first.pk, "+"), (first.pk, "~"), (second.pk, "+")]
    assert Assessment.objects.get(commune=commune, indicator=first).percent == Decimal(55)
