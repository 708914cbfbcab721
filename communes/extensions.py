"""Extension points of the commune pages for the apps above communes; communes never imports them.

An app registers a function `fn(*, commune, year, user) -> ScorecardPanel | None` (in its AppConfig.ready()):

    from communes.extensions import ScorecardPanel, register_scorecard_panel

    register_scorecard_panel(inspection_findings_panel)

The scorecard includes each panel's template (with `panel` in its context) below the criteria and shows each
panel's `criterion_notes` (short texts per criterion number, e.g. "2 findings") on the criterion's row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ScorecardPanel:
    template: str
    context: dict = field(default_factory=dict)
    criterion_notes: dict[int, list[str]] = field(default_factory=dict)


PanelSource = Callable[..., ScorecardPanel | None]
_PANELS: list[PanelSource] = []


def register_scorecard_panel(source: PanelSource) -> PanelSource:
    """Add a panel source (usable as a decorator); the same function registered twice is added once."""
    if source not in _PANELS:
        _PANELS.append(source)
    return source


def scorecard_panels(*, commune, year: int, user) -> tuple[list[ScorecardPanel], dict[int, list[str]]]:
    """Every registered panel for the commune's year, and their notes merged per criterion number."""
    panels = [panel for source in _PANELS if (panel := source(commune=commune, year=year, user=user)) is not None]
    notes: dict[int, list[str]] = {}
    for panel in panels:
        for number, texts in panel.criterion_notes.items():
            notes.setdefault(number, []).extend(texts)
    return panels, notes
