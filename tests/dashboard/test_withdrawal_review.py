"""The dashboard's withdrawal review (from 2022) and re-evaluation lists, read from the score summary."""

import datetime

import pytest
from django.urls import reverse

from communes.models import Assessment, Commune
from communes.summary import scores_rebuild
from criteria import rules
from criteria.models import Band, CriteriaSet, Criterion, Indicator, Target
from tests.conftest import client_for

NAMES = ["Thu nhập", "Môi trường và an toàn thực phẩm"] + [f"Tiêu chí {n}" for n in range(3, 11)]


@pytest.fixture
def set_2022(db):
    """Ten criteria, one yes/no indicator each; 1 (income) and 2 (environment) are key criteria."""
    criteria_set = CriteriaSet.objects.create(
        code="TEST_2022", title="Bộ 2022", decision_number="318/QĐ-TTg", year_from=2021, year_to=2025
    )
    for number, name in enumerate(NAMES, start=1):
        criterion = Criterion.objects.create(criteria_set=criteria_set, number=number, name=name)
        indicator = Indicator.objects.create(
            criterion=criterion, code=f"{number}.1", text=name, kind=rules.BOOLEAN, comparator="=="
        )
        Target.objects.create(indicator=indicator, value=1)
    Band.objects.create(criteria_set=criteria_set, label="10", min_met=10, max_met=10)
    Band.objects.create(criteria_set=criteria_set, label="0-9", min_met=0, max_met=9)
    return criteria_set


def _commune(district, code: str, name: str, missed: set[int], year: int, recognised: int | None = 2019):
    commune = Commune.objects.create(
        code=code,
        name=name,
        province=district.province,
        district=district,
        recognition_decision="1/QĐ-UBND" if recognised else "",
        recognition_date=datetime.date(recognised, 12, 1) if recognised else None,
    )
    for indicator in Indicator.objects.filter(criterion__criteria_set__code="TEST_2022"):
        ok = indicator.criterion.number not in missed
        Assessment.objects.create(commune=commune, indicator=indicator, year=year, yes_no=ok, meets=ok)
    return commune


@pytest.fixture
def world(province, district, other_district, set_2022):
    cases = {
        "70001": ("Xã Ba Mươi Khóa", {1, 5, 6}),  # 30 % with income: flagged
        "70002": ("Xã Ba Mươi Thường", {5, 6, 7}),  # 30 % without a key criterion: not flagged
        "70003": ("Xã Một Nửa", {3, 4, 5, 6, 7}),  # 50 %: flagged
        "70004": ("Xã Đủ", set()),  # meets everything
    }
    for year in (2021, 2022):
        for code, (name, missed) in cases.items():
            commune = Commune.objects.filter(code=code).first()
            if commune is None:
                _commune(district, code, name, missed, year)
            else:
                for indicator in Indicator.objects.filter(criterion__criteria_set__code="TEST_2022"):
                    ok = indicator.criterion.number not in missed
                    Assessment.objects.create(commune=commune, indicator=indicator, year=year, yes_no=ok, meets=ok)
    _commune(other_district, "70005", "Xã Mới", {1, 2, 3, 4, 5, 6}, 2022, recognised=None)  # never recognised
    _commune(other_district, "70006", "Xã Lâu Năm", set(), 2022, recognised=2016)
    scores_rebuild(province=province)


def test_withdrawal_review_lists_flagged_communes_with_the_reason(office, world):
    data = client_for(office).get(reverse("dashboard:api"), {"year": 2022}).json()
    assert data["withdrawal_rule"] is True
    rows = {r["code"]: r for r in data["withdrawal_review"]}
    assert set(rows) == {"70001", "70003"}
    assert rows["70001"]["reason"] == "key_criterion" and rows["70001"]["key_criteria_missed"] == [1]
    assert rows["70003"]["reason"] == "half_or_more" and rows["70003"]["criteria_missed"] == [3, 4, 5, 6, 7]
    assert data["withdrawal_review_total"] == 2


def test_a_district_with_thirty_per_cent_flagged_is_named(office, world, district, other_district):
    data = client_for(office).get(reverse("dashboard:api"), {"year": 2022}).json()
    # Đức Thọ: 2 of 4 communes flagged (50 %); Kỳ Anh: none of its 2
    assert data["withdrawal_review_districts"] == [
        {"code": district.code, "name": district.name, "flagged": 2, "communes": 4}
    ]


def test_the_page_shows_the_review_instead_of_fell_back(office, world):
    page = client_for(office).get(reverse("dashboard:home"), {"year": 2022}).content.decode()
    assert 'id="withdrawal-table"' in page and 'id="fell-back-table"' not in page
    assert 'data-commune="70001" data-reason="key_criterion"' in page
    assert 'data-commune="70003" data-reason="half_or_more"' in page
    assert 'id="withdrawal-districts"' in page


def test_before_2022_the_fell_back_list_stays(office, world):
    client = client_for(office)
    page = client.get(reverse("dashboard:home"), {"year": 2021}).content.decode()
    assert 'id="fell-back-table"' in page and 'id="withdrawal-table"' not in page
    assert client.get(reverse("dashboard:api"), {"year": 2021}).json()["withdrawal_review"] == []


def test_communes_recognised_five_years_ago_are_listed_for_re_evaluation(office, world):
    data = client_for(office).get(reverse("dashboard:api"), {"year": 2022}).json()
    assert [r["code"] for r in data["reevaluation"]] == ["70006"]  # 2016; the others were recognised in 2019
    page = client_for(office).get(reverse("dashboard:home"), {"year": 2024}).content.decode()
    assert 'id="reevaluation-list"' in page and 'data-commune="70001"' in page  # 2019 + 5
