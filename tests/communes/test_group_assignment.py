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
