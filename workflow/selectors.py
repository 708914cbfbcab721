"""Reads of the workflow pages: a district's communes with their year's state, a year's evidence files."""

from dataclasses import dataclass, field

from communes.models import Commune, CommuneYear, Registration
from communes.scoring import scores_for_years
from criteria.models import CriteriaSet, Indicator
from criteria.selectors import indicators_of

from .models import Evidence


@dataclass(frozen=True)
class DistrictRow:
    commune: Commune
    commune_year: CommuneYear
    criteria_met: int
    registered: bool


def district_year_rows(*, communes: list[Commune], year: int, province) -> tuple[list[DistrictRow], int]:
    """Each commune with its year's state (draft when none is stored), criteria met and registration.

    Returns the rows and the number of criteria of the year's set; a fixed number of queries.
    """
    ids = [c.pk for c in communes]
    states = {cy.commune_id: cy for cy in CommuneYear.objects.filter(commune_id__in=ids, year=year)}
    registered = set(Registration.objects.filter(commune_id__in=ids, year=year).values_list("commune_id", flat=True))
    scores = scores_for_years([year], province=province, commune_ids=ids)[year]
    rows = [
        DistrictRow(
            commune=commune,
            commune_year=states.get(commune.pk) or CommuneYear(commune=commune, year=year),
            criteria_met=scores.count(commune.pk),
            registered=commune.pk in registered,
        )
        for commune in communes
    ]
    return rows, scores.criteria_count


@dataclass
class EvidenceLine:
    indicator: Indicator
    files: list[Evidence] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.indicator.needs_evidence and not self.files


def evidence_lines(*, commune_year: CommuneYear, criteria_set: CriteriaSet | None) -> list[EvidenceLine]:
    """The indicators that need evidence or have some, in the set's order, with their files."""
    if criteria_set is None:
        return []
    files = []
    if commune_year.pk:
        files = list(commune_year.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk"))
    lines = {}
    for indicator in indicators_of(criteria_set):
        lines[indicator.pk] = EvidenceLine(indicator)
    for evidence in files:
        if evidence.indicator_id in lines:
            lines[evidence.indicator_id].files.append(evidence)
    return [line for line in lines.values() if line.indicator.needs_evidence or line.files]
