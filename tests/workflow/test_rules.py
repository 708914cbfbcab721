"""The transition table, every state x step x kind of user, against the issue's own words."""

import pytest

from accounts.policy import Actor
from communes.models import CommuneYear
from workflow import rules
from workflow.rules import Action, Refusal

S = CommuneYear.State
OFFICE, OWN, OTHER, LEADERSHIP = Actor.OFFICE, Actor.OWN_DISTRICT, Actor.OTHER_DISTRICT, Actor.LEADERSHIP
# (from which states, who) for each step, written out from the issue independently of rules.TRANSITIONS.
EXPECTED = {
    Action.SUBMIT: ({S.DRAFT, S.RETURNED}, {OFFICE, OWN}),
    Action.VERIFY: ({S.SUBMITTED}, {OFFICE, OWN}),
    Action.APPRAISE: ({S.VERIFIED}, {OFFICE}),
    Action.RECOGNISE: ({S.APPRAISED}, {OFFICE}),
    Action.RETURN: ({S.SUBMITTED, S.VERIFIED, S.APPRAISED}, {OFFICE}),
    Action.REOPEN: ({S.SUBMITTED, S.VERIFIED, S.RECOGNISED}, {OFFICE}),
}
TARGET = {
    Action.SUBMIT: S.SUBMITTED,
    Action.VERIFY: S.VERIFIED,
    Action.APPRAISE: S.APPRAISED,
    Action.RECOGNISE: S.RECOGNISED,
    Action.RETURN: S.RETURNED,
    Action.REOPEN: S.DRAFT,
}
ACTORS = [OFFICE, OWN, OTHER, LEADERSHIP, None]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: str(a))
@pytest.mark.parametrize("state", list(S), ids=str)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_every_step_from_every_state_for_every_kind_of_user(action, state, actor):
    sources, actors = EXPECTED[action]
    assert rules.allowed(action, state, actor) is (state in sources and actor in actors)
    if actor not in actors:
        assert rules.refusal(action, state, actor) == Refusal.ACTOR  # checked before the state: nothing leaks
    elif state not in sources:
        assert rules.refusal(action, state, actor) == Refusal.STATE


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_each_step_leads_to_its_state(action):
    assert rules.TRANSITIONS[action].target == TARGET[action]


def test_leadership_and_other_districts_take_no_step_from_any_state():
    for state in S:
        assert rules.actions_for(state, LEADERSHIP) == []
        assert rules.actions_for(state, OTHER) == []
        assert rules.actions_for(state, None) == []


def test_district_officers_submit_and_verify_only():
    assert rules.actions_for(S.DRAFT, OWN) == [Action.SUBMIT]
    assert rules.actions_for(S.SUBMITTED, OWN) == [Action.VERIFY]
    assert rules.actions_for(S.VERIFIED, OWN) == []
    assert rules.actions_for(S.VERIFIED, OFFICE) == [Action.APPRAISE, Action.RETURN, Action.REOPEN]


def test_submitted_verified_appraised_and_recognised_years_are_locked():
    assert {state for state in S if rules.is_locked(state)} == {S.SUBMITTED, S.VERIFIED, S.APPRAISED, S.RECOGNISED}


def test_returning_and_reopening_need_a_reason():
    assert rules.missing_details(Action.RETURN, {"reason": ""}) == ["reason"]
    assert rules.missing_details(Action.REOPEN, {}) == ["reason"]
    assert rules.missing_details(Action.RETURN, {"reason": "Thiếu hồ sơ"}) == []


def test_appraisal_needs_the_council_date_and_result_and_recognition_the_decision():
    assert rules.missing_details(Action.APPRAISE, {"council_result": "approved"}) == ["council_date"]
    assert rules.missing_details(Action.RECOGNISE, {"decision_number": "1/QĐ"}) == ["decision_date", "decision_level"]
    assert rules.missing_details(Action.SUBMIT, {}) == []


def test_recognition_and_a_proposing_council_need_a_complete_dossier():
    assert rules.needs_complete_proposal(Action.RECOGNISE, {})
    assert rules.needs_complete_proposal(Action.APPRAISE, {"council_result": "approved"})
    assert not rules.needs_complete_proposal(Action.APPRAISE, {"council_result": "rejected"})
    assert not rules.needs_complete_proposal(Action.VERIFY, {})
