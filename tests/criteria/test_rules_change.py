"""Results stay true when the rules change: a target corrected in the admin (or by load_criteria, or any save)
recomputes the stored results it affects in the same transaction, after the admin said what the change will do;
a locked year keeps the result it was judged with, and its page says where today's rules would judge it otherwise."""

from decimal import Decimal

import pytest
from django.urls import reverse

from communes.models import Assessment, CommuneYear, CommuneYearScore
from communes.scorecard import scorecard_build
from communes.summary import scores_rebuild
from criteria.models import Indicator, Target
from tests.conftest import client_for
from tests.workflow.conftest import YEAR, move_to, record
from workflow.rules import Action
from workflow.services import TransitionDetails, commune_year_transition

PAVED = 1  # criterion 1: 1.1 paved roads (% , target 70 for Bắc Trung Bộ) and 1.2 (yes/no)


@pytest.fixture
def paved_target(small_set):
    return Target.objects.get(indicator__criterion__criteria_set=small_set, indicator__code="1.1", target_class="BTB")


def _admin_post(client, target, value: str, **extra):
    url = reverse("admin:criteria_target_change", args=[target.pk])
    data = {
        "indicator": target.indicator_id,
        "target_class": target.target_class,
        "from_year": target.from_year or "",
        "province": target.province_id or "",
        "value": value,
        "note": target.note,
        **extra,
    }
    return client.post(url, data)


def test_correcting_a_target_in_the_admin_asks_first_then_recomputes_every_result(
    office, commune, second_commune, ind, paved_target
):
    record(commune, {"1.1": Decimal("60"), "1.2": True})  # 60 % < 70: criterion 1 not met
    record(second_commune, {"1.1": Decimal("65"), "1.2": True})
    client = client_for(office)

    asked = _admin_post(client, paved_target, "50")
    assert asked.status_code == 200 and 'id="rules-impact"' in asked.content.decode()
    assert 'data-changed="2"' in asked.content.decode() and 'data-locked="0"' in asked.content.decode()
    paved_target.refresh_from_db()
    assert paved_target.value == Decimal("70")  # nothing saved yet
    assert not Assessment.objects.filter(meets=True, indicator=ind["1.1"]).exists()

    done = _admin_post(client, paved_target, "50", _impact_confirmed="1")
    assert done.status_code == 302
    assert set(Assessment.objects.filter(indicator=ind["1.1"]).values_list("meets", flat=True)) == {True}
    scores = {s.commune_id: s.met_numbers for s in CommuneYearScore.objects.filter(year=YEAR)}
    assert scores == {commune.pk: {PAVED}, second_commune.pk: {PAVED}}
    card = scorecard_build(commune=commune, year=YEAR)
    assert card.criteria[0].met  # the scorecard, the summary and the JSON agree with the target shown
    data = client.get(reverse("dashboard:api"), {"year": YEAR}).json()
    assert next(c for c in data["criteria"] if c["number"] == PAVED)["communes_met"] == 2


def test_a_change_that_moves_nothing_is_saved_without_a_question(office, commune, ind, paved_target):
    record(commune, {"1.1": Decimal("90"), "1.2": True})
    response = _admin_post(client_for(office), paved_target, "80")  # 90 meets 70 and 80 alike
    assert response.status_code == 302
    paved_target.refresh_from_db()
    assert paved_target.value == Decimal("80")


def test_a_locked_year_keeps_the_result_it_was_judged_with(office, complete, second_commune, ind, paved_target):
    move_to(complete, CommuneYear.State.SUBMITTED, office)  # judged with 1.1 = 75 >= 70: all met, locked
    record(second_commune, {"1.1": Decimal("75"), "1.2": True})
    response = _admin_post(client_for(office), paved_target, "80")
    assert 'data-changed="1"' in response.content.decode() and 'data-locked="1"' in response.content.decode()
    _admin_post(client_for(office), paved_target, "80", _impact_confirmed="1")

    kept = CommuneYearScore.objects.get(commune=complete, year=YEAR)
    assert PAVED in kept.met_numbers and kept.frozen and kept.differs_today
    assert Assessment.objects.get(commune=complete, indicator=ind["1.1"], year=YEAR).meets is True
    assert PAVED not in CommuneYearScore.objects.get(commune=second_commune, year=YEAR).met_numbers
    page = client_for(office).get(reverse("communes:scorecard", args=[complete.pk]), {"year": YEAR})
    assert 'id="judged-differently-today"' in page.content.decode()

    scores_rebuild()  # the rebuild keeps what the locked year was judged with
    assert PAVED in CommuneYearScore.objects.get(commune=complete, year=YEAR).met_numbers


def test_reopening_a_locked_year_takes_todays_result(office, complete, ind, paved_target):
    move_to(complete, CommuneYear.State.SUBMITTED, office)
    paved_target.value = Decimal("80")
    paved_target.save()
    assert PAVED in CommuneYearScore.objects.get(commune=complete, year=YEAR).met_numbers
    commune_year_transition(
        commune=complete, year=YEAR, action=Action.REOPEN, user=office, details=TransitionDetails(reason="Sửa")
    )
    reopened = CommuneYearScore.objects.get(commune=complete, year=YEAR)
    assert not reopened.frozen and PAVED not in reopened.met_numbers


def test_adding_an_indicator_moves_only_unlocked_years_and_the_fell_back_list_stays_empty(
    office, complete, small_set, ind
):
    move_to(complete, CommuneYear.State.RECOGNISED, office)
    roads = ind["1.1"].criterion
    Indicator.objects.create(criterion=roads, code="1.3", text="Đường ngõ xóm", kind="percentage", unit="%")
    recognised = CommuneYearScore.objects.get(commune=complete, year=YEAR)
    assert recognised.all_met and recognised.differs_today
    data = client_for(office).get(reverse("dashboard:api"), {"year": YEAR}).json()
    assert data["fell_back"] == []


def test_a_batch_of_rule_changes_recomputes_once_at_its_end(commune, ind, paved_target):
    from criteria.signals import rules_changes_batched

    record(commune, {"1.1": Decimal("60"), "1.2": True})
    with rules_changes_batched():
        for value in ("65", "55", "50"):  # three saves, one recomputation at the end
            paved_target.value = Decimal(value)
            paved_target.save()
        assert not Assessment.objects.get(commune=commune, indicator=ind["1.1"], year=YEAR).meets
    assert Assessment.objects.get(commune=commune, indicator=ind["1.1"], year=YEAR).meets
    assert PAVED in CommuneYearScore.objects.get(commune=commune, year=YEAR).met_numbers
