"""A commune walked through every step, by the roles allowed, and refused to everyone else."""

import datetime

import pytest
from django.urls import reverse

from communes.locking import StaleVersion
from communes.models import Commune, CommuneYear
from tests.conftest import client_for
from workflow.rules import Action, Refusal
from workflow.services import TransitionDetails, TransitionRefused, commune_year_transition

from .conftest import DETAILS, YEAR, move_to, record, state_of

S = CommuneYear.State
# Each step, the state it starts from, and who may take it (by fixture name).
STEPS = [
    (Action.SUBMIT, S.DRAFT, {"office", "district_officer"}),
    (Action.SUBMIT, S.RETURNED, {"office", "district_officer"}),
    (Action.VERIFY, S.SUBMITTED, {"office", "district_officer"}),
    (Action.APPRAISE, S.VERIFIED, {"office"}),
    (Action.RECOGNISE, S.APPRAISED, {"office"}),
    (Action.RETURN, S.SUBMITTED, {"office"}),
    (Action.RETURN, S.VERIFIED, {"office"}),
    (Action.RETURN, S.APPRAISED, {"office"}),
    (Action.REOPEN, S.SUBMITTED, {"office"}),
    (Action.REOPEN, S.VERIFIED, {"office"}),
    (Action.REOPEN, S.RECOGNISED, {"office"}),
]
USERS = ["office", "district_officer", "other_district_officer", "leadership"]
FORM_DATA = {
    Action.APPRAISE: {"council_date": "10/12/2014", "council_result": "approved"},
    Action.RECOGNISE: {"decision_number": "3456/QĐ-UBND", "decision_date": "20/12/2014", "decision_level": "dat_chuan"},
    Action.RETURN: {"reason": "Thiếu biên bản họp dân."},
    Action.REOPEN: {"reason": "Sửa số liệu thu nhập."},
}


def step_url(commune, action: Action, year: int = YEAR) -> str:
    return reverse("workflow:transition", args=[commune.pk, year, action.value])


def post_step(client, commune, action: Action, **extra):
    data = {"version": CommuneYear.of(commune, YEAR).version, **FORM_DATA.get(action, {}), **extra}
    return client.post(step_url(commune, action), data)


def test_a_commune_walks_from_draft_to_recognised_with_the_roles_of_each_step(complete, office, district_officer):
    commune = complete
    versions = [CommuneYear.of(commune, YEAR).version]
    for action, user in [
        (Action.SUBMIT, district_officer),
        (Action.VERIFY, district_officer),
        (Action.APPRAISE, office),
        (Action.RECOGNISE, office),
    ]:
        response = post_step(client_for(user), commune, action)
        assert response.status_code == 302, (action, response.status_code)
        commune_year = CommuneYear.of(commune, YEAR)
        assert commune_year.changed_by == user
        versions.append(commune_year.version)
    assert state_of(commune) == S.RECOGNISED
    assert versions == sorted(set(versions))  # every step bumps the version
    commune_year = CommuneYear.of(commune, YEAR)
    assert (commune_year.council_date, commune_year.council_result) == (datetime.date(2014, 12, 10), "approved")
    assert (commune_year.decision_number, commune_year.decision_date) == ("3456/QĐ-UBND", datetime.date(2014, 12, 20))
    commune = Commune.objects.get(pk=commune.pk)
    assert commune.recognition_decision == "3456/QĐ-UBND"
    assert commune.recognition_date == datetime.date(2014, 12, 20)
    assert commune.recognition_level == Commune.RecognitionLevel.STANDARD


@pytest.mark.parametrize("user_name", USERS)
@pytest.mark.parametrize(("action", "start", "allowed"), STEPS, ids=lambda v: str(v) if isinstance(v, str) else None)
def test_each_step_is_taken_by_the_roles_allowed_and_refused_to_the_others(
    request, complete, office, user_name, action, start, allowed
):
    commune = complete
    move_to(commune, start, office)
    before = CommuneYear.of(commune, YEAR)
    response = post_step(client_for(request.getfixturevalue(user_name)), commune, action)
    after = CommuneYear.of(commune, YEAR)
    if user_name in allowed:
        assert response.status_code == 302
        assert after.state != before.state and after.version == before.version + 1
    else:
        assert response.status_code == 403
        assert (after.state, after.version) == (before.state, before.version)


@pytest.mark.parametrize("user_name", ["district_officer", "other_district_officer", "leadership"])
@pytest.mark.parametrize("action", [Action.APPRAISE, Action.RECOGNISE, Action.RETURN, Action.REOPEN], ids=str)
def test_the_service_refuses_province_steps_to_everyone_but_office_staff(request, complete, office, user_name, action):
    start = {Action.APPRAISE: S.VERIFIED, Action.RECOGNISE: S.APPRAISED}.get(action, S.SUBMITTED)
    move_to(complete, start, office)
    with pytest.raises(TransitionRefused) as refused:
        commune_year_transition(
            commune=complete,
            year=YEAR,
            action=action,
            user=request.getfixturevalue(user_name),
            details=DETAILS[action],
        )
    assert refused.value.refusal == Refusal.ACTOR
    assert state_of(complete) == start


@pytest.mark.parametrize("user_name", ["other_district_officer", "leadership"])
@pytest.mark.parametrize("action", [Action.SUBMIT, Action.VERIFY], ids=str)
def test_the_service_refuses_district_steps_to_other_districts_and_leadership(
    request, complete, office, user_name, action
):
    start = S.DRAFT if action == Action.SUBMIT else S.SUBMITTED
    move_to(complete, start, office)
    with pytest.raises(TransitionRefused) as refused:
        commune_year_transition(commune=complete, year=YEAR, action=action, user=request.getfixturevalue(user_name))
    assert refused.value.refusal == Refusal.ACTOR
    assert state_of(complete) == start


