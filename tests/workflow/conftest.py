"""Workflow fixtures: the small set's indicators, values meeting everything, years moved to a state."""

import datetime
from decimal import Decimal

import pytest

from communes.models import Commune, CommuneYear, Registration
from communes.services import assessments_save
from criteria.models import Indicator
from workflow.rules import Action
from workflow.services import TransitionDetails, commune_year_transition

YEAR = 2014
ALL_MET = {"1.1": Decimal("75"), "1.2": True, "2.1": Decimal("20"), "3.1": Decimal("5")}
DETAILS = {
    Action.APPRAISE: TransitionDetails(
        council_date=datetime.date(2014, 12, 10), council_result=CommuneYear.CouncilResult.APPROVED
    ),
    Action.RECOGNISE: TransitionDetails(
        decision_number="3456/QĐ-UBND",
        decision_date=datetime.date(2014, 12, 20),
        decision_level=Commune.RecognitionLevel.STANDARD,
    ),
    Action.RETURN: TransitionDetails(reason="Thiếu biên bản họp dân."),
    Action.REOPEN: TransitionDetails(reason="Sửa số liệu thu nhập."),
}
# The steps from draft to each state, taken by office staff.
PATH_TO = {
    CommuneYear.State.DRAFT: [],
    CommuneYear.State.SUBMITTED: [Action.SUBMIT],
    CommuneYear.State.VERIFIED: [Action.SUBMIT, Action.VERIFY],
    CommuneYear.State.APPRAISED: [Action.SUBMIT, Action.VERIFY, Action.APPRAISE],
    CommuneYear.State.RECOGNISED: [Action.SUBMIT, Action.VERIFY, Action.APPRAISE, Action.RECOGNISE],
    CommuneYear.State.RETURNED: [Action.SUBMIT, Action.RETURN],
}


def record(commune, values: dict[str, object], *, user=None, year: int = YEAR, expected_version=None) -> int:
    """Save values by indicator code under the set in force."""
    indicators = {
        i.code: i.pk
        for i in Indicator.objects.filter(
            criterion__criteria_set__year_from__lte=year, criterion__criteria_set__year_to__gte=year
        )
    }
    return assessments_save(
        commune=commune,
        year=year,
        values={indicators[code]: value for code, value in values.items()},
        user=user,
        expected_version=expected_version,
    )


def move_to(commune, state: str, user, year: int = YEAR) -> CommuneYear:
    """Take the steps from draft to `state` (the user must be office staff)."""
    commune_year = CommuneYear.of(commune, year)
    for action in PATH_TO[state]:
        commune_year = commune_year_transition(
            commune=commune, year=year, action=action, user=user, details=DETAILS.get(action), confirmed=True
        )
    return commune_year


def state_of(commune, year: int = YEAR) -> str:
    return CommuneYear.of(commune, year).state


@pytest.fixture
def complete(commune, ind):
    """The commune registered for 2014 and meets every criterion (no indicator needs evidence yet)."""
    Registration.objects.create(commune=commune, year=YEAR)
    record(commune, ALL_MET)
    return commune
