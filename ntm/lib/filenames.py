"""Download file names that say what they hold, in words without diacritics: `ma-tran-huyen-duc-tho-2014.xlsx`."""

from django.utils.text import slugify

from .text import fold


def words(*parts: object) -> str:
    """The parts as one ASCII slug: ('Ma trận', 'Huyện Đức Thọ', 2014) -> 'ma-tran-huyen-duc-tho-2014'.

    Vietnamese letters lose their marks (đ -> d, which slugify alone would drop); empty parts are skipped;
    identifiers such as years are written as they are (never grouped).
    """
    return slugify(" ".join(fold(str(part)) for part in parts if part not in (None, ""))) or "tep"