@pytest.mark.parametrize(
    ("action", "state"),
    [(Action.VERIFY, S.DRAFT), (Action.RECOGNISE, S.VERIFIED), (Action.SUBMIT, S.SUBMITTED), (Action.REOPEN, S.DRAFT)],
    ids=str,
)
def test_a_step_from_the_wrong_state_is_refused_with_409(complete, office, action, state):
    move_to(complete, state, office)
    before = CommuneYear.of(complete, YEAR)
    response = post_step(client_for(office), complete, action)
    assert response.status_code == 409
    after = CommuneYear.of(complete, YEAR)
    assert (after.state, after.version) == (before.state, before.version)


@pytest.mark.parametrize("action", [Action.RETURN, Action.REOPEN], ids=str)
def test_returning_or_reopening_without_a_reason_is_refused(complete, office, action):
    move_to(complete, S.SUBMITTED, office)
    response = post_step(client_for(office), complete, action, reason="")
    assert response.status_code == 400
    assert state_of(complete) == S.SUBMITTED
    with pytest.raises(TransitionRefused) as refused:
        commune_year_transition(commune=complete, year=YEAR, action=action, user=office)
    assert refused.value.refusal == Refusal.DETAILS


def test_a_returned_year_keeps_its_reason_and_the_district_submits_it_again(complete, office, district_officer):
    move_to(complete, S.RETURNED, office)
    commune_year = CommuneYear.of(complete, YEAR)
    assert commune_year.return_reason == "Thiếu biên bản họp dân."
    record(complete, {"1.1": 80}, user=district_officer)  # returned years can be corrected
    assert post_step(client_for(district_officer), complete, Action.SUBMIT).status_code == 302
    assert state_of(complete) == S.SUBMITTED


def test_reopening_a_recognised_year_keeps_the_commune_recognised_and_unlocks_its_values(complete, office):
    move_to(complete, S.RECOGNISED, office)
    commune_year = commune_year_transition(
        commune=complete, year=YEAR, action=Action.REOPEN, user=office, details=DETAILS[Action.REOPEN]
    )
    assert (commune_year.state, commune_year.reopen_reason) == (S.DRAFT, "Sửa số liệu thu nhập.")
    assert Commune.objects.get(pk=complete.pk).recognition_decision == "3456/QĐ-UBND"
    assert record(complete, {"1.1": 90}, user=office) == 1


def test_recognition_is_refused_when_a_criterion_is_not_met(commune, ind, office):
    record(commune, {"1.1": 75, "1.2": True, "2.1": 20, "3.1": 12})  # poverty 12 % misses criterion 3
    move_to(commune, S.VERIFIED, office)
    approved = DETAILS[Action.APPRAISE]
    with pytest.raises(TransitionRefused) as refused:
        commune_year_transition(commune=commune, year=YEAR, action=Action.APPRAISE, user=office, details=approved)
    assert refused.value.refusal == Refusal.PROPOSAL
    assert [c.number for c in refused.value.check.criteria_not_met] == [3]
    assert state_of(commune) == S.VERIFIED


def test_a_council_that_does_not_propose_is_recorded_but_blocks_recognition(commune, ind, office):
    record(commune, {"1.1": 10})
    move_to(commune, S.VERIFIED, office)
    rejected = TransitionDetails(council_date=datetime.date(2014, 12, 10), council_result="rejected")
    commune_year_transition(
        commune=commune, year=YEAR, action=Action.APPRAISE, user=office, details=rejected, confirmed=True
    )
    assert state_of(commune) == S.APPRAISED
    with pytest.raises(TransitionRefused) as refused:
        commune_year_transition(
            commune=commune, year=YEAR, action=Action.RECOGNISE, user=office, details=DETAILS[Action.RECOGNISE]
        )
    assert refused.value.refusal == Refusal.COUNCIL
    assert not Commune.objects.get(pk=commune.pk).recognition_decision


def test_a_step_taken_from_an_old_page_is_refused(complete, office, district_officer):
    page_version = CommuneYear.of(complete, YEAR).version
    record(complete, {"1.1": 72}, user=office)  # someone saves after the page was opened
    response = client_for(district_officer).post(step_url(complete, Action.SUBMIT), {"version": page_version})
    assert response.status_code == 409
    assert state_of(complete) == S.DRAFT
    with pytest.raises(StaleVersion) as stale:
        commune_year_transition(
            commune=complete, year=YEAR, action=Action.SUBMIT, user=district_officer, expected_version=page_version
        )
    assert [c.indicator.code for c in stale.value.changes] == ["1.1"]


def test_anonymous_users_are_sent_to_log_in_and_nothing_changes(anonymous, complete):
    response = anonymous.post(step_url(complete, Action.SUBMIT), {"version": 1})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert state_of(complete) == S.DRAFT


def test_an_unknown_step_is_not_found(office, complete):
    response = client_for(office).post(reverse("workflow:transition", args=[complete.pk, YEAR, "approve"]), {})
    assert response.status_code == 404


@pytest.mark.parametrize("user_name", USERS)
def test_every_role_reads_the_state_and_sees_only_its_own_steps(request, complete, office, user_name):
    move_to(complete, S.SUBMITTED, office)
    response = client_for(request.getfixturevalue(user_name)).get(
        reverse("workflow:commune_year", args=[complete.pk, YEAR])
    )
    assert response.status_code == 200
    assert response.context["commune_year"].state == S.SUBMITTED
    expected = {
        "office": [Action.VERIFY, Action.RETURN, Action.REOPEN],
        "district_officer": [Action.VERIFY],
    }.get(user_name, [])
    assert [action for action, _form in response.context["actions"]] == expected
