"""Checks an uploaded workbook passes before openpyxl is allowed to open it.

In order, cheapest first: the name ends in .xlsx; the size is within `NTM_UPLOAD_MAX_BYTES`
(default 10 MB); it is a readable zip holding a workbook; the parts unpack to at most
`NTM_UPLOAD_MAX_UNPACKED_BYTES` (default 200 MB) at no more than `NTM_UPLOAD_MAX_RATIO` (default 100)
times their packed size; and no XML part declares a DOCTYPE or an ENTITY. The sizes the zip's
headers declare are checked first, then the bytes are counted again as they are unpacked.

While every part is read anyway, the guard notes which worksheets hold formulas, so the importer
knows whether it must look for formulas without a saved value.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024
CHUNK = 1024 * 1024
OVERLAP = 16  # bytes kept between chunks so a marker split across two reads is still found

DECLARATION_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s>/]")
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
UTF8_BOM = b"\xef\xbb\xbf"


class UploadRefused(Exception):
    """The file is refused; `message` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class GuardReport:
    parts: int = 0
    unpacked_bytes: int = 0
    formula_parts: set[str] = field(default_factory=set)

    @property
    def has_formulas(self) -> bool:
        return bool(self.formula_parts)


def max_bytes() -> int:
    return settings.NTM_UPLOAD_MAX_BYTES


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


def check_name_and_size(name: str, size: int) -> None:
    """The checks that need no byte of the file: the extension and the size."""
    if Path(name).suffix.lower() != ".xlsx":
        raise UploadRefused(_('The file "%(name)s" is not an Excel workbook (.xlsx).') % {"name": name})
    limit = max_bytes()
    if size > limit:
        raise UploadRefused(
            _('The file "%(name)s" is %(size)s MB; the limit is %(limit)s MB.')
            % {"name": name, "size": _megabytes(size), "limit": _megabytes(limit)}
        )


def upload_check(data: bytes, *, name: str) -> GuardReport:
    """Every check, on the file's bytes; raises UploadRefused. Returns what was learnt on the way."""
    check_name_and_size(name, len(data))
    damaged = UploadRefused(
        _('The file "%(name)s" cannot be read as an Excel workbook (.xlsx); it may be damaged.') % {"name": name}
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise damaged from None
    with archive:
        names = set(archive.namelist())
        if any(part not in names for part in REQUIRED_PARTS):
            raise damaged
        try:
            return _scan(archive, name=name, packed=len(data))
        except UploadRefused:
            raise
        except Exception:  # zipfile, zlib, EOF and encryption errors of a damaged or odd archive
            raise damaged from None


def _scan(archive: zipfile.ZipFile, *, name: str, packed: int) -> GuardReport:
    limit = settings.NTM_UPLOAD_MAX_UNPACKED_BYTES
    ratio = settings.NTM_UPLOAD_MAX_RATIO
    budget = min(limit, int(max(packed, 1) * ratio))
    too_big = UploadRefused(
        _('The file "%(name)s" unpacks to far more than its size (a "zip bomb"); it is refused.') % {"name": name}
    )
    declared = sum(info.file_size for info in archive.infolist())
    if declared > budget:
        raise too_big
    report = GuardReport()
    for info in archive.infolist():
        if info.is_dir():
            continue
        report.parts += 1
        is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
        is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        tail, first = b"", True
        with archive.open(info) as part:
            while chunk := part.read(CHUNK):
                report.unpacked_bytes += len(chunk)
                if report.unpacked_bytes > budget:
                    raise too_big
                if not is_xml:
                    continue
                if first:
                    _check_encoding(chunk, name=name)
                    first = False
                window = tail + chunk
                if DECLARATION_RE.search(window):
                    raise UploadRefused(
                        _('The file "%(name)s" contains XML declarations (DOCTYPE or ENTITY) that are not allowed.')
                        % {"name": name}
                    )
                if is_sheet and info.filename not in report.formula_parts and FORMULA_RE.search(window):
                    report.formula_parts.add(info.filename)
                tail = window[-OVERLAP:]
    return report


def _check_encoding(start: bytes, *, name: str) -> None:
    """Parts must be UTF-8 (or ASCII) so the byte scan sees every declaration; Excel writes nothing else."""
    text = start.removeprefix(UTF8_BOM).lstrip()
    if text and not text.startswith(b"<"):
        raise UploadRefused(
            _('The file "%(name)s" cannot be read as an Excel workbook (.xlsx); it may be damaged.') % {"name": name}
        )
