"""Writes that touch assessments: keeping `meets` in step with values and targets."""

from django.db import transaction
from django.utils import timezone

from criteria import rules
from criteria.selectors import TargetBook, criteria_set_for_year, indicators_of

from .models import Assessment, Commune


def target_class_of(commune: Commune, criteria_set) -> str:
    region = commune.province.region
    return criteria_set.target_class_for(
        region_code=region.code if region else None, commune_group=commune.commune_group
    )


def assessment_refresh_meets(assessment: Assessment, book: TargetBook | None = None) -> Assessment:
    """Compute `meets` from the value and the target that applies to this commune and year."""
    indicator = assessment.indicator
    criteria_set = indicator.criterion.criteria_set
    book = book or TargetBook(criteria_set)
    commune = assessment.commune
    target = book.target(
        indicator.pk,
        target_class=target_class_of(commune, criteria_set),
        year=assessment.year,
        province_id=commune.province_id,
    )
    assessment.meets = rules.meets(indicator.kind, indicator.comparator, target, assessment.value)
    return assessment


def assessments_recompute(*, criteria_set, year: int | None = None) -> int:
    """Recompute `meets` for a set (e.g. after a target changed). Returns rows updated."""
    book = TargetBook(criteria_set)
    rows = Assessment.objects.for_set(criteria_set).select_related(
        "indicator", "indicator__criterion__criteria_set", "commune__province__region"
    )
    if year is not None:
        rows = rows.for_year(year)
    changed = []
    for row in rows:
        before = row.meets
        assessment_refresh_meets(row, book)
        if row.meets != before:
            changed.append(row)
    Assessment.objects.bulk_update(changed, ["meets"], batch_size=1000)
    return len(changed)


def assessments_save(*, commune: Commune, year: int, values: dict[int, object], user) -> int:
    """Record a commune's values for a year (indicator id -> value, None clears it). Returns rows changed.

    Every indicator must belong to the set in force that year (ValueError otherwise); all rows
    are written in one transaction, with `meets` computed against one shared TargetBook.
    """
    criteria_set = criteria_set_for_year(year, commune.province)
    if criteria_set is None:
        raise ValueError(f"no criteria set applies to {year}")
    indicators = {i.pk: i for i in indicators_of(criteria_set).select_related("criterion__criteria_set")}
    foreign = sorted(set(values) - set(indicators))
    if foreign:
        raise ValueError(f"indicators {foreign} are not in the set in force in {year} ({criteria_set.code})")
    book = TargetBook(criteria_set)
    now = timezone.now()
    with transaction.atomic():
        existing = {
            row.indicator_id: row
            for row in Assessment.objects.select_for_update().filter(
                commune=commune, year=year, indicator_id__in=list(values)
            )
        }
        cleared, created, updated = [], [], []
        for indicator_id, value in values.items():
            row = existing.get(indicator_id)
            if value is None:
                if row is not None:
                    cleared.append(row.pk)
                continue
            row = row or Assessment(year=year)
            row.commune, row.indicator = commune, indicators[indicator_id]  # shared instances: no query per row
            before = (row.yes_no, row.percent, row.amount, row.meets)
            row.set_value(value)
            assessment_refresh_meets(row, book)
            if row.pk is not None and before == (row.yes_no, row.percent, row.amount, row.meets):
                continue
            row.entered_by, row.entered_at = user, now
            (updated if row.pk else created).append(row)
        Assessment.objects.filter(pk__in=cleared).delete()
        Assessment.objects.bulk_create(
            created,
            update_conflicts=True,
            unique_fields=["commune", "indicator", "year"],
            update_fields=["yes_no", "percent", "amount", "meets", "entered_by", "entered_at"],
        )
        Assessment.objects.bulk_update(updated, ["yes_no", "percent", "amount", "meets", "entered_by", "entered_at"])
    return len(cleared) + len(created) + len(updated)


__all__ = [
    "assessment_refresh_meets",
    "assessments_recompute",
    "assessments_save",
    "criteria_set_for_year",
    "target_class_of",
]
