"""Database constraints and model rules of communes and assessments."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from communes.models import Assessment, Commune
from communes.services import assessment_refresh_meets, assessments_recompute
from criteria.models import Indicator, Target


def test_one_assessment_per_commune_indicator_and_year(commune, small_set):
    indicator = Indicator.objects.get(criterion__criteria_set=small_set, code="1.1")
    Assessment.objects.create(commune=commune, indicator=indicator, year=2014, percent=Decimal("80"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(commune=commune, indicator=indicator, year=2014, percent=Decimal("90"))


def test_percentages_must_lie_between_0_and_100(commune, small_set):
    indicator = Indicator.objects.get(criterion__criteria_set=small_set, code="1.1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(commune=commune, indicator=indicator, year=2014, percent=Decimal("100.5"))


def test_gso_code_is_unique_within_a_period_but_reusable_after(province):
    Commune.objects.create(
        code="18073", name="Phường Nam Hà", province=province, kind="phuong", valid_until=datetime.date(2025, 7, 1)
    )
    reused = Commune(
        code="18073", name="Phường Thành Sen", province=province, kind="phuong", valid_from=datetime.date(2025, 7, 1)
    )
    reused.full_clean()
    reused.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Commune.objects.create(
            code="18073", name="Phường trùng", province=province, kind="phuong", valid_from=datetime.date(2026, 1, 1)
        )


def test_overlapping_periods_are_refused_in_forms(province):
    Commune.objects.create(
        code="18100", name="Phường Thạch Hạ", province=province, kind="phuong", valid_until=datetime.date(2025, 7, 1)
    )
    overlapping = Commune(
        code="18100",
        name="Phường Trần Phú",
        province=province,
        kind="phuong",
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert "code" in error.value.message_dict


def test_a_merged_commune_remembers_what_it_was_formed_from(province, commune, second_commune):
    merged = Commune.objects.create(code="18262", name="Xã Đức Thọ mới", province=province, kind="xa")
    merged.formed_from.set([commune, second_commune])
    assert merged.district is None
    assert set(commune.succeeded_by.all()) == {merged}


def test_names_sort_in_vietnamese_order(province):
    for code, name in [("1", "Xã Đức Lạng"), ("2", "Xã Dương Thủy"), ("3", "Xã Ân Phú"), ("4", "Xã An Lộc")]:
        Commune.objects.create(code=code, name=name, province=province)
    assert list(Commune.objects.values_list("name", flat=True)) == [
        "Xã An Lộc",
        "Xã Ân Phú",
        "Xã Dương Thủy",
        "Xã Đức Lạng",
    ]


def test_xa_is_in_programme_by_default_and_wards_are_not():
    assert Commune.default_in_programme("xa") is True
    assert Commune.default_in_programme("phuong") is False


def test_meets_is_computed_from_the_commune_region_and_year(commune, small_set):
    income = Indicator.objects.get(criterion__criteria_set=small_set, code="2.1")
    row = Assessment(commune=commune, indicator=income, year=2013)
    row.set_value(Decimal("16"))
    assert assessment_refresh_meets(row).meets is True  # 2013 threshold 15
    row.year = 2014
    assert assessment_refresh_meets(row).meets is False  # 2014 threshold 17


def test_province_override_tightens_a_target_and_recompute_follows(commune, small_set):
    paved = Indicator.objects.get(criterion__criteria_set=small_set, code="1.1")
    row = Assessment(commune=commune, indicator=paved, year=2014)
    row.set_value(Decimal("75"))
    assessment_refresh_meets(row).save()
    assert row.meets is True
    Target.objects.create(indicator=paved, target_class="BTB", province=commune.province, value=Decimal("80"))
    assert assessments_recompute(criteria_set=small_set) == 0  # creating the target recomputed it already
    row.refresh_from_db()
    assert row.meets is False


def test_province_override_looser_than_national_is_refused(province, small_set):
    paved = Indicator.objects.get(criterion__criteria_set=small_set, code="1.1")
    looser = Target(indicator=paved, target_class="BTB", province=province, value=Decimal("60"))
    with pytest.raises(ValidationError) as error:
        looser.full_clean()
    assert "value" in error.value.message_dict


def test_percentage_target_over_100_is_refused(small_set):
    paved = Indicator.objects.get(criterion__criteria_set=small_set, code="1.1")
    with pytest.raises(ValidationError):
        Target(indicator=paved, target_class="TN", value=Decimal("120")).full_clean()
