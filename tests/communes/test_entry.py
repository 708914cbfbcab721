"""Entering a commune's values for a year: who may, what is accepted, and what is saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from communes.models import Assessment
from communes.services import assessments_save
from criteria import rules
from criteria.models import CriteriaSet, Criterion, Indicator
from tests.conftest import client_for


def entry_url(commune, year: int = 2014) -> str:
    return reverse("communes:entry", args=[commune.pk, year])


def post_data(ind, **raw: str) -> dict[str, str]:
    """Form data by indicator code with dots as underscores: post_data(ind, i1_1="85,5")."""
    return {f"ind_{ind[code[1:].replace('_', '.')].pk}": value for code, value in raw.items()}


ALL_MET = {"i1_1": "75", "i1_2": "1", "i2_1": "20", "i3_1": "5"}


def rows(commune, year: int = 2014) -> dict[str, tuple]:
    """The commune's stored rows by indicator code: (yes_no, percent, amount, meets)."""
    return {
        a.indicator.code: (a.yes_no, a.percent, a.amount, a.meets)
        for a in Assessment.objects.filter(commune=commune, year=year).select_related("indicator")
    }


@pytest.fixture
def recorded(commune, other_commune, ind):
    """Values already recorded for both communes in 2014."""
    for place in (commune, other_commune):
        assessments_save(
            commune=place, year=2014, values={ind["1.1"].pk: Decimal("60"), ind["1.2"].pk: True}, user=None
        )
    return {"commune": rows(commune), "other_commune": rows(other_commune)}


def test_office_saves_any_commune(office, other_commune, ind):
    response = client_for(office).post(entry_url(other_commune), post_data(ind, **ALL_MET))
    assert response.status_code == 302
    assert response["Location"] == reverse("communes:scorecard", args=[other_commune.pk]) + "?year=2014"
    saved = rows(other_commune)
    assert saved["1.1"] == (None, Decimal("75.00"), None, True)
    assert saved["1.2"] == (True, None, None, True)
    assert saved["2.1"] == (None, None, Decimal("20.000"), True)
    assert saved["3.1"] == (None, Decimal("5.00"), None, True)
    assert Assessment.objects.get(commune=other_commune, indicator=ind["1.1"]).entered_by == office


def test_district_officer_saves_own_district(district_officer, commune, ind):
    response = client_for(district_officer).post(entry_url(commune), post_data(ind, i1_1="75", i1_2="0"))
    assert response.status_code == 302
    assert rows(commune) == {"1.1": (None, Decimal("75.00"), None, True), "1.2": (False, None, None, False)}


def test_district_officer_opens_the_form_with_recorded_values(district_officer, commune, ind, recorded):
    response = client_for(district_officer).get(entry_url(commune))
    assert response.status_code == 200
    form = response.context["form"]
    assert form[f"ind_{ind['1.1'].pk}"].value() == Decimal("60.00")
    assert form[f"ind_{ind['1.2'].pk}"].value() == "1"
    assert form[f"ind_{ind['2.1'].pk}"].value() is None
    assert [criterion.number for criterion, _ in form.sections()] == [1, 2, 3]


