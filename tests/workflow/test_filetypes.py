"""File kinds are read from the content: every accepted kind, and the impostors refused."""

import io
import zipfile
from pathlib import Path

import pytest

from workflow import filetypes

from .files import ACCEPTED, REFUSED, ole, ole_file


@pytest.mark.parametrize("kind", list(ACCEPTED))
def test_each_accepted_kind_is_recognised_by_its_content(kind):
    _name, content, content_type = ACCEPTED[kind]
    detected = filetypes.detect(io.BytesIO(content))
    assert detected is not None and detected.content_type == content_type


@pytest.mark.parametrize("case", list(REFUSED))
def test_anything_else_is_refused_whatever_its_name(case):
    _name, content = REFUSED[case]
    assert filetypes.detect(io.BytesIO(content)) is None


def test_detection_leaves_the_file_at_its_start():
    file = io.BytesIO(ACCEPTED["xlsx"][1])
    filetypes.detect(file)
    assert file.tell() == 0


CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"


@pytest.mark.parametrize("name", ["16-evidence-pdf-bom.pdf", "16-evidence-pdf-plain.pdf"])
def test_case_16_a_pdf_with_a_bom_and_a_line_break_before_its_header_is_a_pdf(name):
    assert filetypes.detect(io.BytesIO((CASES / name).read_bytes())) == filetypes.PDF


@pytest.mark.parametrize("preamble", [b"\r\n\t ", b"\x00" * 1000, b"scanner junk\n" * 50])
def test_a_pdf_header_anywhere_in_the_first_1024_bytes_is_a_pdf(preamble):
    content = preamble + ACCEPTED["pdf"][1]
    assert filetypes.detect(io.BytesIO(content)) == filetypes.PDF


def test_a_pdf_header_past_the_first_1024_bytes_is_refused():
    assert filetypes.detect(io.BytesIO(b" " * 1024 + ACCEPTED["pdf"][1])) is None


def test_case_18_the_gso_xls_download_is_an_excel_workbook():
    assert filetypes.detect(io.BytesIO((CASES / "18-gso-export-xls.xls").read_bytes())) == filetypes.XLS


def test_an_excel_5_workbook_with_a_book_stream_is_an_excel_workbook():
    assert filetypes.detect(io.BytesIO(ole("Book"))) == filetypes.XLS


@pytest.mark.parametrize(
    "content",
    [
        ole("Workbook", _VBA_PROJECT_CUR={"VBA": {"dir": b"x"}, "PROJECT": b"x"}),
        ole("WordDocument", Macros={"VBA": {"dir": b"x"}}),
        ole("WordDocument", _VBA_PROJECT={"dir": b"x"}),
    ],
    ids=["xls with VBA", "doc with Macros", "doc with _VBA_PROJECT"],
)
def test_an_ole_document_with_macros_is_refused(content):
    assert filetypes.detect(io.BytesIO(content)) is None


def test_an_ole_file_merely_containing_the_word_workbook_is_refused():
    content = ole_file({"Contents": "Workbook".encode("utf-16-le") * 10})
    assert filetypes.detect(io.BytesIO(content)) is None


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, content)
    return out.getvalue()


def test_a_workbook_carrying_a_vba_project_is_refused_whatever_its_main_part_says():
    content = _with_part(ACCEPTED["xlsx"][1], "xl/vbaProject.bin", ole_file({"VBA": {"dir": b"x"}}))
    assert filetypes.detect(io.BytesIO(content)) is None


def test_a_macro_enabled_workbook_content_type_named_xlsx_is_refused():
    xlsm = ACCEPTED["xlsx"][1]
    source = zipfile.ZipFile(io.BytesIO(xlsm))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "[Content_Types].xml":
                part = part.replace(
                    b"spreadsheetml.sheet.main+xml",
                    b'spreadsheetml.sheet.main+xml"/><Default Extension="bin" '
                    b'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml',
                )
            target.writestr(info, part)
    assert filetypes.detect(io.BytesIO(out.getvalue())) is None


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("bien-ban.pdf", "application/pdf", "bien-ban.pdf"),
        ("Ảnh.JPEG", "image/jpeg", "Ảnh.JPEG"),
        ("scan.exe", "application/pdf", "scan.pdf"),
        ("bang", filetypes.XLSX.content_type, "bang.xlsx"),
    ],
)
def test_the_download_name_carries_the_contents_extension(original, content_type, expected):
    assert filetypes.download_name(original, content_type) == expected
