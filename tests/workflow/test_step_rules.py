"""A step may not change another year's figures; leaving the usual path asks for confirmation; a refused
save names who saved in between."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from communes.locking import StaleVersion, saved_meanwhile_by
from communes.models import Commune, CommuneYear, Registration
from tests.conftest import client_for
from workflow import rules
from workflow.rules import Action, Confirm, DateProblem, Refusal
from workflow.services import ConfirmationNeeded, TransitionDetails, TransitionRefused, commune_year_transition

from .conftest import ALL_MET, DETAILS, YEAR, move_to, record, state_of

S = CommuneYear.State
TODAY = datetime.date(2015, 3, 1)


@pytest.mark.parametrize(
    "dates, problems",
    [
        ({"council_date": datetime.date(2014, 12, 10)}, {}),
        ({"council_date": datetime.date(2013, 12, 31)}, {"council_date": DateProblem.BEFORE_YEAR}),
        ({"council_date": datetime.date(2015, 3, 2)}, {"council_date": DateProblem.FUTURE}),
        ({"decision_date": datetime.date(2015, 1, 5), "council_on_record": datetime.date(2014, 12, 10)}, {}),
        (
            {"decision_date": datetime.date(2014, 12, 1), "council_on_record": datetime.date(2014, 12, 10)},
            {"decision_date": DateProblem.BEFORE_COUNCIL},
        ),
        ({"decision_date": datetime.date(2013, 6, 1)}, {"decision_date": DateProblem.BEFORE_YEAR}),
    ],
)
def test_step_dates_fit_the_year(dates, problems):
    assert rules.step_date_problems(year=2014, today=TODAY, **dates) == problems


def test_confirmations_needed():
    assert rules.confirmations_needed(Action.SUBMIT, proposal_complete=False, registered=True) == [
        Confirm.CRITERIA_MISSING
    ]
    assert rules.confirmations_needed(Action.SUBMIT, proposal_complete=True, registered=False) == []
    assert rules.confirmations_needed(Action.APPRAISE, proposal_complete=True, registered=False) == [
        Confirm.NOT_REGISTERED
    ]
    assert rules.confirmations_needed(Action.VERIFY, proposal_complete=False, registered=False) == []


def test_a_recognition_dated_before_its_year_is_refused_and_nothing_moves(complete, office):
    move_to(complete, S.APPRAISED, office)
    early = TransitionDetails(
        decision_number="1/QĐ-UBND", decision_date=datetime.date(2013, 12, 1), decision_level="dat_chuan"
    )
    with pytest.raises(TransitionRefused) as refused:
        commune_year_transition(commune=complete, year=YEAR, action=Action.RECOGNISE, user=office, details=early)
    assert refused.value.refusal == Refusal.DATES
    assert refused.value.date_problems == {"decision_date": DateProblem.BEFORE_YEAR}
    assert state_of(complete) == S.APPRAISED and Commune.objects.get(pk=complete.pk).recognition_date is None


def test_a_decision_early_in_the_next_year_counts_for_its_own_year(complete, office):
    move_to(complete, S.APPRAISED, office)
    january = TransitionDetails(
        decision_number="5/QĐ-UBND", decision_date=datetime.date(2015, 1, 5), decision_level="dat_chuan"
    )
    commune_year_transition(commune=complete, year=YEAR, action=Action.RECOGNISE, user=office, details=january)
    commune = Commune.objects.with_recognised_year().get(pk=complete.pk)
    assert commune.recognised_year == 2014 and commune.recognised_by(2014)


def test_a_later_recognition_never_moves_an_earlier_years_figures(complete, office, ind):
    move_to(complete, S.RECOGNISED, office)  # 2014, decision 20/12/2014
    Registration.objects.create(commune=complete, year=2015)
    record(complete, ALL_MET, year=2015)
    steps = [
        (Action.SUBMIT, None),
        (Action.VERIFY, None),
        (Action.APPRAISE, TransitionDetails(council_date=datetime.date(2015, 12, 1), council_result="approved")),
        (
            Action.RECOGNISE,
            TransitionDetails(
                decision_number="9/QĐ-UBND", decision_date=datetime.date(2015, 12, 20), decision_level="nang_cao"
            ),
        ),
    ]
    for action, details in steps:
        commune_year_transition(commune=complete, year=2015, action=action, user=office, details=details)
    assert state_of(complete, 2015) == S.RECOGNISED
    commune = Commune.objects.with_recognised_year().get(pk=complete.pk)
    assert commune.recognition_date == datetime.date(2014, 12, 20)  # the first decision stays on the commune
    assert commune.recognised_year == 2014


def test_submitting_a_year_that_misses_criteria_asks_first(commune, ind, district_officer):
    record(commune, {"1.1": 10})
    with pytest.raises(ConfirmationNeeded) as needed:
        commune_year_transition(commune=commune, year=YEAR, action=Action.SUBMIT, user=district_officer)
    assert needed.value.needed == [Confirm.CRITERIA_MISSING]
    assert [c.number for c in needed.value.check.criteria_not_met] == [1, 2, 3]
    assert state_of(commune) == S.DRAFT
    commune_year_transition(commune=commune, year=YEAR, action=Action.SUBMIT, user=district_officer, confirmed=True)
    assert state_of(commune) == S.SUBMITTED


def test_the_page_shows_what_is_missing_and_a_confirm_button(commune, ind, district_officer):
    record(commune, {"1.1": 10})
    client = client_for(district_officer)
    url = reverse("workflow:transition", args=[commune.pk, YEAR, "submit"])
    version = CommuneYear.of(commune, YEAR).version
    page = client.post(url, {"version": version})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="confirm-step"' in html and 'data-confirm="criteria_missing"' in html
    assert state_of(commune) == S.DRAFT
    done = client.post(url, {"version": version, "confirm": "on"})
    assert done.status_code == 302 and state_of(commune) == S.SUBMITTED


def test_appraising_a_commune_that_never_registered_asks_first(commune, ind, office):
    record(commune, ALL_MET)
    move_to(commune, S.VERIFIED, office)
    with pytest.raises(ConfirmationNeeded) as needed:
        commune_year_transition(
            commune=commune, year=YEAR, action=Action.APPRAISE, user=office, details=DETAILS[Action.APPRAISE]
        )
    assert needed.value.needed == [Confirm.NOT_REGISTERED]


def test_the_form_shows_a_date_problem_on_its_field(complete, office):
    move_to(complete, S.VERIFIED, office)
    url = reverse("workflow:transition", args=[complete.pk, YEAR, "appraise"])
    data = {
        "version": CommuneYear.of(complete, YEAR).version,
        "council_date": "10/12/2013",
        "council_result": "approved",
    }
    page = client_for(office).post(url, data)
    assert page.status_code == 409
    assert "01/01/2014" in page.content.decode()
    assert state_of(complete) == S.VERIFIED


def test_a_stale_step_names_who_saved_in_between(complete, office, district_officer):
    office.first_name, office.last_name = "Nguyễn Văn", "Phòng"
    office.save()
    page_version = CommuneYear.of(complete, YEAR).version
    record(complete, {"1.1": 80}, user=office)
    with pytest.raises(StaleVersion) as stale:
        commune_year_transition(
            commune=complete, year=YEAR, action=Action.SUBMIT, user=district_officer, expected_version=page_version
        )
    assert saved_meanwhile_by(stale.value, district_officer) == "Nguyễn Văn Phòng"
    with translation.override("vi"):
        assert saved_meanwhile_by(stale.value, office) == "Bạn, ở một cửa sổ khác"
    with translation.override("en"):
        assert saved_meanwhile_by(stale.value, office) == "You, in another window"
