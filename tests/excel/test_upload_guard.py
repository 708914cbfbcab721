"""Files refused before openpyxl opens them: not .xlsx, too big, damaged, zip bombs, XML declarations."""

import io
import zipfile

import pytest

from excel.importer import import_plan
from excel.layout import grid_for
from excel.template import template_workbook
from excel.upload_guard import UploadRefused, upload_check

from .conftest import YEAR


@pytest.fixture
def workbook(district, recorded) -> bytes:
    return template_workbook(grid_for(year=YEAR, district=district))


def rezip(data: bytes, changes: dict[str, bytes], *, extra: dict[str, bytes] | None = None) -> bytes:
    """The same zip with some parts replaced (or added)."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, changes.get(info.filename, source.read(info)))
        for name, part in (extra or {}).items():
            out.writestr(name, part)
    return target.getvalue()


def test_a_template_passes(workbook):
    report = upload_check(workbook, name="Mẫu nhập.XLSX")

    assert report.parts > 5 and not report.has_formulas


@pytest.mark.parametrize("name", ["values.xls", "values.csv", "values.xlsm", "values"])
def test_files_that_are_not_xlsx_are_refused(workbook, name):
    with pytest.raises(UploadRefused, match=r"\.xlsx"):
        upload_check(workbook, name=name)


def test_files_over_the_configured_limit_are_refused(workbook, settings):
    settings.NTM_UPLOAD_MAX_BYTES = len(workbook) - 1

    with pytest.raises(UploadRefused, match="MB"):
        upload_check(workbook, name="values.xlsx")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"Ma xa,Ten xa\n18256,Tung Anh\n",  # a CSV renamed
        lambda data: b"PK\x03\x04" + bytes(200),  # zip magic, nothing behind it
        lambda data: rezip(data, {}, extra={})[:-30],  # the central directory damaged
    ],
)
def test_damaged_files_are_refused(workbook, damage):
    with pytest.raises(UploadRefused):
        upload_check(damage(workbook), name="values.xlsx")


def test_a_zip_without_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    with pytest.raises(UploadRefused):
        upload_check(buffer.getvalue(), name="values.xlsx")


def test_a_zip_bomb_is_refused(workbook):
    bomb = rezip(workbook, {}, extra={"xl/media/padding.xml": b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>"})
    assert len(bomb) < 1024 * 1024  # 40 MB packed into a few kB

    with pytest.raises(UploadRefused, match="zip"):
        upload_check(bomb, name="values.xlsx")


def test_parts_unpacking_past_the_configured_limit_are_refused(workbook, settings):
    settings.NTM_UPLOAD_MAX_UNPACKED_BYTES = 64 * 1024
    bomb = rezip(workbook, {}, extra={"xl/media/padding.xml": b"<a>" + b" " * (256 * 1024) + b"</a>"})

    with pytest.raises(UploadRefused):
        upload_check(bomb, name="values.xlsx")


@pytest.mark.parametrize(
    "declaration",
    [
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
        b'<!DOCTYPE workbook SYSTEM "file:///etc/passwd">',
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    ],
)
def test_xml_declarations_are_refused(workbook, declaration):
    part = zipfile.ZipFile(io.BytesIO(workbook)).read("xl/workbook.xml")
    head, _, body = part.partition(b"?>")
    evil = rezip(workbook, {"xl/workbook.xml": head + b"?>" + declaration + body})

    with pytest.raises(UploadRefused, match="DOCTYPE"):
        upload_check(evil, name="values.xlsx")


def test_xml_in_another_encoding_is_refused(workbook):
    part = zipfile.ZipFile(io.BytesIO(workbook)).read("xl/workbook.xml")
    utf16 = part.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    with pytest.raises(UploadRefused):
        upload_check(rezip(workbook, {"xl/workbook.xml": utf16}), name="values.xlsx")


def test_the_importer_refuses_before_reading_and_writes_nothing(workbook, office, district):
    plan = import_plan(data=workbook[:100], name="values.xlsx", year=YEAR, user=office, district=district)

    assert [(e.sheet, e.row, e.column) for e in plan.errors] == [("", 0, "")]
    assert plan.changes == [] and plan.rows == 0
