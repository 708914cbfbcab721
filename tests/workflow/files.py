"""Tiny files of every kind, built in memory: accepted ones and impostors."""

import io
import zipfile

from openpyxl import Workbook

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"


def package(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx(main: str = WORD_MAIN) -> bytes:
    return package(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(part="word/document.xml", content_type=main),
            "word/document.xml": "<w:document/>",
        }
    )


def xlsx() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Biên bản thẩm tra"
    workbook.save(buffer)
    return buffer.getvalue()


def ole(stream: str) -> bytes:
    """An OLE compound file's signature and a directory entry naming `stream` (UTF-16LE), padded."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + stream.encode("utf-16-le") + b"\x00" * 100


ACCEPTED = {
    "pdf": ("bien-ban.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n", "application/pdf"),
    "png": ("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20, "image/png"),
    "jpeg": ("anh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
    "gif": ("anh.gif", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 20, "image/gif"),
    "webp": ("anh.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24, "image/webp"),
    "docx": (
        "to-trinh.docx",
        docx(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ("bang-tieu-chi.xlsx", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "doc": ("to-trinh.doc", ole("WordDocument"), "application/msword"),
    "xls": ("bang.xls", ole("Workbook"), "application/vnd.ms-excel"),
}
REFUSED = {
    "windows executable named .pdf": ("bien-ban.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60 + b"PE\x00\x00"),
    "linux executable named .pdf": ("bien-ban.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 60),
    "executable named .docx": ("to-trinh.docx", b"MZ\x90\x00" + b"\x00" * 60),
    "html page named .png": ("anh.png", b"<html><script>alert(1)</script></html>"),
    "plain zip named .docx": ("to-trinh.docx", package({"readme.txt": "hello"})),
    "macro-enabled word named .docx": ("to-trinh.docx", docx(WORD_MACRO)),
    "other OLE file named .doc": ("cai-dat.doc", ole("SummaryInformation")),
    "shell script named .xlsx": ("bang.xlsx", b"#!/bin/sh\nrm -rf /\n"),
    "empty file": ("rong.pdf", b""),
}
