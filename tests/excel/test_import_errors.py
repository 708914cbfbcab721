"""Each import error, found in a real small workbook; any error means nothing is written."""

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.db import IntegrityError
from django.utils.translation import gettext

from communes.models import Assessment
from communes.services import assessments_import
from excel.importer import ImportRefused, import_apply, import_plan
from excel.layout import grid_for
from excel.template import template_workbook

from .conftest import YEAR, cell, codes, data_sheet, load, save, stored


def VALUES() -> str:  # noqa: N802 - the data sheet's title as the importer writes it, in the active language
    return gettext("Values")


def COMMUNE_CODE() -> str:  # noqa: N802
    return gettext("Commune code")


@pytest.fixture
def template(district, recorded):
    """The district's template, opened for editing."""
    return load(template_workbook(grid_for(year=YEAR, district=district)))


def plan_of(workbook_or_bytes, user, district=None, year: int = YEAR):
    data = workbook_or_bytes if isinstance(workbook_or_bytes, bytes) else save(workbook_or_bytes)
    return import_plan(data=data, name="values.xlsx", year=year, user=user, district=district)


def where(plan) -> list[tuple[str, int, str, str]]:
    """(sheet, row, column, header) of each error."""
    return [(e.sheet, e.row, e.column, e.header) for e in plan.errors]


def row_of(workbook, commune_code: str) -> int:
    return cell(workbook, commune_code, "1.1").row


def add_row(workbook, values: list) -> int:
    sheet = data_sheet(workbook)
    sheet.append(values)
    return sheet.max_row


def test_unknown_commune_code(template, office, district):
    row = add_row(template, ["99999", "Xã Không Có", "", 50])

    plan = plan_of(template, office, district)

    assert where(plan) == [(VALUES(), row, "A", COMMUNE_CODE())]
    assert "99999" in plan.errors[0].message
    assert plan.changes == []


def test_commune_of_another_district(template, office, district, other_commune):
    row = add_row(template, ["18760", "Xã Kỳ Tây", "", 50])

    plan = plan_of(template, office, district)

    assert where(plan) == [(VALUES(), row, "A", COMMUNE_CODE())]


def test_district_officer_cannot_import_another_districts_communes(other_district_officer, recorded):
    province_matrix = load(template_workbook(grid_for(year=YEAR)))
    cell(province_matrix, "18256", "1.1").value = 90
    cell(province_matrix, "18760", "1.1").value = 90

    plan = plan_of(province_matrix, other_district_officer)

    rows_of_duc_tho = sorted(row_of(province_matrix, code) for code in ("18256", "18259"))
    assert where(plan) == [(VALUES(), row, "A", COMMUNE_CODE()) for row in rows_of_duc_tho]


def test_text_in_a_number(template, office, district):
    cell(template, "18256", "1.1").value = "khoảng 80"
    cell(template, "18259", "2.1").value = "20 triệu"

    plan = plan_of(template, office, district)

    assert where(plan) == [
        (VALUES(), row_of(template, "18259"), "F", "2.1"),
        (VALUES(), row_of(template, "18256"), "D", "1.1"),
    ]


@pytest.mark.parametrize("value", [100.5, "120", -5, "-0,5"])
def test_percentage_outside_0_to_100(template, office, district, value):
    cell(template, "18256", "1.1").value = value

    plan = plan_of(template, office, district)

    assert where(plan) == [(VALUES(), row_of(template, "18256"), "D", "1.1")]


def test_negative_money_and_a_bad_yes_no(template, office, district):
    cell(template, "18256", "2.1").value = -1
    cell(template, "18256", "1.2").value = "có lẽ"

    plan = plan_of(template, office, district)

    assert sorted(where(plan)) == [(VALUES(), row_of(template, "18256"), c, h) for c, h in (("E", "1.2"), ("F", "2.1"))]


def test_value_for_an_indicator_not_in_the_years_set(template, office, district):
    sheet, keys = data_sheet(template), codes(template)
    sheet.cell(row=keys["code_row"], column=5).value = "9.9"

    plan = plan_of(template, office, district)

    assert where(plan) == [(VALUES(), keys["code_row"], "E", "9.9")]
    assert "9.9" in plan.errors[0].message


def test_duplicate_commune_row(template, office, district):
    first = row_of(template, "18256")
    row = add_row(template, ["18256", "Xã Tùng Ảnh", "", 80])

    plan = plan_of(template, office, district)

    assert where(plan) == [(VALUES(), row, "A", COMMUNE_CODE())]
    assert str(first) in plan.errors[0].message


def test_formula_without_a_saved_value(template, office, district):
    cell(template, "18256", "1.1").value = "=70+5"  # openpyxl saves formulas without a value

    plan = plan_of(template, office, district)

    assert where(plan) == [(VALUES(), row_of(template, "18256"), "D", "1.1")]


def test_formula_with_a_saved_value_is_imported_as_that_value(template, office, district, commune, ind):
    cell(template, "18256", "1.1").value = "=70+5"
    data = _with_saved_formula_value(save(template), "75")

    plan = plan_of(data, office, district)
    import_apply(plan, user=office)

    assert Assessment.objects.get(commune=commune, indicator=ind["1.1"], year=YEAR).percent == Decimal("75")


