"""Who may move a commune's year from which state to which: one table, no database.

    draft ──submit──> submitted ──verify──> verified ──appraise──> appraised ──recognise──> recognised
      ^  returned ──submit──^    (return: submitted, verified, appraised -> returned, with a reason)
      └───── reopen (submitted, verified, recognised -> draft, with a reason) ──────────────────┘

District officers submit and verify for their own district; office staff take every step (they act for a
district that sends its dossier on paper, and verify or return many communes at once); leadership and the
officers of other districts take none. Submitted, verified, appraised and recognised years are locked
(`CommuneYear.LOCKED_STATES`): their values change only after office staff reopen or return them.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from accounts.policy import Actor
from communes.models import CommuneYear

State = CommuneYear.State


class Action(StrEnum):
    SUBMIT = "submit"
    VERIFY = "verify"
    APPRAISE = "appraise"
    RECOGNISE = "recognise"
    RETURN = "return"
    REOPEN = "reopen"


class Refusal(StrEnum):
    ACTOR = "actor"  # this kind of user never takes this step for this commune
    STATE = "state"  # the step does not start from the year's state
    DETAILS = "details"  # a reason, the council's date and result, or the decision is missing
    PROPOSAL = "proposal"  # a criterion is not met, or an indicator lacks its evidence
    COUNCIL = "council"  # the appraisal council did not propose recognition
    DATES = "dates"  # the council's or the decision's date does not fit the year


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    actors: frozenset[Actor]
    details: tuple[str, ...] = ()


DISTRICT_STEP = frozenset({Actor.OFFICE, Actor.OWN_DISTRICT})
PROVINCE_STEP = frozenset({Actor.OFFICE})

TRANSITIONS: dict[Action, Transition] = {
    Action.SUBMIT: Transition(frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED, DISTRICT_STEP),
    Action.VERIFY: Transition(frozenset({State.SUBMITTED}), State.VERIFIED, DISTRICT_STEP),
    Action.APPRAISE: Transition(
        frozenset({State.VERIFIED}), State.APPRAISED, PROVINCE_STEP, ("council_date", "council_result")
    ),
    Action.RECOGNISE: Transition(
        frozenset({State.APPRAISED}),
        State.RECOGNISED,
        PROVINCE_STEP,
        ("decision_number", "decision_date", "decision_level"),
    ),
    Action.RETURN: Transition(
        frozenset({State.SUBMITTED, State.VERIFIED, State.APPRAISED}), State.RETURNED, PROVINCE_STEP, ("reason",)
    ),
    Action.REOPEN: Transition(
        frozenset({State.SUBMITTED, State.VERIFIED, State.RECOGNISED}), State.DRAFT, PROVINCE_STEP, ("reason",)
    ),
}

# Steps office staff may take on many communes of a district at once.
BULK_ACTIONS = (Action.SUBMIT, Action.VERIFY, Action.RETURN)


def refusal(action: Action, state: str, actor: Actor | None) -> Refusal | None:
    """Why `actor` may not take `action` from `state` (None: allowed). The actor is checked first."""
    transition = TRANSITIONS[action]
    if actor not in transition.actors:
        return Refusal.ACTOR
    if state not in transition.sources:
        return Refusal.STATE
    return None


def allowed(action: Action, state: str, actor: Actor | None) -> bool:
    return refusal(action, state, actor) is None


def actions_for(state: str, actor: Actor | None) -> list[Action]:
    """The steps this actor may take from this state, in the table's order."""
    return [action for action in Action if allowed(action, state, actor)]


def may_ever(action: Action, actor: Actor | None) -> bool:
    return actor in TRANSITIONS[action].actors


def missing_details(action: Action, details: Mapping[str, object]) -> list[str]:
    """The details the step needs that are empty."""
    return [name for name in TRANSITIONS[action].details if details.get(name) in (None, "")]


def needs_complete_proposal(action: Action, details: Mapping[str, object]) -> bool:
    """Recognition, and a council that proposes it, need every criterion met and every evidence given."""
    if action == Action.RECOGNISE:
        return True
    return action == Action.APPRAISE and details.get("council_result") == CommuneYear.CouncilResult.APPROVED


def is_locked(state: str) -> bool:
    return state in CommuneYear.LOCKED_STATES


class DateProblem(StrEnum):
    BEFORE_YEAR = "before_year"  # before 1 January of the year the step is for
    FUTURE = "future"  # after today
    BEFORE_COUNCIL = "before_council"  # a decision dated before the council that proposed it


def step_date_problems(
    *,
    year: int,
    today: datetime.date,
    council_date: datetime.date | None = None,
    decision_date: datetime.date | None = None,
    council_on_record: datetime.date | None = None,
) -> dict[str, DateProblem]:
    """What is wrong with the dates of an appraisal or a recognition for `year` (empty: nothing).

    A step for year Y carries dates that fit Y: not before 1/1/Y (a step for 2014 dated 2013 would move the
    2013 figures), not in the future, and a decision not before the council that proposed it (TT 40/2014,
    Art. 7-9: the district verifies, the provincial council appraises, then the chairman decides). The
    decision may fall early in Y + 1 (Hà Tĩnh recognises at its January review); it still counts for Y.
    Returns {field name: problem}.
    """
    problems: dict[str, DateProblem] = {}
    start = datetime.date(year, 1, 1)
    for name, day in (("council_date", council_date), ("decision_date", decision_date)):
        if day is None:
            continue
        if day < start:
            problems[name] = DateProblem.BEFORE_YEAR
        elif day > today:
            problems[name] = DateProblem.FUTURE
    council = council_date or council_on_record
    if decision_date and council and decision_date < council and "decision_date" not in problems:
        problems["decision_date"] = DateProblem.BEFORE_COUNCIL
    return problems


class Confirm(StrEnum):
    """Steps that may be taken, but only once the person has seen what is missing and confirmed."""

    CRITERIA_MISSING = "criteria_missing"  # submitting a year that misses criteria or evidence
    NOT_REGISTERED = "not_registered"  # appraising a commune that never registered for the year


def confirmations_needed(action: Action, *, proposal_complete: bool, registered: bool) -> list[Confirm]:
    """What the person must confirm before `action` (TT 40/2014: a commune registers, then self-assesses
    and submits when it meets the criteria; a submission or appraisal outside that path is allowed, knowingly)."""
    needed = []
    if action == Action.SUBMIT and not proposal_complete:
        needed.append(Confirm.CRITERIA_MISSING)
    if action == Action.APPRAISE and not registered:
        needed.append(Confirm.NOT_REGISTERED)
    return needed
