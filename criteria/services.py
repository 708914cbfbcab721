"""Writes that span indicators and targets: the bulk targets sheet's confirmation.

`targets_import` writes new indicators, edits of indicators and the national targets (every year, no province) of
one criteria set in one transaction, after checking that nothing it changes moved since the plan was read: the
rows are locked and compared with the values the plan saw. The results the change affects are recomputed once,
at the end (`rules_changes_batched`), in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from .models import CriteriaSet, Indicator, Target
from .plausible import shipped_range
from .signals import rules_changes_batched

INDICATOR_FIELDS = ("text", "unit", "comparator")
TARGET_FIELDS = ("value", "verified", "source")


@dataclass(frozen=True)
class IndicatorWrite:
    """A new indicator (`indicator_id` None, `old` empty) or an edit of one: `new` holds the fields written."""

    code: str
    criterion_id: int
    indicator_id: int | None
    new: dict
    old: dict = field(default_factory=dict)
    kind: str = ""
    order: int = 0


@dataclass(frozen=True)
class TargetWrite:
    """The national target of one indicator and class: created (`old` None) or changed; (value, verified, source)."""

    indicator_code: str
    target_class: str
    old: tuple[Decimal | None, bool, str] | None
    new: tuple[Decimal | None, bool, str]


@dataclass(frozen=True)
class TargetsImportCounts:
    indicators_created: int = 0
    indicators_updated: int = 0
    targets_created: int = 0
    targets_updated: int = 0

    @property
    def total(self) -> int:
        return self.indicators_created + self.indicators_updated + self.targets_created + self.targets_updated


class TargetsChanged(Exception):
    """An indicator or target moved since the plan was read: nothing was written."""


def national_targets(criteria_set: CriteriaSet):
    """The targets the sheet holds: national (no province) and for every year of the set (no `from_year`)."""
    return Target.objects.filter(
        indicator__criterion__criteria_set=criteria_set, province__isnull=True, from_year__isnull=True
    )


def target_state(target: Target | None) -> tuple[Decimal | None, bool, str] | None:
    if target is None:
        return None
    return (target.value, target.verified, target.source)


@transaction.atomic
def targets_import(
    *,
    criteria_set: CriteriaSet,
    indicators: list[IndicatorWrite],
    targets: list[TargetWrite],
    user,
    reason: str = "",
) -> TargetsImportCounts:
    """Write the plan's indicators and targets; TargetsChanged (nothing written) when a row moved since the plan."""
    by_code = {
        indicator.code: indicator
        for indicator in Indicator.objects.select_for_update().filter(criterion__criteria_set=criteria_set)
    }
    stored = {
        (target.indicator.code, target.target_class): target
        for target in national_targets(criteria_set).select_related("indicator").select_for_update(of=("self",))
    }
    created = updated = 0
    with rules_changes_batched():
        for write in indicators:
            current = by_code.get(write.code)
            if write.indicator_id is None:
                if current is not None:
                    raise TargetsChanged
                low, high = shipped_range(write.kind, write.new.get("unit", ""))
                by_code[write.code] = Indicator.objects.create(
                    criterion_id=write.criterion_id,
                    code=write.code,
                    kind=write.kind,
                    order=write.order,
                    plausible_min=low,
                    plausible_max=high,
                    **write.new,
                )
                created += 1
                continue
            if current is None or current.pk != write.indicator_id:
                raise TargetsChanged
            if any(getattr(current, name) != value for name, value in write.old.items()):
                raise TargetsChanged
            for name, value in write.new.items():
                setattr(current, name, value)
            current.save(update_fields=list(write.new))
            updated += 1
        targets_created = targets_updated = 0
        for write in targets:
            target = stored.get((write.indicator_code, write.target_class))
            if target_state(target) != write.old:
                raise TargetsChanged
            if target is None:
                target = Target(indicator=by_code[write.indicator_code], target_class=write.target_class)
                targets_created += 1
            else:
                targets_updated += 1
            target.value, target.verified, target.source = write.new
            target._history_user = user
            target._change_reason = reason
            target.save()
    return TargetsImportCounts(created, updated, targets_created, targets_updated)
