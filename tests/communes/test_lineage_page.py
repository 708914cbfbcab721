"""A new commune's page shows the communes it was formed from, side by side and combined; an old one names what
it became."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from communes.lineage import merged_history
from communes.models import Commune, Lineage
from tests.communes.test_scorecard import ALL_MET, record
from tests.conftest import client_for

REFORM = datetime.date(2025, 7, 1)


@pytest.fixture
def merged(commune, second_commune, small_set) -> Commune:
    """Tùng Ảnh (all met and recognised in 2014) and Đức Lạng (criterion 1 only) merged on 1/7/2025 into a new
    commune that reuses Tùng Ảnh's code."""
    record(commune, 2014, ALL_MET)
    record(second_commune, 2014, {**ALL_MET, "2.1": Decimal("3"), "3.1": Decimal("30")})
    Commune.objects.filter(pk=commune.pk).update(
        recognition_decision="123/QĐ-UBND", recognition_date=datetime.date(2014, 12, 20)
    )
    Commune.objects.filter(pk__in=[commune.pk, second_commune.pk]).update(valid_until=REFORM)
    new = Commune.objects.create(code=commune.code, name="Xã Đức Thọ Mới", province=commune.province, valid_from=REFORM)
    Lineage.objects.create(successor=new, predecessor=commune)
    Lineage.objects.create(successor=new, predecessor=second_commune, share=Decimal("40"))
    return new


def test_the_merged_history_puts_the_former_communes_side_by_side_and_combines_them(merged):
    history = merged_history(merged)

    [year_2014] = history.years
    assert [cell.criteria_met for cell in year_2014.cells] == [1, 3]  # Đức Lạng, then Tùng Ảnh (name order)
    assert year_2014.recognised == 1
    assert year_2014.met_by_all == (1,)


def test_the_new_communes_page_shows_where_it_came_from(office, merged):
    response = client_for(office).get(reverse("communes:scorecard", args=[merged.pk]), {"year": 2026})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="merged-history"' in page
    assert "Xã Tùng Ảnh" in page and "Xã Đức Lạng" in page and "40 %" in page
    assert "1 of 2" in page or "1 / 2" in page or "1 trên 2" in page


def test_an_old_communes_page_names_what_it_became(office, merged, second_commune):
    response = client_for(office).get(reverse("communes:scorecard", args=[second_commune.pk]), {"year": 2014})

    page = response.content.decode()
    assert 'id="commune-successors"' in page
    assert reverse("communes:scorecard", args=[merged.pk]) in page and "Xã Đức Thọ Mới" in page


def test_a_commune_with_no_lineage_shows_neither_section(office, commune, small_set):
    page = client_for(office).get(reverse("communes:scorecard", args=[commune.pk])).content.decode()

    assert 'id="merged-history"' not in page and 'id="commune-successors"' not in page
