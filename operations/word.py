"""Word documents (python-docx) in the layout of a Vietnamese administrative document, from a replaceable template.

The layout (Nghị định 30/2020/NĐ-CP, Appendix I [U: the appendix itself was not read here; the layout below is
the one every provincial document shows]): a header table with the issuing body and "Số: …" on the left and the
national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc") with the place-and-date line on
the right; the title; the body; the signature block (recipients or the other party on the left, the signer's title
and name on the right). Times New Roman 13.

A template is an ordinary .docx holding placeholders written `{{ name }}` (the names in PLACEHOLDERS); the paragraph
`{{ noi_dung }}` is where the body goes. Office staff may upload their own template per kind (operations page
"Word templates"), e.g. with their logo, fonts or another header; `default_template()` builds the shipped one.
"""

import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document as open_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY = "noi_dung"
PLACEHOLDERS = {
    "co_quan_cap_tren": "the body above the issuer (e.g. BCĐ CT MTQG XD NTM TỈNH HÀ TĨNH)",
    "co_quan": "the issuing body (e.g. VĂN PHÒNG ĐIỀU PHỐI NTM)",
    "so": "number and symbol",
    "dia_danh": "place name of the date line",
    "ngay": "day",
    "thang": "month",
    "nam": "year",
    "tieu_de": "title (BIÊN BẢN, THÔNG BÁO, ...)",
    "trich_yeu": "summary line under the title",
    "noi_dung": "the body (a paragraph of its own)",
    "ben_trai": "signature block, left: recipients or the other party",
    "chuc_vu_ky": "signer's title",
    "nguoi_ky": "signer's name",
}
PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
FONT = "Times New Roman"


@dataclass
class Block:
    """One piece of the body: a heading, a paragraph, or a table (header + rows)."""

    kind: str  # "heading", "paragraph", "table"
    text: str = ""
    header: Sequence[str] = ()
    rows: Sequence[Sequence[object]] = field(default_factory=list)


def date_fields(day: datetime.date | None) -> dict[str, str]:
    """The date line's parts, written the administrative way: "ngày 08 tháng 9 năm 2014" (day, month 1-2: with 0)."""
    if day is None:
        return {"ngay": "….", "thang": "….", "nam": "….."}
    return {
        "ngay": f"{day.day:02d}",
        "thang": f"{day.month:02d}" if day.month < 3 else str(day.month),
        "nam": str(day.year),
    }


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _line(cell_or_doc, text: str, *, bold=False, italic=False, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def default_template() -> bytes:
    """The shipped template: header table with the motto, title, body placeholder and signature block."""
    document = open_docx()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    _line(left, "{{ co_quan_cap_tren }}", size=12, first=True)
    _line(left, "{{ co_quan }}", bold=True, size=12)
    _line(left, "Số: {{ so }}", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, first=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _line(right, "{{ dia_danh }}, ngày {{ ngay }} tháng {{ thang }} năm {{ nam }}", italic=True, size=13)
    document.add_paragraph()
    _line(document, "{{ tieu_de }}", bold=True, size=14)
    _line(document, "{{ trich_yeu }}", bold=True, size=13)
    document.add_paragraph()
    document.add_paragraph("{{ noi_dung }}")
    document.add_paragraph()
    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    left, right = signature.rows[0].cells
    _line(left, "{{ ben_trai }}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    _line(right, "{{ chuc_vu_ky }}", bold=True, size=13, first=True)
    for _ in range(4):
        _line(right, "")
    _line(right, "{{ nguoi_ky }}", bold=True, size=13)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_placeholders(data: bytes) -> set[str]:
    """The placeholder names a .docx holds (body, tables, headers and footers)."""
    document = open_docx(io.BytesIO(data))
    return {name for paragraph in _paragraphs(document) for name in PLACEHOLDER_RE.findall(paragraph.text)}


def _paragraphs(document):
    def walk(container):
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from walk(part)


def _fill(paragraph, values: dict[str, str]) -> None:
    """Replace the placeholders of one paragraph, keeping the first run's formatting; a newline becomes a break."""
    text = paragraph.text
    if "{{" not in text:
        return
    filled = PLACEHOLDER_RE.sub(lambda m: str(values.get(m.group(1), "")), text)
    runs = paragraph.runs
    if not runs:
        return
    first = runs[0]
    for run in runs[1:]:
        run._r.getparent().remove(run._r)
    lines = filled.split("\n")
    first.text = lines[0]
    for extra in lines[1:]:
        first.add_break()
        first.add_text(extra)


def _insert_body(document, blocks: Sequence[Block]) -> None:
    anchor = next((p for p in document.paragraphs if p.text.strip() == "{{ noi_dung }}"), None)
    if anchor is None:
        anchor = document.add_paragraph()
    for block in blocks:
        if block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = document.styles["Table Grid"] if "Table Grid" in [s.name for s in document.styles] else None
            for cell, title in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = ""
                run = cell.paragraphs[0].add_run(str(title))
                run.bold, run.font.size = True, Pt(11)
            for row in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.text = ""
                    cell.paragraphs[0].add_run("" if value is None else str(value)).font.size = Pt(11)
            anchor._p.addprevious(table._tbl)
        else:
            paragraph = anchor.insert_paragraph_before()
            paragraph.paragraph_format.space_after = Pt(3)
            paragraph.paragraph_format.first_line_indent = None if block.kind == "heading" else Cm(1)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            run = paragraph.add_run(block.text)
            run.bold = block.kind == "heading"
    anchor._p.getparent().remove(anchor._p)


def render(template: bytes, *, values: dict[str, str], blocks: Sequence[Block]) -> bytes:
    """The document: the template's placeholders filled from `values`, the body blocks at `{{ noi_dung }}`."""
    document = open_docx(io.BytesIO(template))
    _insert_body(document, blocks)
    for paragraph in _paragraphs(document):
        _fill(paragraph, values)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def document_text(data: bytes) -> str:
    """All the text of a .docx (paragraphs and table cells, in order), for tests and previews."""
    document = open_docx(io.BytesIO(data))
    return "\n".join(p.text for p in _paragraphs(document))
