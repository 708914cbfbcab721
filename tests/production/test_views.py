"""Production models and enterprises: entry by role, Vietnamese numbers and messages, filters, sorting, pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from production.models import Enterprise, ModelYear, ProductionModel, SizeThresholds
from tests.conftest import client_for
from tests.resources_fixtures import make_model

YEAR = 2014


def _model_data(commune, **overrides) -> dict:
    data = {
        "name": "Trang trại lợn Tùng Ảnh",
        "commune": commune.pk,
        "owner_kind": "farm",
        "owner_name": "Nguyễn Văn A",
        "sector": "livestock",
        "start_year": "2012",
        "supported": "on",
        "support_policy": "QĐ 12/2013",
        "note": "",
        "years-TOTAL_FORMS": "1",
        "years-INITIAL_FORMS": "0",
        "years-0-year": str(YEAR),
        "years-0-revenue": "1.234,5",
        "years-0-profit": "150,25",
        "years-0-jobs": "12",
        "years-0-households": "4",
    }
    data.update(overrides)
    return data


def test_district_officer_enters_a_model_with_vietnamese_numbers(district_officer, commune, thresholds):
    response = client_for(district_officer).post(reverse("production:model_create"), _model_data(commune))
    model = ProductionModel.objects.get()
    assert response.status_code == 302 and response["Location"] == model.get_absolute_url()
    figures = ModelYear.objects.get(model=model)
    assert (figures.revenue, figures.profit, figures.jobs) == (Decimal("1234.5"), Decimal("150.25"), 12)
    assert model.created_by == district_officer
    page = client_for(district_officer).get(model.get_absolute_url()).content.decode()
    assert "1.234,5" in page and 'data-year="2014"' in page


def test_a_bad_value_names_its_field_and_saves_nothing(district_officer, commune, thresholds):
    data = _model_data(commune, **{"years-0-revenue": "1.500", "start_year": "2015"})
    response = client_for(district_officer).post(reverse("production:model_create"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "doanh thu (triệu đồng): " in text.lower()  # the field's label leads the message
    assert "1.500" in text  # what was typed comes back
    assert not ProductionModel.objects.exists()


def test_figures_before_the_start_year_are_refused(district_officer, commune, thresholds):
    data = _model_data(commune, start_year="2015")
    response = client_for(district_officer).post(reverse("production:model_create"), data)
    assert response.status_code == 400
    assert "trước năm bắt đầu" in response.content.decode()
    assert not ProductionModel.objects.exists()


def test_a_policy_without_support_is_refused(office, commune, thresholds):
    data = _model_data(commune)
    del data["supported"]
    response = client_for(office).post(reverse("production:model_create"), data)
    assert response.status_code == 400
    assert not ProductionModel.objects.exists()


def test_district_officer_cannot_enter_a_model_for_another_district(district_officer, other_commune, thresholds):
    response = client_for(district_officer).post(reverse("production:model_create"), _model_data(other_commune))
    assert response.status_code == 400  # the commune is not among the choices
    assert not ProductionModel.objects.exists()


def test_district_officer_cannot_edit_another_districts_model(other_district_officer, commune, thresholds):
    model = make_model(commune, revenue=300)
    client = client_for(other_district_officer)
    assert client.get(reverse("production:model_edit", args=[model.pk])).status_code == 403
    assert client.post(reverse("production:model_delete", args=[model.pk])).status_code == 403
    assert ProductionModel.objects.filter(pk=model.pk).exists()


def test_leadership_reads_and_cannot_add(leadership, commune, thresholds):
    make_model(commune, revenue=300)
    client = client_for(leadership)
    page = client.get(reverse("production:model_list"), {"year": YEAR}).content.decode()
    assert "Mô hình" in page and 'id="add-model"' not in page
    assert client.get(reverse("production:model_create")).status_code == 403


def test_the_list_filters_by_size_and_sorts_by_revenue(office, commune, second_commune, thresholds):
    for name, revenue in [("Nhỏ", 150), ("Vừa", 600), ("Lớn", 2500), ("Dưới", 50)]:
        make_model(commune, revenue=revenue, name=name)
    make_model(second_commune, revenue=800, name="Vừa hai")
    client = client_for(office)
    url = reverse("production:model_list")
    medium = client.get(url, {"year": YEAR, "size": "medium", "sort": "-revenue"}).content.decode()
    assert medium.index("Vừa hai") < medium.index("Vừa<") if "Vừa<" in medium else True
    assert "Lớn" not in medium and "Nhỏ" not in medium
    page = client.get(url, {"year": YEAR, "size": "none"}).context["page_obj"]
    assert [m.name for m in page] == ["Dưới"]
    ordered = client.get(url, {"year": YEAR, "sort": "-revenue"}).context["page_obj"]
    assert [m.name for m in ordered] == ["Lớn", "Vừa hai", "Vừa", "Nhỏ", "Dưới"]


def test_the_list_searches_without_accents(office, commune, thresholds):
    make_model(commune, revenue=200, name="Mô hình nuôi tôm thẻ")
    make_model(commune, revenue=200, name="Vườn cam")
    page = client_for(office).get(reverse("production:model_list"), {"year": YEAR, "q": "nuoi tom"})
    assert [m.name for m in page.context["page_obj"]] == ["Mô hình nuôi tôm thẻ"]


def test_the_list_pages_by_fifty(office, commune, thresholds):
    for i in range(55):
        make_model(commune, revenue=200, name=f"M{i:02d}")
    client = client_for(office)
    first = client.get(reverse("production:model_list"), {"year": YEAR})
    assert len(first.context["page_obj"]) == 50
    second = client.get(reverse("production:model_list"), {"year": YEAR, "page": 2})
    assert len(second.context["page_obj"]) == 5


def test_office_adds_a_threshold_version_and_district_officers_cannot(office, district_officer, thresholds):
    data = {
        "valid_from": "01/01/2016",
        "counting_floor": "100",
        "floor_verified": "on",
        "medium_from": "600",
        "large_from": "1.500,5",
        "target_share": "80",
        "source": "",
        "note": "",
    }
    assert client_for(district_officer).post(reverse("production:thresholds"), data).status_code == 403
    response = client_for(office).post(reverse("production:thresholds"), data)
    assert response.status_code == 302
    version = SizeThresholds.objects.get(valid_from__year=2016)
    assert version.large_from == Decimal("1500.5") and not version.sizes_verified


def test_thresholds_must_increase(office, thresholds):
    data = {
        "valid_from": "01/01/2016",
        "counting_floor": "100",
        "medium_from": "90",
        "large_from": "50",
        "target_share": "75",
    }
    response = client_for(office).post(reverse("production:thresholds"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "trên ngưỡng tính" in text and "trên ngưỡng vừa" in text
    assert not SizeThresholds.objects.filter(valid_from__year=2016).exists()


def test_the_default_thresholds_are_flagged_unverified(leadership, thresholds):
    page = client_for(leadership).get(reverse("production:thresholds")).content.decode()
    assert "chưa được kiểm chứng" in page


def _enterprise_data(commune, **overrides) -> dict:
    data = {
        "name": "Công ty TNHH Đức Thọ",
        "kind": "enterprise",
        "commune": commune.pk,
        "tax_code": "3001 234 567",
        "registration_number": "",
        "founded_on": "15/03/2013",
        "closed_on": "",
        "sector": "processing",
        "members": "",
        "employees": "25",
        "note": "",
    }
    data.update(overrides)
    return data


def test_an_enterprise_is_saved_with_its_tax_code_without_spaces(district_officer, commune):
    response = client_for(district_officer).post(reverse("production:enterprise_create"), _enterprise_data(commune))
    assert response.status_code == 302
    assert Enterprise.objects.get().tax_code == "3001234567"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"tax_code": "30012345"}, "mã số thuế"),
        ({"tax_code": ""}, "cần có mã số thuế"),
        ({"closed_on": "01/01/2012"}, "trước ngày thành lập"),
    ],
)
def test_enterprise_errors_name_the_field(district_officer, commune, overrides, message):
    response = client_for(district_officer).post(
        reverse("production:enterprise_create"), _enterprise_data(commune, **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode().lower()
    assert not Enterprise.objects.exists()


def test_a_tax_code_is_used_once(office, commune, second_commune):
    client = client_for(office)
    client.post(reverse("production:enterprise_create"), _enterprise_data(commune))
    response = client.post(reverse("production:enterprise_create"), _enterprise_data(second_commune, name="Khác"))
    assert response.status_code == 400
    assert Enterprise.objects.count() == 1


def test_a_cooperative_keeps_its_registration_number_as_written(office, commune):
    data = _enterprise_data(commune, kind="cooperative", tax_code="", registration_number="  27.07.000123  ")
    assert client_for(office).post(reverse("production:enterprise_create"), data).status_code == 302
    assert Enterprise.objects.get().registration_number == "27.07.000123"
