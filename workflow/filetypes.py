"""What an uploaded file really is, read from its first bytes and structure, never from its name.

Accepted: PDF, PNG, JPEG, GIF, WEBP, Word and Excel (.docx / .xlsx, and the legacy .doc / .xls).
Everything else is refused, so a renamed executable (MZ, ELF), a script or an HTML page never gets in.
Documents that carry macros are refused whatever they are called: an OOXML package with a
`vbaProject.bin` part or a macro-enabled content type, an OLE file with a VBA storage. OLE files are
read with olefile (the directory, not a byte search): a .xls needs a Workbook (or Book) stream, a
.doc a WordDocument stream. A PDF may start with a preamble (a BOM, a line break, a scanner's junk)
as long as `%PDF-` is within its first 1024 bytes, which is where PDF readers look for it.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO


@dataclass(frozen=True)
class FileKind:
    name: str
    content_type: str
    extension: str


PDF = FileKind("pdf", "application/pdf", ".pdf")
PNG = FileKind("png", "image/png", ".png")
JPEG = FileKind("jpeg", "image/jpeg", ".jpg")
GIF = FileKind("gif", "image/gif", ".gif")
WEBP = FileKind("webp", "image/webp", ".webp")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
DOC = FileKind("doc", "application/msword", ".doc")
XLS = FileKind("xls", "application/vnd.ms-excel", ".xls")
ACCEPTED = (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, DOC, XLS)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# The main part of a Word or Excel package, as [Content_Types].xml declares it (macro-enabled ones are refused).
OOXML_MAIN = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
OOXML_FOLDER = {DOCX: "word/", XLSX: "xl/"}
# Stream names in an OLE compound file's directory: a Word document or an Excel workbook (Book: Excel 5/95).
OLE_STREAMS = {DOC: ("WordDocument",), XLS: ("Workbook", "Book")}
# Storages that hold macros in an OLE file (Excel, Word, and Word's older "Macros").
OLE_MACRO_STORAGES = {"_vba_project_cur", "_vba_project", "macros", "vba"}
MACRO_CONTENT_RE = re.compile(rb"macroEnabled|vbaProject", re.IGNORECASE)
PDF_HEADER_WITHIN = 1024
CHUNK = 1 << 20


def detect(file: BinaryIO) -> FileKind | None:
    """The kind of an open binary file, or None when it is not one we accept. Leaves the position at 0."""
    file.seek(0)
    head = file.read(PDF_HEADER_WITHIN)
    file.seek(0)
    try:
        if b"%PDF-" in head:
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith((b"GIF87a", b"GIF89a")):
            return GIF
        if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
            return WEBP
        if head.startswith(ZIP_MAGIC):
            return _office_package(file)
        if head.startswith(OLE_MAGIC):
            return _legacy_office(file)
        return None
    finally:
        file.seek(0)


def _office_package(file: BinaryIO) -> FileKind | None:
    """A .docx or .xlsx: a zip whose [Content_Types].xml declares a Word or Excel main part, in its folder."""
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > CHUNK:
                return None
            declared = package.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    if MACRO_CONTENT_RE.search(declared) or any(name.lower().endswith("vbaproject.bin") for name in names):
        return None  # macros, whatever the main part claims
    for kind, main in OOXML_MAIN.items():
        if main in declared and any(name.startswith(OOXML_FOLDER[kind]) for name in names):
            return kind
    return None


def _legacy_office(file: BinaryIO) -> FileKind | None:
    """A .doc or .xls: an OLE compound file holding a WordDocument or a Workbook stream, and no VBA storage."""
    import olefile

    try:
        with olefile.OleFileIO(file) as ole:
            entries = ole.listdir(streams=True, storages=True)
    except Exception:  # olefile raises OSError and others on a damaged directory
        return None
    if any(part.lower() in OLE_MACRO_STORAGES for path in entries for part in path):
        return None
    top = {path[0] for path in entries if len(path) == 1}
    for kind, names in OLE_STREAMS.items():
        if top.intersection(names):
            return kind
    return None


EXTENSIONS = {kind.content_type: kind.extension for kind in ACCEPTED}
ALSO = {".jpeg": ".jpg"}


def download_name(original: str, content_type: str) -> str:
    """The original name, its extension replaced by the content's when they disagree ("scan.exe" -> "scan.pdf")."""
    path = PurePath(original or "file")
    extension = EXTENSIONS.get(content_type, "")
    if ALSO.get(path.suffix.lower(), path.suffix.lower()) == extension:
        return path.name
    return f"{path.stem or 'file'}{extension}"