def test_district_officer_cannot_edit_other_district(district_officer, other_commune, ind, recorded):
    client = client_for(district_officer)
    assert client.get(entry_url(other_commune)).status_code == 403
    response = client.post(entry_url(other_commune), post_data(ind, **ALL_MET))
    assert response.status_code == 403
    assert Assessment.objects.count() == 4
    assert rows(other_commune) == recorded["other_commune"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_leadership_cannot_enter_data(leadership, commune, ind, recorded, method):
    response = getattr(client_for(leadership), method)(entry_url(commune), post_data(ind, **ALL_MET))
    assert response.status_code == 403
    assert rows(commune) == recorded["commune"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_log_in_and_nothing_is_saved(anonymous, commune, ind, method):
    response = getattr(anonymous, method)(entry_url(commune), post_data(ind, **ALL_MET))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Assessment.objects.count() == 0


def test_unknown_commune_is_not_found(office, small_set):
    assert client_for(office).get(reverse("communes:entry", args=[999999, 2014])).status_code == 404


@pytest.mark.parametrize(
    ("code", "raw"),
    [("i2_1", "abc"), ("i1_1", "abc"), ("i1_1", "120"), ("i2_1", "-5"), ("i1_1", "-1"), ("i1_2", "2")],
)
def test_bad_values_are_refused_and_nothing_is_saved(office, commune, ind, recorded, code, raw):
    data = {**post_data(ind, **ALL_MET), **post_data(ind, **{code: raw})}
    response = client_for(office).post(entry_url(commune), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [f"ind_{ind[code[1:].replace('_', '.')].pk}"]
    assert rows(commune) == recorded["commune"]  # not even the valid fields of the same form


def test_a_text_in_a_number_field_is_refused(office, commune, small_set):
    criterion = Criterion.objects.get(criteria_set=small_set, number=3)
    households = Indicator.objects.create(criterion=criterion, code="3.2", text="Số hộ", kind=rules.NUMBER, order=1)
    response = client_for(office).post(entry_url(commune), {f"ind_{households.pk}": "abc"})
    assert response.status_code == 200
    assert f"ind_{households.pk}" in response.context["form"].errors
    assert Assessment.objects.count() == 0


def test_vietnamese_decimals_are_accepted(office, commune, ind):
    response = client_for(office).post(entry_url(commune), post_data(ind, i1_1="85,5", i2_1="1.234,5"))
    assert response.status_code == 302
    saved = rows(commune)
    assert saved["1.1"][1] == Decimal("85.5")
    assert saved["2.1"][2] == Decimal("1234.5")


def test_after_saving_every_indicator_the_scorecard_shows_all_criteria_met(office, commune, ind):
    client = client_for(office)
    response = client.post(entry_url(commune), post_data(ind, **ALL_MET), follow=True)
    assert response.status_code == 200
    card = response.context["scorecard"]
    assert (card.year, card.met_count, card.total, card.band) == (2014, 3, 3, "3")


def test_clearing_a_value_deletes_it(office, commune, ind, recorded):
    response = client_for(office).post(entry_url(commune), post_data(ind, i1_1="", i1_2="1"))
    assert response.status_code == 302
    assert rows(commune) == {"1.2": (True, None, None, True)}


def test_a_year_outside_every_set_cannot_be_saved(office, commune, ind):
    client = client_for(office)
    assert client.get(entry_url(commune, 2030)).status_code == 404  # no set covers 2030: no such page
    response = client.post(entry_url(commune, 2030), post_data(ind, **ALL_MET))
    assert response.status_code == 404
    assert Assessment.objects.count() == 0


def test_the_form_follows_the_set_in_force(office, commune, small_set):
    later = CriteriaSet.objects.create(
        code="TEST_2016", title="Bộ 2016", decision_number="1980", year_from=2016, year_to=2020
    )
    criterion = Criterion.objects.create(criteria_set=later, number=1, name="Môi trường")
    water = Indicator.objects.create(criterion=criterion, code="17.1", text="Nước sạch", kind=rules.PERCENTAGE)
    response = client_for(office).get(entry_url(commune, 2016))
    assert list(response.context["form"].fields) == ["version", f"ind_{water.pk}"]  # version: no lost updates


def test_saving_counts_only_changed_rows(commune, ind, recorded):
    values = {ind["1.1"].pk: Decimal("60"), ind["1.2"].pk: True, ind["2.1"].pk: None}
    assert assessments_save(commune=commune, year=2014, values=values, user=None) == 0
    values[ind["1.1"].pk] = Decimal("71")
    assert assessments_save(commune=commune, year=2014, values=values, user=None) == 1
    assert rows(commune)["1.1"] == (None, Decimal("71.00"), None, True)


def test_saving_refuses_indicators_of_another_set(commune, small_set, ind):
    later = CriteriaSet.objects.create(
        code="TEST_2016", title="Bộ 2016", decision_number="1980", year_from=2016, year_to=2020
    )
    criterion = Criterion.objects.create(criteria_set=later, number=1, name="Môi trường")
    water = Indicator.objects.create(criterion=criterion, code="17.1", text="Nước sạch", kind=rules.PERCENTAGE)
    with pytest.raises(ValueError):
        assessments_save(commune=commune, year=2014, values={water.pk: Decimal("90")}, user=None)
    with pytest.raises(ValueError):
        assessments_save(commune=commune, year=2030, values={ind["1.1"].pk: Decimal("90")}, user=None)
    assert Assessment.objects.count() == 0
