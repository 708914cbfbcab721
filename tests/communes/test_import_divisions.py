import csv
import datetime
import io
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from communes.divisions import MAX_ERRORS, DivisionsImportError, divisions_import
from communes.models import Commune, District
from provinces.models import Province

FIXTURES = Path(settings.BASE_DIR) / "communes" / "fixtures"
LEGACY = FIXTURES / "ha_tinh_divisions_legacy.csv"
LIST_2025 = FIXTURES / "ha_tinh_divisions_2025.csv"
HEADER = ["Tỉnh / Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp"]
ROWS = [  # spreadsheet rows 2, 3 and 4
    ["Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Nam Hà", "18073", "Phường"],
    ["Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Xã Thạch Trung", "18100", "Xã"],
    ["Tỉnh Hà Tĩnh", "42", "Huyện Đức Thọ", "440", "Thị trấn Đức Thọ", "18244", "Thị trấn"],
]


def write_csv(path: Path, rows: list[list], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def counts() -> tuple[int, int, int]:
    return Province.objects.count(), District.objects.count(), Commune.objects.count()


def test_the_shipped_ha_tinh_list_gives_one_province_twelve_districts_and_209_communes(db):
    report = divisions_import(path_or_file=LEGACY)

    assert counts() == (1, 12, 209)
    assert (report.provinces.created, report.districts.created, report.communes.created) == (1, 12, 209)
    assert Counter(Commune.objects.values_list("kind", flat=True)) == {"xa": 170, "phuong": 25, "thi_tran": 14}
    assert Counter(District.objects.values_list("kind", flat=True)) == {"huyen": 9, "thi_xa": 2, "thanh_pho": 1}
    assert not Commune.objects.filter(kind="xa", in_programme=False).exists()
    assert not Commune.objects.filter(kind="phuong", in_programme=True).exists()
    nam_ha = Commune.objects.get(code="18073")
    assert (nam_ha.district.code, nam_ha.province.code, nam_ha.search_name) == ("436", "42", "nam ha")
    assert Province.objects.get().region is None


def test_importing_the_same_file_twice_changes_nothing(db):
    divisions_import(path_or_file=LEGACY)

    report = divisions_import(path_or_file=LEGACY)

    assert report.changed == 0
    assert (report.provinces.unchanged, report.districts.unchanged, report.communes.unchanged) == (1, 12, 209)
    assert counts() == (1, 12, 209)


def test_a_renamed_commune_is_updated_in_place(db, tmp_path):
    divisions_import(path_or_file=write_csv(tmp_path / "v1.csv", ROWS))
    before = Commune.objects.get(code="18100")
    renamed = [row[:] for row in ROWS]
    renamed[1][4] = "Phường Thạch Trung"
    renamed[1][6] = "Phường"

    report = divisions_import(path_or_file=write_csv(tmp_path / "v2.csv", renamed))

    after = Commune.objects.get(code="18100")
    assert (report.communes.updated, report.communes.unchanged) == (1, 2)
    assert after.pk == before.pk
    assert (after.name, after.kind, after.search_name) == ("Phường Thạch Trung", "phuong", "thach trung")
    assert counts() == (1, 2, 3)


def test_an_office_change_of_in_programme_survives_a_reimport(db):
    divisions_import(path_or_file=LEGACY)
    Commune.objects.filter(code="18073").update(in_programme=True)
    Commune.objects.filter(code="18244").update(in_programme=False)

    divisions_import(path_or_file=LEGACY)

    assert Commune.objects.get(code="18073").in_programme is True
    assert Commune.objects.get(code="18244").in_programme is False


def test_an_existing_province_keeps_its_region_and_report_cutoff(province):
    report = divisions_import(path_or_file=LEGACY)

    province.refresh_from_db()
    assert report.provinces.unchanged == 1
    assert (province.region.code, province.report_cutoff) == ("BTB", 7)


def test_the_province_option_imports_only_that_province(db, tmp_path):
    ha_noi = ["Thành phố Hà Nội", "1", "Quận Ba Đình", "1", "Phường Phúc Xá", "1", " PHƯỜNG "]
    nghe_an = ["Tỉnh Nghệ An", "40", "Huyện Nam Đàn", "422", "Xã Kim Liên", "17920", "Xã"]
    path = write_csv(tmp_path / "three.csv", [ha_noi, *ROWS, nghe_an])

    report = divisions_import(path_or_file=path, province_code="1")

    assert report.rows == 1
    assert list(Province.objects.values_list("code", flat=True)) == ["01"]
    commune = Commune.objects.get()
    assert (commune.code, commune.kind) == ("00001", "phuong")
    assert (commune.district.code, commune.district.kind) == ("001", "quan")


def test_an_xlsx_list_imports_the_same_as_the_csv(db, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([f"  {title.upper()} " for title in HEADER] + ["English name"])
    for row in ROWS:
        sheet.append([row[0], int(row[1]), row[2], int(row[3]), row[4], int(row[5]), row[6], "ignored"])
    workbook.save(tmp_path / "list.xlsx")

    created = divisions_import(path_or_file=tmp_path / "list.xlsx")
    again = divisions_import(path_or_file=write_csv(tmp_path / "list.csv", ROWS))

    assert created.communes.created == 3
    assert again.changed == 0
    assert counts() == (1, 2, 3)


def test_an_uploaded_file_object_is_read_like_a_path(db):
    upload = io.BytesIO(LEGACY.read_bytes())
    upload.name = "danh_sach.csv"

    report = divisions_import(path_or_file=upload)

    assert report.communes.created == 209


def _set(row: int, column: str, value: str):
    def change(rows):
        rows[row - 2][HEADER.index(column)] = value

    return change


@pytest.mark.parametrize(
    "change, row, column, value",
    [
        (_set(3, "Mã PX", "18A73"), 3, "Mã PX", "18A73"),
        (_set(2, "Mã PX", "180730"), 2, "Mã PX", "180730"),
        (_set(4, "Mã TP", "420"), 4, "Mã TP", "420"),
        (_set(3, "Mã QH", "43x"), 3, "Mã QH", "43x"),
        (_set(2, "Mã TP", ""), 2, "Mã TP", ""),
        (_set(2, "Tỉnh / Thành Phố", ""), 2, "Tỉnh / Thành Phố", ""),
        (_set(3, "Phường Xã", ""), 3, "Phường Xã", ""),
        (_set(4, "Mã PX", ""), 4, "Mã PX", ""),
        (_set(4, "Cấp", ""), 4, "Cấp", ""),
        (_set(4, "Cấp", "Làng"), 4, "Cấp", "Làng"),
        (_set(3, "Quận Huyện", "Huyện Thạch Hà"), 3, "Quận Huyện", "Huyện Thạch Hà"),
        (_set(3, "Mã QH", ""), 3, "Mã QH", ""),
        (_set(3, "Mã PX", "18073"), 3, "Mã PX", "18073"),
        (_set(3, "Mã TP", "40"), 3, "Mã TP", "40"),
    ],
)
def test_a_bad_row_is_reported_with_its_row_and_column_and_nothing_is_written(db, tmp_path, change, row, column, value):
    divisions_import(path_or_file=write_csv(tmp_path / "good.csv", ROWS[:1]))
    before = counts()
    rows = [line[:] for line in ROWS]
    change(rows)

    with pytest.raises(DivisionsImportError) as excinfo:
        divisions_import(path_or_file=write_csv(tmp_path / "bad.csv", rows))

    [error] = excinfo.value.errors
    assert (error.row, error.column) == (row, column)
    assert f" {row}," in str(error) and f'"{column}"' in str(error) and value in str(error)
    assert counts() == before


def test_a_missing_header_column_is_named(db, tmp_path):
    path = write_csv(tmp_path / "no_level.csv", [row[:6] for row in ROWS], header=HEADER[:6])

    with pytest.raises(DivisionsImportError) as excinfo:
        divisions_import(path_or_file=path)

    assert [(error.row, error.column) for error in excinfo.value.errors] == [(1, "Cấp")]
    assert "Cấp" in str(excinfo.value)
    assert counts() == (0, 0, 0)


def test_every_bad_row_is_reported_up_to_a_cap(db, tmp_path):
    rows = [["Tỉnh Hà Tĩnh", "42", "", "", f"Xã {n}", "x", "Xã"] for n in range(MAX_ERRORS + 50)]

    with pytest.raises(DivisionsImportError) as excinfo:
        divisions_import(path_or_file=write_csv(tmp_path / "bad.csv", rows))

    assert len(excinfo.value.errors) == MAX_ERRORS
    assert excinfo.value.errors[-1].row == MAX_ERRORS + 1
    assert excinfo.value.omitted == 50
    assert "50" in excinfo.value.lines()[-1]


@pytest.mark.parametrize("name, content", [("list.xls", b"\xd0\xcf\x11\xe0"), ("list.txt", b"a,b")])
def test_a_file_that_is_not_csv_or_xlsx_is_refused(db, tmp_path, name, content):
    (tmp_path / name).write_bytes(content)

    with pytest.raises(DivisionsImportError) as excinfo:
        divisions_import(path_or_file=tmp_path / name)

    assert name in str(excinfo.value)


def test_a_corrupt_xlsx_is_refused_with_a_clear_message(db, tmp_path):
    (tmp_path / "hong.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)

    with pytest.raises(DivisionsImportError) as excinfo:
        divisions_import(path_or_file=tmp_path / "hong.xlsx")

    [error] = excinfo.value.errors
    assert (error.row, error.column) == (0, "")
    assert "hong.xlsx" in str(error) and ".xlsx" in str(error)
    assert counts() == (0, 0, 0)


def test_the_2025_list_imports_communes_without_districts(db):
    report = divisions_import(path_or_file=LIST_2025, valid_from=datetime.date(2025, 7, 1))

    assert (report.provinces.created, report.districts.created, report.communes.created) == (1, 0, 69)
    assert Commune.objects.filter(district=None, valid_from=datetime.date(2025, 7, 1)).count() == 69
    assert Counter(Commune.objects.values_list("kind", flat=True)) == {"xa": 60, "phuong": 9}


def test_a_reused_code_cannot_start_before_the_old_unit_ended(db):
    divisions_import(path_or_file=LEGACY)
    reform = datetime.date(2025, 7, 1)
    Commune.objects.update(valid_until=reform)
    District.objects.update(valid_until=reform)

    with pytest.raises(DivisionsImportError) as excinfo:
        divisions_import(path_or_file=LIST_2025)
    report = divisions_import(path_or_file=LIST_2025, valid_from=reform)

    assert (excinfo.value.errors[0].row, excinfo.value.errors[0].column) == (2, "Mã PX")
    assert "2025-07-01" in str(excinfo.value.errors[0])
    assert report.communes.created == 69
    assert Commune.objects.current().count() == 69
    assert Commune.objects.filter(code="18073").count() == 2


def test_the_command_without_a_file_imports_the_ha_tinh_list(db):
    out = io.StringIO()

    call_command("import_divisions", stdout=out)

    assert counts() == (1, 12, 209)
    assert "209" in out.getvalue() and "ha_tinh_divisions_legacy.csv" in out.getvalue()


def test_the_command_fails_on_a_bad_file_and_imports_nothing(db, tmp_path):
    rows = [row[:] for row in ROWS]
    rows[1][5] = "18A73"
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_divisions", str(write_csv(tmp_path / "bad.csv", rows)), stderr=err)

    assert "18A73" in err.getvalue() and "Mã PX" in err.getvalue()
    assert counts() == (0, 0, 0)


SYLLABLES = "An Bình Cẩm Đức Giang Hà Hòa Hưng Kỳ Lâm Long Minh Nam Phú Quang Sơn Tân Thạch Trung Xuân".split()


def _name(number: int) -> str:
    return f"{SYLLABLES[number % len(SYLLABLES)]} {SYLLABLES[number // len(SYLLABLES) % len(SYLLABLES)]}"


def national_rows(total: int = 10_000) -> list[list[str]]:
    """63 provinces x 11 districts (the first a city of wards), 14 or 15 communes each."""
    districts = [(province, district) for province in range(1, 64) for district in range(11)]
    rows: list[list[str]] = []
    for index, (province, district) in enumerate(districts):
        district_name = ("Thành phố " if district == 0 else "Huyện ") + _name(index)
        for place in range(14 + (index < total - 14 * len(districts))):
            level = "Phường" if district == 0 else "Thị trấn" if place == 0 else "Xã"
            number = len(rows) + 1
            rows.append(
                [f"Tỉnh {_name(province)}", f"{province:02d}", district_name, f"{province * 11 + district:03d}"]
                + [f"{level} {_name(number)}", f"{number:05d}", level]
            )
    return rows


def test_a_whole_country_list_imports_with_the_right_counts_and_reimports_unchanged(db, tmp_path):
    rows = national_rows()
    path = write_csv(tmp_path / "ca_nuoc.csv", rows)
    calls = []

    report = divisions_import(path_or_file=path, progress=lambda done, total: calls.append((done, total)))
    err = io.StringIO()
    call_command("import_divisions", str(path), stdout=io.StringIO(), stderr=err)
    again = divisions_import(path_or_file=path)

    assert len(rows) == 10_000
    assert (report.provinces.created, report.districts.created, report.communes.created) == (63, 693, 10_000)
    assert counts() == (63, 693, 10_000)
    levels = Counter(row[6] for row in rows)
    kinds = Counter(Commune.objects.values_list("kind", flat=True))
    assert (kinds["xa"], kinds["phuong"], kinds["thi_tran"]) == (levels["Xã"], levels["Phường"], levels["Thị trấn"])
    assert Commune.objects.filter(in_programme=True).count() == levels["Xã"]
    assert again.changed == 0 and again.communes.unchanged == 10_000
    assert calls[-1] == (10_000, 10_000) and [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert "100%" in err.getvalue()
