"""File kinds are read from the content: every accepted kind, and the impostors refused."""

import io

import pytest

from workflow import filetypes

from .files import ACCEPTED, REFUSED


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


def test_a_stream_name_split_across_two_reads_is_found(monkeypatch):
    monkeypatch.setattr(filetypes, "CHUNK", 1010)
    assert filetypes.detect(io.BytesIO(ACCEPTED["doc"][1])) == filetypes.DOC


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
