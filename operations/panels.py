"""What the office's work adds to other apps' pages: the inspection findings on a commune's scorecard."""

from django.utils.translation import ngettext

from communes.extensions import ScorecardPanel, register_scorecard_panel

from .models import Finding
from .selectors import commune_findings


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
