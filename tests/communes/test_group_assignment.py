"""The office places each commune in group 1, 2 or 3 of the 2026-2030 set: dated, kept, changing targets from its
date; a commune without a group waits on the work queue."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from communes.models import CommuneYearScore, GroupAssignment, groups_in_year
from communes.services import assessments_save, commune_group_assign
from criteria.models import Indicator
from tests.conftest import client_for


def _record(commune, criteria_set, year, value):
    indicator = Indicator.objects.get(criterion__criteria_set=criteria_set)
    assessments_save(commune=commune, year=year, values={indicator.pk: Decimal(value)}, user=None)


def _met(commune, year) -> int:
    return CommuneYearScore.objects.get(commune=commune, year=year).criteria_met


def test_the_group_of_a_year_is_the_latest_assignment_dated_by_its_end(commune, set_2026, office):
    commune_group_assign(commune=commune, criteria_set=set_2026, group=3, valid_from=datetime.date(2026, 2, 15))
    commune_group_assign(
        commune=commune, criteria_set=set_2026, group=1, valid_from=datetime.date(2028, 6, 1), user=office
    )

    assert groups_in_year([commune.pk], criteria_set=set_2026, year=2025) == {}
    assert groups_in_year([commune.pk], criteria_set=set_2026, year=2027) == {commune.pk: 3}
    assert groups_in_year([commune.pk], criteria_set=set_2026, year=2028) == {commune.pk: 1}
    assert GroupAssignment.objects.filter(commune=commune).count() == 2  # the earlier one stays
    commune.refresh_from_db()
    assert commune.commune_group == 1


def test_a_new_group_changes_the_targets_from_its_date_only(commune, set_2026):
    _record(commune, set_2026, 2026, 60)
    _record(commune, set_2026, 2027, 60)
    assert (_met(commune, 2026), _met(commune, 2027)) == (0, 0)  # no group yet: read as group 2 (70 %)

    commune_group_assign(commune=commune, criteria_set=set_2026, group=1, valid_from=datetime.date(2027, 3, 1))

    assert (_met(commune, 2026), _met(commune, 2027)) == (0, 1)  # group 1 (50 %) from 2027


def test_a_commune_without_a_group_is_on_the_work_queue_until_it_has_one(office, commune, second_commune, set_2026):
    today = datetime.date.today()
    commune_group_assign(commune=second_commune, criteria_set=set_2026, group=2, valid_from=datetime.date(2026, 1, 1))

    page = client_for(office).get(reverse("dashboard:work_queue")).content.decode()
    if not set_2026.year_from <= today.year <= set_2026.year_to:
        pytest.skip("the queue reads the set of the current year")
    assert 'id="work-queue-ungrouped"' in page
    assert f'data-commune="{commune.code}"' in page and f'data-commune="{second_commune.code}"' not in page


def test_office_staff_assign_a_group_in_the_admin_and_it_is_kept_in_history(office, commune, set_2026):
    response = client_for(office).post(
        reverse("admin:communes_groupassignment_add"),
        {
            "commune": commune.pk,
            "criteria_set": set_2026.pk,
            "group": 3,
            "valid_from": "2026-02-15",
            "decision": "123/QĐ-UBND",
            "note": "",
        },
    )

    assert response.status_code == 302
    assignment = GroupAssignment.objects.get(commune=commune)
    assert (assignment.group, assignment.assigned_by) == (3, office)
    assert assignment.history.count() == 1
    commune.refresh_from_db()
    assert commune.commune_group == 3


def _wide(set_2026, communes, indicators: int, province, district=None):
    """`indicators` more indicators in the set (targets by group) and a value of each for every commune in 2026."""
    from criteria import rules
    from criteria.models import Criterion, Target

    criterion = Criterion.objects.get(criteria_set=set_2026)
    for index in range(indicators):
        indicator = Indicator.objects.create(criterion=criterion, code=f"1.{index + 2}", text=f"Chỉ tiêu {index}",
                                             kind=rules.PERCENTAGE)  # fmt: skip
        for group, value in (("nhom_1", 50), ("nhom_2", 70), ("nhom_3", 70)):
            Target.objects.create(indicator=indicator, target_class=group, value=Decimal(value))
    every = {i.pk: Decimal(60) for i in Indicator.objects.filter(criterion__criteria_set=set_2026)}
    for commune in communes:
        assessments_save(commune=commune, year=2026, values=every, user=None)


@pytest.mark.parametrize("indicators", [1, 8])
def test_recomputing_a_set_by_commune_group_reads_the_groups_once_a_year_not_once_a_value(
    commune, second_commune, set_2026, indicators, django_assert_max_num_queries
):
    """A change of targets recomputes every value of the set; the group of each commune-year is read once per year
    (it was read once per value: thousands of queries for the province's 2026 data)."""
    from communes.services import assessments_recompute

    for place in (commune, second_commune):
        commune_group_assign(commune=place, criteria_set=set_2026, group=1, valid_from=datetime.date(2026, 1, 1))
    _wide(set_2026, [commune, second_commune], indicators, commune.province)

    # The targets, the values with their commune, province and region, the groups of 2026, the update and the
    # history rows (inside a savepoint).
    with django_assert_max_num_queries(7):
        assessments_recompute(criteria_set=set_2026, year=2026)
    assert _met(commune, 2026) == 1  # group 1: 60 % meets 50 %
