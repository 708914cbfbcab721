"""The named cast of every test: a small province, its people, and a tiny criteria set."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from accounts.models import Role
from accounts.services import user_create
from communes.models import Commune, District
from criteria import rules
from criteria.models import Band, CriteriaSet, Criterion, CriterionGroup, Indicator, Target
from provinces.models import Province, Region

PASSWORD = "Mat-khau-2014!"


@pytest.fixture
def region(db) -> Region:
    return Region.objects.create(code="BTB", name="Bắc Trung Bộ")


@pytest.fixture
def other_region(db) -> Region:
    return Region.objects.create(code="DBSH", name="Đồng bằng sông Hồng")


@pytest.fixture
def province(region) -> Province:
    return Province.objects.create(code="42", name="Tỉnh Hà Tĩnh", region=region, report_cutoff=7)


@pytest.fixture
def district(province) -> District:
    return District.objects.create(code="440", name="Huyện Đức Thọ", province=province, kind="huyen")


@pytest.fixture
def other_district(province) -> District:
    return District.objects.create(code="449", name="Huyện Kỳ Anh", province=province, kind="huyen")


@pytest.fixture
def commune(district) -> Commune:
    return Commune.objects.create(code="18256", name="Xã Tùng Ảnh", province=district.province, district=district)


@pytest.fixture
def second_commune(district) -> Commune:
    return Commune.objects.create(code="18259", name="Xã Đức Lạng", province=district.province, district=district)


@pytest.fixture
def other_commune(other_district) -> Commune:
    return Commune.objects.create(
        code="18760", name="Xã Kỳ Tây", province=other_district.province, district=other_district
    )


def _user(username: str, role: str, district=None):
    return user_create(username=username, password=PASSWORD, role=role, district=district)


@pytest.fixture
def office(db):
    return _user("van_phong", Role.OFFICE)


@pytest.fixture
def district_officer(district):
    return _user("can_bo_duc_tho", Role.DISTRICT, district)


@pytest.fixture
def other_district_officer(other_district):
    return _user("can_bo_ky_anh", Role.DISTRICT, other_district)


@pytest.fixture
def leadership(db):
    return _user("ban_chi_dao", Role.LEADERSHIP)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def small_set(db, region) -> CriteriaSet:
    """Three criteria, four indicators of every kind; targets by region, by year and province-wide."""
    criteria_set = CriteriaSet.objects.create(
        code="TEST_2013",
        title="Bộ tiêu chí thử",
        decision_number="342/QĐ-TTg",
        decision_date=datetime.date(2013, 2, 20),
        year_from=2013,
        year_to=2015,
    )
    group = CriterionGroup.objects.create(criteria_set=criteria_set, code="I", name="Hạ tầng", order=0)
    roads = Criterion.objects.create(criteria_set=criteria_set, group=group, number=1, name="Giao thông")
    income = Criterion.objects.create(criteria_set=criteria_set, group=group, number=2, name="Thu nhập")
    poverty = Criterion.objects.create(criteria_set=criteria_set, group=group, number=3, name="Hộ nghèo")
    paved = Indicator.objects.create(criterion=roads, code="1.1", text="Đường trục xã", kind=rules.PERCENTAGE, unit="%")
    plan = Indicator.objects.create(criterion=roads, code="1.2", text="Quy hoạch", kind=rules.BOOLEAN, comparator="==")
    money = Indicator.objects.create(
        criterion=income, code="2.1", text="Thu nhập bình quân", kind=rules.MONEY, unit="triệu đồng"
    )
    poor = Indicator.objects.create(
        criterion=poverty, code="3.1", text="Tỷ lệ hộ nghèo", kind=rules.PERCENTAGE, comparator="<", unit="%"
    )
    Target.objects.create(indicator=paved, target_class="BTB", value=Decimal("70"))
    Target.objects.create(indicator=paved, target_class="DBSH", value=Decimal("100"))
    Target.objects.create(indicator=plan, value=1)
    Target.objects.create(indicator=money, target_class="BTB", from_year=2013, value=Decimal("15"))
    Target.objects.create(indicator=money, target_class="BTB", from_year=2014, value=Decimal("17"))
    Target.objects.create(indicator=poor, target_class="BTB", value=Decimal("7"))
    for label, low, high in [("3", 3, 3), ("1-2", 1, 2), ("0", 0, 0)]:
        Band.objects.create(criteria_set=criteria_set, label=label, min_met=low, max_met=high)
    return criteria_set


@pytest.fixture
def ind(small_set) -> dict[str, Indicator]:
    """The small set's indicators by code: 1.1 percentage, 1.2 yes/no, 2.1 money, 3.1 percentage (lower is better)."""
    return {i.code: i for i in Indicator.objects.filter(criterion__criteria_set=small_set)}


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language (Vietnamese), as a fresh process does: a request of an earlier
    test on the same process (an English page, say) leaves its language active in the thread."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and evidence files go to a fresh MEDIA_ROOT per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
