"""The resources table: template, import with preview and confirm (atomic, errors by sheet, row, column), export."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from capital.models import CapitalLine
from capital.services import CapitalChanged, CellChange, capital_lines_import
from excel.capital import CODES_SHEET, Scope, capital_plan, capital_table, capital_template
from tests.capital.helpers import line, source
from tests.conftest import client_for

YEAR = 2014
COLUMNS = {"plan": "C", "h1": "D", "h2": "E"}


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(workbook, code: str) -> int:
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == code:
            return row[0].row
    raise KeyError(code)


def put(workbook, code: str, column: str, value) -> tuple[int, str]:
    number = row_of(workbook, code)
    workbook.worksheets[0][f"{COLUMNS[column]}{number}"] = value
    return number, COLUMNS[column]


@pytest.fixture
def template(source_sets, district):
    return load(capital_template(year=YEAR, scope=Scope(level="district", district=district)))


def test_the_template_has_the_rows_and_columns_of_the_resources_table(template, source_sets):
    sheet = template.worksheets[0]
    codes = [row[0] for row in sheet.iter_rows(min_row=row_of(template, "I"), max_col=1, values_only=True)]
    assert codes == [
        "I",
        "I.1",
        "I.2",
        "I.3",
        "II",
        "II.1",
        "II.2",
        "II.3",
        "III",
        "IV",
        "V",
        "VI",
        "VI.1",
        "VI.2",
        "VII",
    ]
    header = [c.value for c in sheet[row_of(template, "I") - 1]][:5]
    assert header == ["Mã", "Nguồn vốn", "Kế hoạch năm", "Kết quả huy động 6 tháng", "Kế hoạch 6 tháng cuối năm"]
    assert template[CODES_SHEET].sheet_state == "hidden"


def test_a_filled_template_previews_then_writes_every_cell(source_sets, district, district_officer, template):
    put(template, "I.2", "plan", 1500.5)
    put(template, "I.2", "h1", "612,3")  # text typed the Vietnamese way
    put(template, "VI.2", "h2", 40)
    put(template, "I", "plan", 1500.5)  # a total equal to its sub-rows is accepted
    plan = capital_plan(data=save(template), name="bieu.xlsx", year=YEAR, user=district_officer)
    assert plan.ok, plan.errors
    assert plan.counts.created == 3 and not CapitalLine.objects.exists()
    client = client_for(district_officer)
    upload = io.BytesIO(save(template))
    upload.name = "bieu-07.xlsx"
    response = client.post(reverse("excel:capital_upload"), {"year": YEAR, "file": upload})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and 'data-source="I.2"' in preview.content.decode()
    assert not CapitalLine.objects.exists()
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    lines = {(ln.source.code, ln.kind, ln.period): ln for ln in CapitalLine.objects.select_related("source")}
    assert lines[("I.2", "plan", "year")].amount == Decimal("1500.50")
    assert lines[("I.2", "mobilised", "h1")].amount == Decimal("612.30")
    assert lines[("VI.2", "plan", "h2")].in_kind
    assert all(ln.level == "district" and ln.district == district and ln.unit == "" for ln in lines.values())


def test_every_error_names_sheet_row_and_column_and_nothing_is_written(source_sets, district, office, template):
    line(source_sets, "IV", 900, district=district, kind="plan")
    bad = {
        put(template, "I.1", "plan", "mười"): "không phải là số",
        put(template, "I.3", "h1", -5): "không được là số âm",
        put(template, "II", "plan", 999): "là dòng tổng",
    }
    put(template, "IV", "plan", 1000)  # a good change in the same file
    sheet = template.worksheets[0]
    sheet.cell(row=sheet.max_row + 1, column=1, value="IX")
    plan = capital_plan(data=save(template), name="bieu.xlsx", year=YEAR, user=office)
    found = {(e.row, e.column): e.message for e in plan.errors}
    for place, message in bad.items():
        assert message in found[place]
    assert any("IX" in e.message and e.column == "A" for e in plan.errors)
    assert all(e.sheet == "Nguồn lực" for e in plan.errors)
    assert plan.changes == []
    assert CapitalLine.objects.get().amount == Decimal(900)


def test_a_file_for_another_year_or_a_scope_the_user_may_not_change_is_refused(
    source_sets, district, other_district_officer, office, template
):
    data = save(template)
    plan = capital_plan(data=data, name="bieu.xlsx", year=2013, user=office)
    assert not plan.ok and "2014" in plan.errors[0].message
    plan = capital_plan(data=data, name="bieu.xlsx", year=YEAR, user=other_district_officer)
    assert not plan.ok and "Huyện Đức Thọ" in plan.errors[0].message


def test_a_workbook_not_made_by_the_app_is_refused(office, source_sets):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "I.1"
    plan = capital_plan(data=save(workbook), name="tu-lam.xlsx", year=YEAR, user=office)
    assert not plan.ok and "_codes" in plan.errors[0].message


def test_a_formula_without_a_saved_value_is_refused(office, district, template):
    put(template, "I.1", "plan", "=1+1")
    plan = capital_plan(data=save(template), name="bieu.xlsx", year=YEAR, user=office)
    assert not plan.ok and "công thức" in plan.errors[0].message


def test_an_empty_cell_clears_a_stored_amount_and_an_unchanged_one_is_left(source_sets, district, office):
    line(source_sets, "V", 300, district=district, kind="plan")
    line(source_sets, "VII", 12, district=district, kind="plan")
    workbook = load(capital_template(year=YEAR, scope=Scope(level="district", district=district)))
    assert workbook.worksheets[0][f"C{row_of(workbook, 'V')}"].value == 300  # pre-filled
    put(workbook, "V", "plan", None)
    plan = capital_plan(data=save(workbook), name="bieu.xlsx", year=YEAR, user=office)
    assert [(c.source.code, c.old, c.new) for c in plan.changes] == [("V", Decimal(300), None)]


def test_a_line_changed_since_the_preview_refuses_the_confirmation(source_sets, district, office, template):
    put(template, "III", "plan", 50)
    client = client_for(office)
    upload = io.BytesIO(save(template))
    upload.name = "bieu.xlsx"
    preview_url = client.post(reverse("excel:capital_upload"), {"year": YEAR, "file": upload})["Location"]
    client.get(preview_url)
    line(source_sets, "III", 70, district=district, kind="plan")  # someone enters it meanwhile
    response = client.post(preview_url)
    assert response.status_code == 409
    assert CapitalLine.objects.get().amount == Decimal(70)


def test_the_service_refuses_stale_changes(source_sets, district):
    stored = line(source_sets, "III", 70, district=district, kind="plan")
    change = CellChange(stored.source_id, "plan", "year", old=None, new=Decimal(50))
    with pytest.raises(CapitalChanged):
        capital_lines_import(
            year=YEAR, level="district", district_id=district.pk, commune_id=None, changes=[change], user=None
        )
    assert CapitalLine.objects.get().amount == Decimal(70)


def test_the_export_has_the_same_layout_with_every_level_and_no_formula(source_sets, district, commune):
    line(source_sets, "I.1", 100, district=district)
    line(source_sets, "I.1", 40, level="province")
    line(source_sets, "II.3", 5, level="commune", district=district, commune=commune)
    workbook = load(capital_table(year=YEAR))
    sheet = workbook.worksheets[0]
    number = row_of(workbook, "I")
    assert sheet[f"F{number}"].value == 140  # result, whole year: province + district
    assert sheet[f"F{row_of(workbook, 'II')}"].value == 5
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_the_upload_page_is_for_those_who_enter_capital(leadership, district_officer, source_sets):
    assert client_for(leadership).get(reverse("excel:capital_upload")).status_code == 403
    page = client_for(district_officer).get(reverse("excel:capital_upload")).content.decode()
    assert 'id="template-form"' in page


def test_a_district_officer_downloads_the_template_of_a_commune_of_the_district(
    district_officer, commune, other_commune, source_sets
):
    client = client_for(district_officer)
    url = reverse("excel:capital_template")
    ok = client.get(url, {"year": YEAR, "level": "commune", "commune": commune.pk})
    assert ok.status_code == 200 and ok["Content-Type"].startswith("application/vnd.openxmlformats")
    refused = client.get(url, {"year": YEAR, "level": "commune", "commune": other_commune.pk})
    assert refused.status_code == 400  # not among the district officer's communes
    assert client.get(url, {"year": YEAR, "level": "province"}).status_code == 403
    assert source(source_sets, "VI.2").in_kind


def test_a_capital_upload_never_opens_in_the_assessment_preview(source_sets, district, office, template):
    client = client_for(office)
    upload = io.BytesIO(save(template))
    upload.name = "bieu.xlsx"
    preview_url = client.post(reverse("excel:capital_upload"), {"year": YEAR, "file": upload})["Location"]
    token = preview_url.rstrip("/").split("/")[-1]
    assert client.get(reverse("excel:import_preview", args=[token])).status_code == 404
    assert client.get(preview_url).status_code == 200
