"""Writes that touch assessments: keeping `meets` in step with values and targets."""

from criteria import rules
from criteria.selectors import TargetBook, criteria_set_for_year

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


__all__ = ["assessment_refresh_meets", "assessments_recompute", "criteria_set_for_year", "target_class_of"]
