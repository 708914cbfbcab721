"""Withdrawal review (Decision 18/2022/QĐ-TTg) and re-evaluation (Decision 372/QĐ-TTg of 2014), as plain rules.

Decision 18/2022/QĐ-TTg (2/8/2022), on recognising, announcing and withdrawing the NTM standard: a recognised
commune's decision is withdrawn when it no longer meets from 30 % to under 50 % of the criteria and one of the missed
criteria is income, environment (and food safety), living environment quality or national defence and security, or
when it no longer meets 50 % or more of them; a district when 30 % or more of its communes no longer meet the
standard. The office reviews such communes before proposing a withdrawal: this module flags them, it decides nothing.

Decision 372/QĐ-TTg (2014): a commune recognised five years ago or more is re-evaluated against the criteria in force.

No database access here: the dashboard feeds these functions from the score summary (criteria met as masks).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ntm.lib.text import fold

RULE_FROM_YEAR = 2022  # Decision 18/2022/QĐ-TTg took effect in 2022
REEVALUATION_FROM_YEAR = 2014  # Decision 372/QĐ-TTg, 2014
REEVALUATION_AFTER_YEARS = 5

# The criteria whose loss counts between 30 % and 50 %, found by name in the set in force (accents folded):
# income ("Thu nhập"), environment and food safety / living environment quality ("Môi trường ...", "Chất lượng môi
# trường sống"), national defence and security ("Quốc phòng và An ninh", "... an ninh, quốc phòng").
KEY_NAME_PARTS = ("thu nhap", "moi truong", "quoc phong")


class Reason(StrEnum):
    HALF_OR_MORE = "half_or_more"  # misses 50 % of the criteria or more
    KEY_CRITERION = "key_criterion"  # misses 30-50 %, among them income, environment or defence and security


@dataclass(frozen=True)
class Review:
    """Why a commune is flagged: the reason, the criteria missed, and the key criteria among them."""

    reason: Reason
    missed: tuple[int, ...]
    key_missed: tuple[int, ...]
    total: int

    @property
    def missed_share(self) -> float:
        """Share of the set's criteria missed, in per cent (one decimal)."""
        return round(100 * len(self.missed) / self.total, 1) if self.total else 0.0


def rule_covers(year: int) -> bool:
    """Whether the withdrawal rule of Decision 18/2022/QĐ-TTg applies to `year`."""
    return year >= RULE_FROM_YEAR


def key_criteria(criteria: Iterable[tuple[int, str]]) -> frozenset[int]:
    """Numbers of the key criteria (income, environment, living environment, defence and security) among
    `(number, Vietnamese name)` pairs of a set, found by name so that every set's numbering works."""
    return frozenset(number for number, name in criteria if any(part in fold(name) for part in KEY_NAME_PARTS))


def withdrawal_review(*, total: int, missed: Iterable[int], key: frozenset[int]) -> Review | None:
    """The review a recognised commune is flagged for, or None.

    `total`: criteria of the set in force; `missed`: numbers of the criteria it fails (a criterion that cannot be
    judged is not missed); `key`: `key_criteria` of the set. 30 % and 50 % are inclusive lower bounds, compared
    exactly (no rounding): 3 of 10 missed is 30 %, 5 of 10 is 50 %.
    """
    missed = tuple(sorted(set(missed)))
    if total <= 0 or not missed:
        return None
    key_missed = tuple(n for n in missed if n in key)
    if 2 * len(missed) >= total:
        return Review(Reason.HALF_OR_MORE, missed, key_missed, total)
    if 10 * len(missed) >= 3 * total and key_missed:
        return Review(Reason.KEY_CRITERION, missed, key_missed, total)
    return None


def district_flagged(*, flagged: int, communes: int) -> bool:
    """A district is flagged when 30 % or more of its communes are (inclusive, exact)."""
    return communes > 0 and 10 * flagged >= 3 * communes


def due_for_reevaluation(*, recognised_year: int | None, year: int) -> bool:
    """A commune recognised (last) in `recognised_year` is due for re-evaluation in `year` when five years or more
    have passed, for years from 2014 (Decision 372/QĐ-TTg)."""
    if recognised_year is None or year < REEVALUATION_FROM_YEAR:
        return False
    return year - recognised_year >= REEVALUATION_AFTER_YEARS
