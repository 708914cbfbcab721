"""What a change of rules will do, measured before it is made: the admin asks for confirmation with it.

The change is run inside a savepoint that is rolled back; probes registered by the apps that keep results
(communes: the score summary) compare the results before and after. Criteria imports no app above it: the
probes come to it.

    impact, response = rules_change_measured(lambda: view(request))  # nothing of it is kept
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction


@dataclass
class Impact:
    """Commune-years whose result the change moves (`changed`), and the locked ones among those the rules touch
    (`locked`: they keep the result they were judged with, today's rules would judge them differently)."""

    changed: int = 0
    locked: int = 0
    years: set[int] = field(default_factory=set)

    @property
    def any(self) -> bool:
        return bool(self.changed or self.locked)

    @property
    def year_span(self) -> str:
        if not self.years:
            return ""
        low, high = min(self.years), max(self.years)
        return str(low) if low == high else f"{low}-{high}"

    def __add__(self, other: Impact) -> Impact:
        return Impact(self.changed + other.changed, self.locked + other.locked, self.years | other.years)


Probe = Callable[[Callable[[], object]], tuple[Impact, object]]
_PROBES: list[Probe] = []


def register_probe(probe: Probe) -> Probe:
    """A probe runs the change it is given and returns (its impact, the change's result)."""
    if probe not in _PROBES:
        _PROBES.append(probe)
    return probe


class _Rollback(Exception):
    pass


def rules_change_measured(change: Callable[[], object]) -> tuple[Impact, object]:
    """Run `change` in a savepoint, measure what it does to the results, and roll it back. Returns (impact, the
    change's return value)."""
    outcome: dict = {}

    def run():
        outcome["result"] = change()
        return outcome["result"]

    try:
        with transaction.atomic():
            impact, _result = _chain(run)
            outcome["impact"] = impact
            raise _Rollback
    except _Rollback:
        pass
    return outcome.get("impact", Impact()), outcome.get("result")


def _chain(run: Callable[[], object]) -> tuple[Impact, object]:
    """Nest the probes around `run`: each measures the same single run of the change."""
    impact = Impact()
    call = run
    for probe in _PROBES:
        call = _wrapped(probe, call, impact)
    return impact, call()


def _wrapped(probe: Probe, inner: Callable[[], object], total: Impact) -> Callable[[], object]:
    def call():
        measured, result = probe(inner)
        total.changed += measured.changed
        total.locked += measured.locked
        total.years |= measured.years
        return result

    return call