def _with_saved_formula_value(data: bytes, value: str) -> bytes:
    """Add the value Excel would have saved beside the formula, as a cached <v>."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                part, count = re.subn(rb"(<f>70\+5</f>)(<v\s*/>|<v></v>)?", rb"\1<v>" + value.encode() + b"</v>", part)
                assert count in (0, 1)
            out.writestr(info, part)
    return target.getvalue()


def test_workbook_for_another_year(district, recorded, office):
    data = template_workbook(grid_for(year=2013, district=district))

    plan = plan_of(data, office, district)

    assert where(plan) == [("_codes", 0, "", "")]


def test_workbook_not_made_from_a_template(office, district, recorded):
    workbook = openpyxl.Workbook()
    workbook.active.append(["18256", "Xã Tùng Ảnh", "", 80])

    plan = plan_of(workbook, office, district)

    assert where(plan) == [("_codes", 0, "", "")]


def test_every_error_is_reported_and_nothing_is_written(template, office, district):
    cell(template, "18256", "1.1").value = 99  # valid on its own
    cell(template, "18259", "1.1").value = 101
    add_row(template, ["99999", "", "", "abc"])
    before = stored()

    plan = plan_of(template, office, district)

    assert len(plan.errors) == 3 and plan.changes == []
    with pytest.raises(ImportRefused):
        import_apply(plan, user=office)
    assert stored() == before


@pytest.mark.parametrize("copy", [True, False])
def test_a_write_failing_halfway_leaves_nothing_written(
    small_set, commune, second_commune, ind, office, recorded, monkeypatch, copy
):
    if not copy:
        monkeypatch.setattr("communes.services.COPY_VENDORS", set())
    values = {
        commune.pk: {ind["1.1"].pk: Decimal("99")},
        second_commune.pk: {ind["1.1"].pk: Decimal("101")},  # the database refuses a percentage over 100
    }

    with pytest.raises(IntegrityError):
        assessments_import(year=YEAR, criteria_set=small_set, values=values, user=office)

    assert stored() == recorded


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("85,5", "1.1", Decimal("85.5")),
        ("85.5", "1.1", Decimal("85.5")),
        ("85,5 %", "1.1", Decimal("85.5")),
        ("1.234,5", "2.1", Decimal("1234.5")),
        ("Đạt", "1.2", True),
        ("không đạt", "1.2", False),
        ("x", "1.2", True),
        ("YES", "1.2", True),
        (0, "1.2", False),
        ("Có", "1.2", True),
        ("Không", "1.2", False),
        ("No", "1.2", False),  # the English template's words
        ("Yes", "1.2", True),
        (85.5, "1.1", Decimal("85.5")),  # number cells, not text
        (70, "1.1", Decimal("70")),
        (1234.56789, "2.1", Decimal("1234.568")),
    ],
)
def test_accepted_ways_of_writing_values(template, office, district, commune, ind, typed, kind, value):
    cell(template, "18256", kind).value = typed

    import_apply(plan_of(template, office, district), user=office)

    assert Assessment.objects.get(commune=commune, indicator=ind[kind], year=YEAR).value == value


def test_a_damaged_sheet_inside_a_sound_zip_is_reported(template, office, district):
    data = save(template)
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = part[: len(part) // 2]  # the XML stops in the middle of a row
            out.writestr(info, part)

    plan = plan_of(target.getvalue(), office, district)

    assert where(plan) == [("", 0, "", "")]
    assert plan.changes == []


def test_a_code_reused_within_the_year_goes_to_the_commune_the_file_names(template, office, district, commune, ind):
    import datetime

    from communes.models import Commune

    Commune.objects.filter(pk=commune.pk).update(valid_until=datetime.date(YEAR, 7, 1))
    successor = Commune.objects.create(
        code=commune.code,
        name="Xã Tùng Ảnh mới",
        province=district.province,
        district=district,
        valid_from=datetime.date(YEAR, 7, 1),
    )
    cell(template, "18256", "1.1").value = 88  # the template was made before the merger: it names the old commune

    import_apply(plan_of(template, office, district), user=office)

    assert Assessment.objects.get(commune=commune, indicator=ind["1.1"], year=YEAR).percent == Decimal("88")
    assert not Assessment.objects.filter(commune=successor).exists()


@pytest.mark.parametrize(
    ("typed", "kind", "readings"),
    [
        ("25.500", "1.1", ("25,5", "25500")),  # the case: 25,5 % or 25500?
        ("1.250", "2.1", ("1,25", "1250")),  # the same kind: an amount with one dot and three digits after it
    ],
)
def test_a_number_typed_with_one_dot_and_three_digits_is_refused_with_both_readings(
    template, office, district, commune, ind, typed, kind, readings, recorded
):
    target = cell(template, "18256", kind)
    target.value = typed

    plan = plan_of(template, office, district)

    assert [(e.row, e.column) for e in plan.errors] == [(target.row, target.column_letter)]
    message = plan.errors[0].message
    assert typed in message and all(reading in message for reading in readings)
    assert stored() == recorded
