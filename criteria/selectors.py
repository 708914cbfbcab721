"""Reads of the criteria tables shared by scoring, views and imports."""

from collections import defaultdict

from django.db.models import Count, Q

from . import rules
from .models import CriteriaSet, Indicator, Target


class TargetBook:
    """Every target of one criteria set, loaded in one query, resolved without the database."""

    def __init__(self, criteria_set: CriteriaSet):
        self.criteria_set = criteria_set
        self._options: dict[int, list[rules.TargetOption]] = defaultdict(list)
        for target in Target.objects.filter(indicator__criterion__criteria_set=criteria_set):
            self._options[target.indicator_id].append(target.as_option())

    def target(self, indicator_id: int, *, target_class: str, year: int, province_id: int | None):
        option = self.option(indicator_id, target_class=target_class, year=year, province_id=province_id)
        return option.value if option else None

    def option(
        self, indicator_id: int, *, target_class: str, year: int, province_id: int | None
    ) -> rules.TargetOption | None:
        """The target row that applies, with its provenance (verified, disputed, note)."""
        return rules.pick_target(
            self._options.get(indicator_id, ()), target_class=target_class, year=year, province_id=province_id
        )


def criteria_set_for_year(year: int, province=None) -> CriteriaSet | None:
    return CriteriaSet.objects.for_year(year, province).first()


def targets_unverified(criteria_set: CriteriaSet | None) -> tuple[int, int]:
    """(targets not verified against the official text, all targets) of a set: one query. The 2026-2030 set's
    targets are entered by office staff from secondary sources until the decision's annex can be read."""
    if criteria_set is None:
        return 0, 0
    counts = Target.objects.filter(indicator__criterion__criteria_set=criteria_set).aggregate(
        total=Count("pk"), unverified=Count("pk", filter=Q(verified=False))
    )
    return counts["unverified"], counts["total"]


def indicators_of(criteria_set: CriteriaSet):
    return (
        Indicator.objects.filter(criterion__criteria_set=criteria_set)
        .select_related("criterion", "criterion__group")
        .order_by("criterion__number", "order", "code")
    )


COMMUNE_GROUPS = ("nhom_1", "nhom_2", "nhom_3")


def target_classes_of(criteria_set: CriteriaSet) -> list[str]:
    """The target classes a set's national targets are given for, in order: the commune groups (2026-2030) or the
    regions (2009-2025) by the set's basis, then any other class its targets already use ('' = every class)."""
    from provinces.models import Region

    if criteria_set.target_basis == CriteriaSet.TargetBasis.COMMUNE_GROUP:
        classes = list(COMMUNE_GROUPS)
    else:
        classes = list(Region.objects.order_by("code").values_list("code", flat=True))
    used = (
        Target.objects.filter(indicator__criterion__criteria_set=criteria_set, province__isnull=True)
        .order_by("target_class")
        .values_list("target_class", flat=True)
        .distinct()
    )
    return classes + [code for code in used if code not in classes]
