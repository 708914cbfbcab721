"""What the office's work adds to other apps' pages: the inspection findings on a commune's scorecard, and on a
new commune's page the inspections of the former communes it was formed from."""

from django.utils.translation import ngettext

from accounts import policy
from communes.extensions import ScorecardPanel, register_scorecard_panel
from communes.lineage import reform_date

from .models import Finding
from .selectors import commune_findings, former_communes_visits


@register_scorecard_panel
def inspection_findings_panel(*, commune, year: int, user) -> ScorecardPanel | None:
    """The year's inspection findings on the commune (none: no panel); each criterion's row says how many."""
    findings = commune_findings(commune, year)
    if not findings:
        return None
    per_criterion: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.criterion_id:
            per_criterion.setdefault(finding.criterion.number, []).append(finding)
    notes = {}
    for number, rows in per_criterion.items():
        overstated = sum(1 for f in rows if f.verdict == Finding.Verdict.OVERSTATED)
        text = ngettext("%(count)d inspection finding", "%(count)d inspection findings", len(rows)) % {
            "count": len(rows)
        }
        if overstated:
            text += " · " + ngettext("%(count)d overstated", "%(count)d overstated", overstated) % {"count": overstated}
        notes[number] = [text]
    return ScorecardPanel(
        template="operations/snippets/scorecard_findings.html",
        context={"findings": findings, "year": year},
        criterion_notes=notes,
    )


@register_scorecard_panel
def former_communes_inspections_panel(*, commune, year: int, user) -> ScorecardPanel | None:
    """On a commune formed from others (the reform of 1/7/2025), the inspections of those former communes, every
    year (part of its merged history, like the criteria met and the recognitions); none: no panel. One query, and
    none on the page of a commune that started before the reform (it was formed from nothing)."""
    if commune.valid_from < reform_date():
        return None
    visits = former_communes_visits(commune)
    if not visits:
        return None
    return ScorecardPanel(
        template="operations/snippets/former_inspections.html",
        context={"visits": visits, "can_open": policy.can_read_inspections(user)},
    )
