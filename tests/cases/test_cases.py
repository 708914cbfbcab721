"""Every real-world case in tests/fixtures/cases (README there), used as it is, and one made here of the same kind.

Each case's README row says what the product must do with the file; the test names say it again.
"""

import io
import json
import re
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from communes.divisions import DivisionsImportError, divisions_import
from communes.models import Commune
from criteria.loader import criteria_load
from excel.importer import import_plan
from excel.layout import grid_for
from excel.template import template_workbook
from provinces.models import Province

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"
HANOI = {"00379", "00382", "00385"}


def case(name: str) -> Path:
    return CASES / name


def imported_codes() -> set[str]:
    return set(Commune.objects.values_list("code", flat=True))


def gso_csv(text: str, tmp_path, name: str = "ds.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GSO_HEADER = ["Tỉnh / Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp"]
GSO_ROWS = [
    ["Tỉnh Hà Tĩnh", "42", "Huyện Đức Thọ", "440", "Xã Tùng Ảnh", "18256", "Xã"],
    ["Tỉnh Hà Tĩnh", "42", "Huyện Đức Thọ", "440", "Xã Đức Lạng", "18259", "Xã"],
]


# GSO lists -----------------------------------------------------------------------------------------------


def test_01_header_tinh_thanh_pho_without_slash_and_an_extra_column_imports(db):
    divisions_import(path_or_file=case("01-gso-header-tinh-thanh-pho.csv"))
    assert imported_codes() == HANOI


def test_01_kind_headers_in_capitals_without_accents_or_spaces_import(db, tmp_path):
    header = "TINH/THANH PHO,ma tp,QUẬN  HUYỆN,Mã-QH,phuong xa,MÃ PX,cap,Ghi chú\n"
    body = "".join(",".join(row) + ",\n" for row in GSO_ROWS)
    divisions_import(path_or_file=gso_csv(header + body, tmp_path))
    assert imported_codes() == {"18256", "18259"}


def test_02_semicolon_separated_list_imports(db):
    divisions_import(path_or_file=case("02-gso-semicolon.csv"))
    assert imported_codes() == HANOI


def test_02_kind_tab_separated_list_with_bom_imports(db, tmp_path):
    text = "\ufeff" + "\t".join(GSO_HEADER) + "\r\n" + "".join("\t".join(row) + "\r\n" for row in GSO_ROWS)
    divisions_import(path_or_file=gso_csv(text, tmp_path))
    assert imported_codes() == {"18256", "18259"}


def test_03_codes_that_lost_their_zeros_are_padded_back(db):
    divisions_import(path_or_file=case("03-gso-codes-lost-zeros.csv"))
    assert imported_codes() == HANOI
    assert set(Province.objects.values_list("code", flat=True)) == {"01"}


def test_03_kind_district_and_province_codes_are_padded_too(db, tmp_path):
    text = ",".join(GSO_HEADER) + "\n" + "Tỉnh Hà Nam,35,Huyện Duy Tiên,49,Xã Mộc Nam,1234,Xã\n"
    divisions_import(path_or_file=gso_csv(text, tmp_path))
    commune = Commune.objects.get()
    assert (commune.code, commune.district.code, commune.province.code) == ("01234", "049", "35")


def test_04_a_windows_1258_list_is_refused_asking_for_csv_utf8(db):
    with pytest.raises(DivisionsImportError) as refused:
        divisions_import(path_or_file=case("04-gso-windows-1258.csv"))
    assert "CSV UTF-8" in str(refused.value) and "04-gso-windows-1258.csv" in str(refused.value)
    assert imported_codes() == set()


def test_04_kind_a_utf16_list_is_refused_too(db, tmp_path):
    path = gso_csv(",".join(GSO_HEADER) + "\n" + ",".join(GSO_ROWS[0]) + "\n", tmp_path, encoding="utf-16")
    with pytest.raises(DivisionsImportError, match="UTF-8"):
        divisions_import(path_or_file=path)
    assert imported_codes() == set()


def test_05_bom_crlf_odd_spaces_and_a_line_break_in_a_name_import(db):
    divisions_import(path_or_file=case("05-gso-bom-crlf-spaces.csv"))
    names = list(Commune.objects.values_list("name", flat=True))
    assert names and all("\u00a0" not in name and "\n" not in name and name == name.strip() for name in names)


def test_05_kind_nbsp_and_doubled_spaces_become_one_space(db, tmp_path):
    row = ["Tỉnh Hà Tĩnh", "42", "Huyện Đức Thọ", "440", "Xã\u00a0 Tùng\nẢnh ", "18256", "Xã"]
    divisions_import(path_or_file=gso_csv(",".join(GSO_HEADER) + "\r\n" + ",".join(f'"{c}"' for c in row), tmp_path))
    assert Commune.objects.get().name == "Xã Tùng Ảnh"


def _gso_xlsx(tmp_path, *, ref: str | None = None, far_row: int | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(GSO_HEADER)
    for row in GSO_ROWS:
        sheet.append(row)
    if far_row:
        sheet.cell(row=far_row, column=1, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if ref:
        data = _declare(data, ref)
    path = tmp_path / "ds.xlsx"
    path.write_bytes(data)
    return path


def _declare(data: bytes, ref: str, part_name: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The workbook with that sheet declaring `ref` as its used range."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == part_name:
                part = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), part)
                assert f'ref="{ref}"'.encode() in part
            target.writestr(info, part)
    return out.getvalue()


def test_07_a_workbook_declaring_its_range_as_a1_imports(db):
    divisions_import(path_or_file=case("07-gso-xlsx-dimension-a1.xlsx"))
    assert imported_codes() == HANOI


def test_07_kind_a_range_declared_too_narrow_is_not_trusted(db, tmp_path):
    divisions_import(path_or_file=_gso_xlsx(tmp_path, ref="A1:C2"))
    assert imported_codes() == {"18256", "18259"}


def test_07_kind_a_list_declaring_the_whole_sheet_is_refused_quickly_by_the_command_too(db, tmp_path):
    path = _gso_xlsx(tmp_path, ref="A1:XFD1048576", far_row=1_048_576)
    started = time.monotonic()
    with pytest.raises(CommandError):
        call_command("import_divisions", str(path), stderr=io.StringIO(), stdout=io.StringIO())
    assert time.monotonic() - started < 1
    assert imported_codes() == set()


def test_08_numeric_codes_with_a_zero_format_and_rich_text_import(db):
    divisions_import(path_or_file=case("08-gso-xlsx-numeric-codes-richtext.xlsx"))
    assert imported_codes() == HANOI


def test_08_kind_codes_typed_as_plain_numbers_are_padded(db, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(GSO_HEADER)
    workbook.active.append(["Tỉnh Hà Tĩnh", 42, "Huyện Đức Thọ", 440, "Xã Tùng Ảnh", 1256, "Xã"])
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    divisions_import(path_or_file=path)
    assert imported_codes() == {"01256"}


def test_18_the_legacy_xls_download_is_read(db):
    divisions_import(path_or_file=case("18-gso-export-xls.xls"))
    assert imported_codes() == HANOI


def test_18_kind_a_damaged_xls_is_refused_naming_the_file(db, tmp_path):
    path = tmp_path / "ds.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(DivisionsImportError) as refused:
        divisions_import(path_or_file=path)
    assert "ds.xls" in str(refused.value) and ".xls" in str(refused.value)


def test_18_kind_an_ods_file_is_refused_the_same_way(db, tmp_path):
    path = tmp_path / "ds.ods"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(DivisionsImportError) as refused:
        divisions_import(path_or_file=path)
    assert ".csv" in str(refused.value) and ".xlsx" in str(refused.value) and "ds.ods" in str(refused.value)


# Entry templates ----------------------------------------------------------------------------------------

TEMPLATE_YEAR = 2016


@pytest.fixture
def set_2016(district):
    """The criteria sets as shipped (1980/2016 among them), loaded after the test province and its region."""
    criteria_load(json.loads(settings.NTM_CRITERIA_FIXTURE.read_text(encoding="utf-8")))


def _communes_of(path: Path, district) -> None:
    """The communes a case template lists, created in `district` under their codes and names."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    sheet = workbook[workbook.sheetnames[0]]
    for row in sheet.iter_rows(min_row=12, max_col=2, values_only=True):
        if row and row[0]:
            Commune.objects.get_or_create(
                code=str(row[0]).zfill(5),
                defaults={"name": row[1], "province": district.province, "district": district},
            )
    workbook.close()


def _plan(path_or_data, *, user=None, district=None):
    data = path_or_data.read_bytes() if isinstance(path_or_data, Path) else path_or_data
    return import_plan(data=data, name="mau.xlsx", year=TEMPLATE_YEAR, user=user, district=district)


def _new_values(plan) -> dict[tuple[str, str], object]:
    return {(c.commune_code, c.indicator_code): c.new for c in plan.changes}


def test_09_a_commune_code_stored_as_a_number_finds_the_commune(set_2016, settings, tmp_path):
    settings.NTM_DEFAULT_PROVINCE = "01"
    divisions_import(path_or_file=case("09-hanoi-gso-setup.csv"))

    plan = _plan(case("09-xlsx-commune-code-number.xlsx"))

    assert plan.ok, plan.error_lines()
    assert _new_values(plan)[("00379", "1.1")] is True


def test_09_kind_a_code_typed_as_a_plain_number_without_format_finds_the_commune(set_2016, district):
    _communes_of(case("17-xlsx-template-libreoffice.xlsx"), district)
    Commune.objects.create(code="00379", name="Xã Bắc Sơn", province=district.province, district=district)
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(grid_for(year=TEMPLATE_YEAR, district=district))))
    sheet = workbook.worksheets[0]
    row = next(r[0].row for r in sheet.iter_rows(min_row=12, max_col=1) if r[0].value == "00379")
    sheet.cell(row=row, column=1, value=379)  # the zeros are lost, no format to show them
    sheet.cell(row=row, column=4, value="Có")
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = _plan(buffer.getvalue(), district=district)

    assert plan.ok, plan.error_lines()
    assert _new_values(plan)[("00379", "1.1")] is True


def test_10_a_percentage_typed_with_its_sign_is_stored_as_shown(set_2016, district):
    _communes_of(case("10-xlsx-percent-typed-with-sign.xlsx"), district)

    plan = _plan(case("10-xlsx-percent-typed-with-sign.xlsx"), district=district)

    assert plan.ok, plan.error_lines()
    assert _new_values(plan) == {("18298", "4.2"): Decimal("85.50")}


def test_10_kind_a_whole_percentage_formatted_cell_is_read_as_shown(set_2016, district):
    _communes_of(case("17-xlsx-template-libreoffice.xlsx"), district)
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(grid_for(year=TEMPLATE_YEAR, district=district))))
    sheet = workbook.worksheets[0]
    target = sheet["M12"]
    target.value, target.number_format = 0.97, "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = _plan(buffer.getvalue(), district=district)

    assert plan.ok, plan.error_lines()
    assert list(_new_values(plan).values()) == [Decimal("97.00")]


def test_11_a_formula_whose_saved_result_is_empty_counts_as_empty(set_2016, district):
    _communes_of(case("11-xlsx-formula-empty-result.xlsx"), district)

    plan = _plan(case("11-xlsx-formula-empty-result.xlsx"), district=district)

    assert plan.ok, plan.error_lines()
    assert _new_values(plan) == {("18298", "1.2"): True}


def test_11_kind_a_formula_saved_without_any_result_is_an_error_on_that_cell(set_2016, district):
    _communes_of(case("17-xlsx-template-libreoffice.xlsx"), district)
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(grid_for(year=TEMPLATE_YEAR, district=district))))
    workbook.worksheets[0]["D12"] = '=IF(1=1,"Có","")'  # openpyxl saves no result
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = _plan(buffer.getvalue(), district=district)

    assert [(e.row, e.column, e.header) for e in plan.errors] == [(12, "D", "1.1")]
    assert plan.changes == []


def test_17_a_template_resaved_by_libreoffice_imports(set_2016, district):
    _communes_of(case("17-xlsx-template-libreoffice.xlsx"), district)

    plan = _plan(case("17-xlsx-template-libreoffice.xlsx"), district=district)

    assert plan.ok, plan.error_lines()
    assert _new_values(plan) == {
        ("18298", "1.1"): True,
        ("18262", "1.1"): False,
        ("18298", "4.2"): Decimal("85.50"),
        ("18298", "10.1"): Decimal("17.500"),
    }


# The hostile workbook ------------------------------------------------------------------------------------


@pytest.fixture
def hostile(set_2016, district) -> bytes:
    """An entry template declaring A1:XFD1048576, with one cell in row 1,048,576 (14 KB took a worker down)."""
    _communes_of(case("17-xlsx-template-libreoffice.xlsx"), district)
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(grid_for(year=TEMPLATE_YEAR, district=district))))
    workbook.worksheets[0].cell(row=1_048_576, column=4, value="Có")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _declare(buffer.getvalue(), "A1:XFD1048576")


def test_the_hostile_workbook_is_refused_in_well_under_a_second_with_a_clear_message(hostile, district, office):
    started = time.monotonic()
    plan = _plan(hostile, user=office, district=district)
    assert time.monotonic() - started < 1
    assert not plan.ok and plan.changes == []
    assert "1048576" in plan.error_lines()[0]


def test_the_hostile_workbook_is_refused_quickly_by_the_upload_preview(hostile, district, district_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.conftest import client_for

    client = client_for(district_officer)
    started = time.monotonic()
    response = client.post(
        reverse("excel:district_upload", args=[district.pk, TEMPLATE_YEAR]),
        {"file": SimpleUploadedFile("mau.xlsx", hostile)},
        follow=True,
    )
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert "1048576" in response.content.decode()


def test_the_hostile_workbook_is_refused_quickly_by_the_command(hostile, tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(hostile)
    started = time.monotonic()
    with pytest.raises(CommandError):
        call_command("import_assessments", str(path), year=TEMPLATE_YEAR, stdout=io.StringIO(), stderr=io.StringIO())
    assert time.monotonic() - started < 1


# Typed text and numbers --------------------------------------------------------------------------------------


def _found(query: str) -> set[str]:
    from communes.directory import communes_search

    return set(communes_search(Commune.objects.current(), query).values_list("code", flat=True))


@pytest.fixture
def ha_tinh(db):
    divisions_import(path_or_file=Path(settings.NTM_DIVISIONS_FILE))


def test_06a_a_query_typed_with_the_eth_finds_what_the_d_with_stroke_finds(ha_tinh):
    query = case("06a-search-eth-query.txt").read_text(encoding="utf-8").strip()
    assert "\u00d0" in query
    found = _found(query)
    assert found == _found("Đức Thọ") and len(found) == 16


def test_06a_kind_a_lower_case_eth_in_a_name_and_a_query(ha_tinh):
    assert _found("\u00f0ức thọ") == _found("đức thọ") != set()


TONE_QUERIES = [line for line in case("15-search-tone-variants.txt").read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("query", TONE_QUERIES)
def test_15_old_tone_placement_and_decomposed_accents_find_the_same_communes(ha_tinh, query):
    import unicodedata

    assert _found(query) == _found(unicodedata.normalize("NFC", query)) != set()


def test_15_kind_a_decomposed_name_typed_in_upper_case(ha_tinh):
    import unicodedata

    assert _found(unicodedata.normalize("NFD", "HÒA LẠC")) == _found("hòa lạc") != set()


def _english_entry(user, commune, typed: dict[str, str]):
    from criteria.models import Indicator
    from tests.conftest import client_for

    indicators = {
        i.code: i.pk
        for i in Indicator.objects.filter(criterion__criteria_set__code="NTM_2016_1980", code__in=list(typed))
    }
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = f"/communes/{commune.pk}/{TEMPLATE_YEAR}/edit/"
    return client.post(url, {f"ind_{indicators[code]}": value for code, value in typed.items()})


def _stored(commune) -> dict[str, Decimal]:
    from communes.models import Assessment

    return {
        a.indicator.code: a.value
        for a in Assessment.objects.filter(commune=commune, year=TEMPLATE_YEAR).select_related("indicator")
    }


def test_14_a_decimal_comma_on_the_english_page_means_what_it_means_on_the_vietnamese_one(set_2016, district, office):
    spec = json.loads(case("14-form-english-money.json").read_text(encoding="utf-8"))
    commune = Commune.objects.create(
        code=spec["commune_code"], name="Xã An Dũng", province=district.province, district=district
    )

    response = _english_entry(office, commune, spec["typed"])

    assert response.status_code == 302, response.content.decode()[:2000]
    stored = _stored(commune)
    assert {code: stored[code] for code in spec["expected"]} == {
        code: Decimal(value) for code, value in spec["expected"].items()
    }


def test_14_kind_an_ambiguous_entry_on_the_english_page_is_refused_with_a_message(set_2016, district, office):
    commune = Commune.objects.create(code="18298", name="Xã An Dũng", province=district.province, district=district)

    response = _english_entry(office, commune, {"10.1": "1.500"})

    assert response.status_code == 200
    assert "1.500" in response.content.decode()
    assert _stored(commune) == {}
