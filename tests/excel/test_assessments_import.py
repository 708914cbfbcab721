"""communes.services.assessments_import: the one place an import writes, in bulk and in one transaction."""

from decimal import Decimal

import pytest

from communes.models import Assessment, Commune
from communes.services import assessments_import
from criteria.models import CriteriaSet, Criterion, Indicator

from .conftest import YEAR, stored


def test_meets_follows_the_target_of_the_commune_and_year(write_path, small_set, commune, ind, office):
    values = {commune.pk: {ind["1.1"].pk: Decimal("70"), ind["2.1"].pk: Decimal("16"), ind["3.1"].pk: Decimal("7")}}

    assessments_import(year=2013, criteria_set=small_set, values=values, user=office)
    assessments_import(year=2014, criteria_set=small_set, values=values, user=office)

    meets = {(a.year, a.indicator.code): a.meets for a in Assessment.objects.select_related("indicator")}
    assert meets == {
        (2013, "1.1"): True,  # >= 70
        (2013, "2.1"): True,  # 16 >= 15 in 2013
        (2013, "3.1"): False,  # 7 is not < 7
        (2014, "1.1"): True,
        (2014, "2.1"): False,  # 16 < 17 from 2014
        (2014, "3.1"): False,
    }
    assert {a.entered_by for a in Assessment.objects.all()} == {office}


def test_only_changed_rows_are_written(write_path, small_set, recorded, commune, second_commune, ind, office):
    before = {a.pk: a.entered_at for a in Assessment.objects.all()}
    values = {
        commune.pk: {ind["1.1"].pk: Decimal("60.0"), ind["1.2"].pk: False, ind["3.1"].pk: None},
        second_commune.pk: {ind["2.1"].pk: None},
    }

    counts = assessments_import(year=YEAR, criteria_set=small_set, values=values, user=office)

    assert (counts.created, counts.updated, counts.cleared, counts.total) == (0, 1, 1, 2)
    after = {a.pk: a.entered_at for a in Assessment.objects.all()}
    changed = {pk for pk in after if after[pk] != before.get(pk)}
    assert [Assessment.objects.get(pk=pk).indicator.code for pk in changed] == ["1.2"]
    assert ("18259", "2.1") not in stored()


def test_indicators_of_another_set_are_refused_and_nothing_is_written(small_set, recorded, commune, ind, office):
    other_set = CriteriaSet.objects.create(code="OTHER", title="x", decision_number="1", year_from=2016, year_to=2020)
    criterion = Criterion.objects.create(criteria_set=other_set, number=1, name="x")
    foreign = Indicator.objects.create(criterion=criterion, code="1.1", text="x", kind="percentage")

    with pytest.raises(ValueError):
        assessments_import(
            year=YEAR,
            criteria_set=small_set,
            values={commune.pk: {ind["1.1"].pk: Decimal("99"), foreign.pk: Decimal("1")}},
            user=office,
        )

    assert stored() == recorded


def test_unknown_communes_are_refused(small_set, recorded, ind, office):
    with pytest.raises(ValueError):
        assessments_import(year=YEAR, criteria_set=small_set, values={99999: {ind["1.1"].pk: 1}}, user=office)

    assert stored() == recorded


def test_expected_versions_are_accepted(small_set, commune, ind, office):
    counts = assessments_import(
        year=YEAR,
        criteria_set=small_set,
        values={commune.pk: {ind["1.2"].pk: True}},
        user=office,
        expected_versions={commune.pk: 0},
    )

    assert counts.created == 1


@pytest.mark.parametrize("n", [10, 60])
def test_the_number_of_queries_does_not_grow_with_the_communes(
    write_path, small_set, district, ind, office, django_assert_max_num_queries, n
):
    communes = [
        Commune.objects.create(code=f"9{i:04d}", name=f"Xã {i}", province=district.province, district=district)
        for i in range(n)
    ]
    values = {c.pk: {ind["1.1"].pk: Decimal(i), ind["1.2"].pk: i % 2 == 0} for i, c in enumerate(communes)}

    # Locks, history and the score summary of the communes written (communes/summary.py) included: the same bound
    # for 10 and 60 communes.
    with django_assert_max_num_queries(32):
        counts = assessments_import(year=YEAR, criteria_set=small_set, values=values, user=office)

    assert counts.created == 2 * n
    assert Assessment.objects.filter(year=YEAR).count() == 2 * n
