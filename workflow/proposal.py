"""May a commune be proposed for recognition this year? Every criterion met, every evidence given.

`proposal_gaps` is the rule (plain data in, what is missing out); `proposal_check` reads the data.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from communes.models import Commune
from communes.scoring import scores_for_years
from criteria.models import CriteriaSet, Criterion, Indicator
from criteria.selectors import indicators_of

from .models import Evidence


@dataclass(frozen=True)
class ProposalCheck:
    criteria_set: CriteriaSet | None
    criteria_not_met: list[Criterion] = field(default_factory=list)
    evidence_missing: list[Indicator] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.criteria_set is not None and not self.criteria_not_met and not self.evidence_missing


def proposal_gaps(
    *, criteria: Iterable[Criterion], met_numbers: Iterable[int], needs_evidence: Iterable[Indicator], evidenced_ids
) -> tuple[list[Criterion], list[Indicator]]:
    """The criteria not met, and the indicators that need evidence and have none, in the given order."""
    met, evidenced = set(met_numbers), set(evidenced_ids)
    return [c for c in criteria if c.number not in met], [i for i in needs_evidence if i.pk not in evidenced]


def proposal_check(*, commune: Commune, year: int) -> ProposalCheck:
    """The check on the year's current values (locked once verified) and evidence files."""
    scores = scores_for_years([year], province=commune.province, commune_ids=[commune.pk])[year]
    if scores.criteria_set is None or not scores.criteria:  # no set, or one without criteria yet (2026's)
        return ProposalCheck(criteria_set=None)
    needs_evidence = indicators_of(scores.criteria_set).filter(needs_evidence=True)
    evidenced = Evidence.objects.filter(commune_year__commune=commune, commune_year__year=year).values_list(
        "indicator_id", flat=True
    )
    not_met, missing = proposal_gaps(
        criteria=scores.criteria,
        met_numbers=scores.met_numbers(commune.pk),
        needs_evidence=needs_evidence,
        evidenced_ids=evidenced,
    )
    return ProposalCheck(criteria_set=scores.criteria_set, criteria_not_met=not_met, evidence_missing=missing)
