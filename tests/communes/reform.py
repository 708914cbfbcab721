"""A small province on both sides of the reform of 1/7/2025, for tests of pages and scope across it.

Before: Tùng Ảnh and Đức Lạng (district Đức Thọ), Kỳ Tây (district Kỳ Anh). From 1/7/2025: "Xã Đức Thọ"
(formed from Tùng Ảnh and Đức Lạng, reusing Tùng Ảnh's code 18256) and "Xã Kỳ Tây Mới" (formed from Kỳ Tây).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from communes.models import Commune, District, Lineage
from criteria import rules
from criteria.models import Band, CriteriaSet, Criterion, Indicator, Target

REFORM = datetime.date(2025, 7, 1)


@dataclass
class Reformed:
    duc_tho: Commune  # new, from commune + second_commune
    ky_tay: Commune  # new, from other_commune


@pytest.fixture
def reformed(commune, second_commune, other_commune) -> Reformed:
    return make_reformed(commune, second_commune, other_commune)


def make_reformed(commune, second_commune, other_commune) -> Reformed:
    """Close the three communes and their districts on 30/6/2025 and form two new communes from them."""
    olds = [commune, second_commune, other_commune]
    Commune.objects.filter(pk__in=[c.pk for c in olds]).update(valid_until=REFORM)
    District.objects.filter(pk__in={c.district_id for c in olds}).update(valid_until=REFORM)
    for old in olds:
        old.refresh_from_db()
        old.district.refresh_from_db()
    province = commune.province
    duc_tho = Commune.objects.create(code=commune.code, name="Xã Đức Thọ", province=province, valid_from=REFORM)
    ky_tay = Commune.objects.create(code="18761", name="Xã Kỳ Tây Mới", province=province, valid_from=REFORM)
    Lineage.objects.bulk_create(
        [
            Lineage(successor=duc_tho, predecessor=commune),
            Lineage(successor=duc_tho, predecessor=second_commune),
            Lineage(successor=ky_tay, predecessor=other_commune),
        ]
    )
    return Reformed(duc_tho=duc_tho, ky_tay=ky_tay)


def make_set_2026() -> CriteriaSet:
    """A tiny set by commune group for 2026-2030: one criterion, one indicator, at least 50 % for group 1 and
    70 % for groups 2 and 3."""
    criteria_set = CriteriaSet.objects.create(
        code="TEST_2026",
        title="Bộ tiêu chí 2026",
        decision_number="51/2025/QĐ-TTg",
        year_from=2026,
        year_to=2030,
        target_basis=CriteriaSet.TargetBasis.COMMUNE_GROUP,
    )
    criterion = Criterion.objects.create(criteria_set=criteria_set, number=1, name="Quy hoạch")
    indicator = Indicator.objects.create(criterion=criterion, code="1.1", text="Tỷ lệ", kind=rules.PERCENTAGE)
    for target_class, value in [("nhom_1", 50), ("nhom_2", 70), ("nhom_3", 70)]:
        Target.objects.create(indicator=indicator, target_class=target_class, value=Decimal(value))
    Band.objects.create(criteria_set=criteria_set, label="đạt", min_met=1, max_met=1)
    return criteria_set


@pytest.fixture
def set_2026(db) -> CriteriaSet:
    return make_set_2026()
