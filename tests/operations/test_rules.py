"""The office's rules as plain functions (operations/rules.py), without the database."""

import datetime

import pytest

from operations import rules
from operations.rules import InspectionStatus as S
from operations.rules import RequestStatus as R

D = datetime.date


@pytest.mark.parametrize(
    "stored, deadline, today, shown",
    [
        (R.OPEN, D(2014, 5, 1), D(2014, 5, 1), R.OPEN),  # due today: not yet overdue
        (R.OPEN, D(2014, 5, 1), D(2014, 5, 2), R.OVERDUE),
        (R.ANSWERED, D(2014, 5, 1), D(2014, 6, 1), R.ANSWERED),  # waits for the office, never overdue
        (R.DONE, D(2014, 5, 1), D(2014, 6, 1), R.DONE),
    ],
)
def test_request_status_is_overdue_only_when_open_after_its_deadline(stored, deadline, today, shown):
    assert rules.request_status(stored, deadline, today) == shown


FACTS = {
    "held_start": D(2014, 4, 1),
    "visits_done": 1,
    "conclusion_number": "5/TB-VPĐP",
    "conclusion_date": D(2014, 5, 1),
    "requests_not_done": 0,
}


def test_an_inspection_moves_along_its_steps_when_it_has_what_each_needs():
    assert rules.inspection_refusal(S.PLANNED, S.HELD, **FACTS) is None
    assert rules.inspection_refusal(S.HELD, S.REPORT_ISSUED, **FACTS) is None
    assert rules.inspection_refusal(S.REPORT_ISSUED, S.CLOSED, **FACTS) is None


@pytest.mark.parametrize(
    "current, target, missing, words",
    [
        (S.PLANNED, S.HELD, {"held_start": None}, "ngày tiến hành"),
        (S.PLANNED, S.HELD, {"visits_done": 0}, "một xã"),
        (S.HELD, S.REPORT_ISSUED, {"conclusion_number": ""}, "số và ngày"),
        (S.REPORT_ISSUED, S.CLOSED, {"requests_not_done": 2}, "Còn 2 kiến nghị"),
        (S.PLANNED, S.CLOSED, {}, "Không thể"),
    ],
)
def test_an_inspection_step_is_refused_with_its_reason(current, target, missing, words):
    refusal = rules.inspection_refusal(current, target, **{**FACTS, **missing})
    assert refusal is not None and words in refusal


@pytest.mark.parametrize(
    "recorded, found, comparator, verdict",
    [
        (85, 70, ">=", rules.Verdict.OVERSTATED),  # road paved: recorded 85 %, found 70 %
        (70, 85, ">=", rules.Verdict.UNDERSTATED),
        (70, 70, ">=", rules.Verdict.CONFIRMED),
        (4, 9, "<", rules.Verdict.OVERSTATED),  # poor households: recorded 4 %, found 9 %
        (9, 4, "<=", rules.Verdict.UNDERSTATED),
        (1, 0, "==", rules.Verdict.OVERSTATED),  # yes recorded, no found
        (None, 70, ">=", None),
        (85, None, ">=", None),
    ],
)
def test_the_verdict_follows_the_indicator_direction(recorded, found, comparator, verdict):
    assert rules.verdict_of(recorded=recorded, found=found, comparator=comparator) == verdict


def test_document_numbers_follow_the_office_format():
    assert rules.format_number("{number}/KH-VPĐP", number=12, year=2014) == "12/KH-VPĐP"
    assert rules.format_number("{number}/{year}/NQ-HĐND", number=3, year=2014) == "3/2014/NQ-HĐND"
    assert rules.sequence_of("{number}/KH-VPĐP", "12/KH-VPĐP", year=2014) == 12
    assert rules.sequence_of("{number}/{year}/NQ-HĐND", "3/2014/NQ-HĐND", year=2014) == 3
    assert rules.sequence_of("{number}/KH-VPĐP", "12/TB-VPĐP", year=2014) is None


def test_the_next_number_is_one_more_than_the_highest_used():
    assert rules.next_sequence([]) == 1
    assert rules.next_sequence([None, None]) == 1
    assert rules.next_sequence([3, 11, 7, None]) == 12


@pytest.mark.parametrize("fmt", ["12/KH", "{number/KH", "{number}/{body}"])
def test_an_unusable_number_format_is_refused(fmt):
    assert rules.number_format_error(fmt)


def test_a_usable_number_format_passes():
    assert rules.number_format_error("{number}/{year}/QĐ-UBND") is None


def test_plan_share_and_monthly_totals():
    assert rules.plan_share(19, 13) == 146.2
    assert rules.plan_share(3, 0) is None
    totals = rules.months_cumulative([D(2014, 3, 5), D(2014, 3, 9), D(2014, 12, 30), D(2013, 5, 1), None], 2014)
    assert totals == [0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3]
