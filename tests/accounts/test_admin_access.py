"""The admin follows the policy: office staff edit, leadership reads, district officers stay out."""

import pytest

from tests.conftest import client_for


@pytest.fixture
def province_urls(province):
    return {"list": "/admin/provinces/province/", "change": f"/admin/provinces/province/{province.pk}/change/"}


def test_office_staff_can_change_a_province(office, province, province_urls):
    client = client_for(office)
    response = client.post(
        province_urls["change"],
        {
            "code": "42",
            "name": "Tỉnh Hà Tĩnh (sửa)",
            "valid_from": "01/01/1900",
            "region": province.region_id,
            "report_cutoff": 7,
        },
    )
    assert response.status_code == 302
    province.refresh_from_db()
    assert province.name == "Tỉnh Hà Tĩnh (sửa)"


def test_leadership_sees_the_admin_read_only(leadership, province, province_urls):
    client = client_for(leadership)
    assert client.get(province_urls["list"]).status_code == 200
    response = client.post(province_urls["change"], {"code": "42", "name": "Đổi tên", "valid_from": "01/01/1900"})
    assert response.status_code == 403
    province.refresh_from_db()
    assert province.name == "Tỉnh Hà Tĩnh"


def test_district_officer_cannot_open_the_admin(district_officer, province_urls):
    response = client_for(district_officer).get(province_urls["list"])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_is_in_vietnamese_by_default(office):
    response = client_for(office).get("/admin/")
    page = response.content.decode()
    assert "quản trị" in page  # Django's own Vietnamese
    assert "Bộ tiêu chí" in page  # our models' Vietnamese names
    assert response["Content-Language"] == "vi"


def test_admin_flags_unverified_indicators_and_targets(office, small_set):
    from criteria.models import Indicator

    Indicator.objects.filter(code="1.2").update(verified=True)
    page = client_for(office).get("/admin/criteria/indicator/").content.decode()
    assert page.count("unverified-flag") == Indicator.objects.filter(verified=False).count()
    targets = client_for(office).get("/admin/criteria/target/").content.decode()
    assert "unverified-flag" in targets
