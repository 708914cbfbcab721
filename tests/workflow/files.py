"""Tiny files of every kind, built in memory: accepted ones and impostors."""

import io
import struct
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


SECTOR = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(tree: dict) -> bytes:
    """A real OLE compound file (CFB v3) that olefile reads: `tree` maps names to bytes (streams) or dicts (storages).

    Every stream is padded to 4096 bytes so no mini stream is needed; siblings are chained to the right.
    """
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "child": NOSTREAM, "right": NOSTREAM, "data": b""}]

    def add(children: dict) -> int:
        first = NOSTREAM
        previous = None
        for name, value in children.items():
            index = len(entries)
            entry = {"name": name, "right": NOSTREAM, "child": NOSTREAM}
            entries.append(entry)
            if isinstance(value, dict):
                entry.update(type=1, data=b"")
                entry["child"] = add(value)
            else:
                entry.update(type=2, data=value.ljust(4096, b"\x00"))
            if previous is None:
                first = index
            else:
                previous["right"] = index
            previous = entry
        return first

    entries[0]["child"] = add(tree)
    directory_sectors = -(-len(entries) // 4)
    fat: list[int] = [FATSECT]
    directory_start = len(fat)
    fat += [directory_start + i + 1 for i in range(directory_sectors - 1)] + [END]
    data = b""
    for entry in entries:
        if entry["type"] != 2:
            entry["start"], entry["size"] = END if entry["type"] == 5 else 0, 0
            continue
        count = len(entry["data"]) // SECTOR
        entry["start"], entry["size"] = len(fat), len(entry["data"])
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END]
        data += entry["data"]
    assert len(fat) <= SECTOR // 4
    fat_sector = struct.pack("<128I", *(fat + [FREE] * (128 - len(fat))))
    directory = b""
    for entry in entries:
        name = entry["name"].encode("utf-16-le") + b"\x00\x00"
        directory += struct.pack(
            "<64sHBBIII16sIQQIII",
            name,
            len(name),
            entry["type"],
            1,
            NOSTREAM,
            entry["right"],
            entry["child"],
            b"\x00" * 16,
            0,
            0,
            0,
            entry["start"],
            entry["size"],
            0,
        )
    directory = directory.ljust(directory_sectors * SECTOR, b"\x00")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\x00" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        1,
        directory_start,
        0,
        4096,
        END,
        0,
        END,
        0,
    ) + struct.pack("<109I", 0, *([FREE] * 108))
    return header + fat_sector + directory + data


def ole(stream: str, **storages: dict) -> bytes:
    """An OLE file holding one stream `stream` (and any storages given: ole("Workbook", _VBA_PROJECT_CUR={...}))."""
    return ole_file({stream: b"x" * 100, **storages})


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
