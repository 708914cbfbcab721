"""The one text normaliser: NFC, trimmed, one space, Ð read as Đ; folding and sorting are built on it."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ntm.lib.text import fold, normalize, normalize_multiline, vi_sort_key


def test_lookalike_eth_spaces_and_decomposed_accents():
    assert normalize("  Ðức\u00a0 Thọ ") == "Đức Thọ"
    assert normalize("ðường") == "đường"
    assert normalize("Hoa\u0300 La\u0323c") == "Hoà Lạc"  # decomposed accents become the composed letters
    assert fold("Ðức Thọ") == fold("Đức Thọ") == "duc tho"
    assert vi_sort_key("Xã Ðức Lạng") == vi_sort_key("Xã Đức Lạng")


def test_multiline_text_keeps_its_lines():
    assert normalize_multiline(" Dòng một \r\n  Dòng\u00a0 hai ") == "Dòng một\nDòng hai"


VIETNAMESE = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyĐÐð àáảãạ\u0300\u0301\u0303\u0309\u0323\u00a0 ")),
    max_size=30,
)


@given(VIETNAMESE)
def test_normalize_is_idempotent_and_nfc(text):
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "Ð" not in once and "ð" not in once and "\u00a0" not in once
    assert once == once.strip() and "  " not in once


@given(VIETNAMESE)
def test_folding_ignores_how_the_text_was_typed(text):
    assert fold(text) == fold(unicodedata.normalize("NFD", text)) == fold(text.replace("Ð", "Đ").replace("ð", "đ"))
    assert fold(text) == fold(fold(text))
