"""Vietnamese text helpers: the one normaliser, accent folding for search and an alphabetical sort key.

`normalize` is where every typed or imported text goes first (forms, imports, search, sort keys, yes/no
words): NFC, trimmed, inner runs of spaces (NBSP included) made one space, and the lookalike letters Ð / ð
(U+00D0 / U+00F0, the Icelandic eth, produced by some keyboards and fonts) read as Đ / đ.

Vietnamese order is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
tone marks only break ties (secondary level), as in the vi ICU collation.
"""

import re
import unicodedata

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_LETTERS = {letter: index for index, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư)
_ADMIN_PREFIXES = ("thành phố ", "thị xã ", "thị trấn ", "huyện ", "quận ", "phường ", "xã ", "tỉnh ")


_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ"})
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")


def normalize(text: str) -> str:
    """The stored form of typed or imported text: NFC, trimmed, one space between words, Ð/ð as Đ/đ.

    'Ðức  Thọ\u00a0' -> 'Đức Thọ'; decomposed accents (e + U+0301) become the composed letter (é).
    Line breaks inside a value become spaces too (use `normalize_multiline` for notes).
    """
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text.translate(_LOOKALIKES))).strip()


def normalize_multiline(text: str) -> str:
    """As `normalize`, line by line: notes and summaries keep their line breaks (as \\n)."""
    if not text:
        return ""
    lines = unicodedata.normalize("NFC", text.translate(_LOOKALIKES)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in lines.split("\n")).strip()


def fold(text: str) -> str:
    """Lower-case, accent-free form: 'Kỳ Anh' -> 'ky anh', 'Đức Thọ' -> 'duc tho', 'Ðức Thọ' -> 'duc tho'."""
    decomposed = unicodedata.normalize("NFD", normalize(text).lower().replace("đ", "d"))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def strip_admin_prefix(name: str) -> str:
    """'Xã Kỳ Anh' -> 'Kỳ Anh', so units sort by their own name, not by their kind."""
    lowered = name.lower()
    for prefix in _ADMIN_PREFIXES:
        if lowered.startswith(prefix):
            return name[len(prefix) :]
    return name


def _split_letters(text: str) -> list[tuple[str, int]]:
    """Each letter as (base letter with its letter marks, tone number)."""
    letters: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(ch):
            if not letters:
                continue
            base, tone = letters[-1]
            if ch in _TONES:
                letters[-1] = (base, _TONES[ch])
            elif ch in _LETTER_MARKS:
                letters[-1] = (unicodedata.normalize("NFC", base + ch), tone)
            continue
        letters.append((ch, 0))
    return letters


def vi_sort_key(text: str) -> str:
    """A string key whose plain (binary) order is Vietnamese alphabetical order.

    Primary level: letters by the Vietnamese alphabet (Đ after D, Ă and Â after A);
    secondary level: tone marks. Usable as a stored column on SQLite.
    """
    letters = _split_letters(strip_admin_prefix(normalize(text)))
    primary = []
    for base, _tone in letters:
        if base in _BASE_LETTERS:
            primary.append(chr(0x100 + _BASE_LETTERS[base] * 2))
        elif base.isdigit():
            primary.append(chr(0x30 + int(base)))
        elif base.isspace():
            primary.append(" ")
        else:
            primary.append(chr(0x400 + ord(base) % 0x1000))
    secondary = "".join(chr(0x41 + tone) for _base, tone in letters)
    return "".join(primary) + "\x01" + secondary
