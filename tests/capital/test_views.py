"""Capital lines by form: Vietnamese amounts, who may enter which level, the list and the report page."""

from decimal import Decimal

from django.urls import reverse

from capital.models import CapitalLine
from tests.capital.helpers import line, source
from tests.conftest import client_for


def _data(source_sets, **overrides) -> dict:
    data = {
        "year": "2014",
        "period": "year",
        "kind": "mobilised",
        "level": "district",
        "district": "",
        "commune": "",
        "unit": "",
        "source": source(source_sets, "VI.1").pk,
        "amount": "1.234,5",
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_district_officer_enters_a_line_of_the_district(district_officer, district, source_sets):
    response = client_for(district_officer).post(reverse("capital:create"), _data(source_sets, district=district.pk))
    assert response.status_code == 302
    saved = CapitalLine.objects.get()
    assert (saved.amount, saved.district, saved.entered_by) == (Decimal("1234.5"), district, district_officer)


def test_a_district_officer_cannot_enter_the_province_level_or_another_district(
    district_officer, other_district, source_sets
):
    client = client_for(district_officer)
    province = client.post(reverse("capital:create"), _data(source_sets, level="province"))
    assert province.status_code == 400 and "Chỉ Văn phòng điều phối" in province.content.decode()
    other = client.post(reverse("capital:create"), _data(source_sets, district=other_district.pk))
    assert other.status_code == 400
    assert not CapitalLine.objects.exists()


def test_a_commune_line_takes_its_district(office, commune, source_sets):
    data = _data(source_sets, level="commune", commune=commune.pk, source=source(source_sets, "VI.2").pk)
    assert client_for(office).post(reverse("capital:create"), data).status_code == 302
    saved = CapitalLine.objects.get()
    assert saved.district == commune.district and saved.in_kind


def test_a_source_of_another_period_is_refused_with_its_field(office, source_sets):
    data = _data(source_sets, level="province", source=source(source_sets, "I.1", "NTM_2021_2025").pk)
    response = client_for(office).post(reverse("capital:create"), data)
    assert response.status_code == 400
    assert "Nguồn vốn: Nguồn vốn này thuộc danh mục 2021-2025" in response.content.decode()


def test_an_ambiguous_amount_is_refused_and_comes_back(office, source_sets):
    response = client_for(office).post(reverse("capital:create"), _data(source_sets, level="province", amount="2.500"))
    assert response.status_code == 400
    assert 'value="2.500"' in response.content.decode()


def test_other_districts_officer_cannot_change_a_line(other_district_officer, district, source_sets):
    stored = line(source_sets, "IV", 10, district=district)
    client = client_for(other_district_officer)
    assert client.get(reverse("capital:edit", args=[stored.pk])).status_code == 403
    assert client.post(reverse("capital:delete", args=[stored.pk])).status_code == 403


def test_the_list_filters_by_category_and_exports_the_same_rows(leadership, district, source_sets):
    line(source_sets, "IV", 900, district=district)
    line(source_sets, "I.1", 100, district=district)
    client = client_for(leadership)
    page = client.get(reverse("capital:list"), {"category": "credit"})
    assert [ln.source.code for ln in page.context["page_obj"]] == ["IV"]
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("excel:capital_lines"), {"category": "credit"}).content)
    )
    values = [row for row in workbook.worksheets[0].iter_rows(values_only=True) if row and row[0] == "2014"]
    assert [row[7] for row in values] == ["IV"]


def test_the_report_page_shows_credit_apart(leadership, district, source_sets):
    line(source_sets, "IV", 600, district=district)
    line(source_sets, "I.1", 300, district=district)
    line(source_sets, "VI.1", 100, district=district)
    page = client_for(leadership).get(reverse("capital:report"), {"year": 2014}).content.decode()
    assert "1.000" in page  # the total
    assert "75,0%" in page  # the budget's share of the total without credit: 300 of 400
