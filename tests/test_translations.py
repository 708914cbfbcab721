"""Vietnamese is complete and compiled; English is one click away."""

import ast
import gettext
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.conftest import client_for

PO = Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po")
MO = PO.with_suffix(".mo")


def _po_entries() -> dict[str, tuple[str, bool]]:
    """msgid -> (first msgstr, fuzzy) from the .po file; a small reader, enough for our file."""
    entries: dict[str, tuple[str, bool]] = {}
    fuzzy, key, current, msgid, msgstr = False, None, None, "", ""
    for line in PO.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ", "msgstr[")):
            key, _, literal = line.partition(" ")
            current = key
            value = ast.literal_eval(literal)
            if key == "msgid":
                msgid = value
            elif key in ("msgstr", "msgstr[0]"):
                msgstr = value
        elif line.startswith('"') and current:
            value = ast.literal_eval(line)
            if current == "msgid":
                msgid += value
            elif current in ("msgstr", "msgstr[0]"):
                msgstr += value
        elif not line.strip():
            if current and msgid:
                entries[msgid] = (msgstr, fuzzy)
            fuzzy, current, msgid, msgstr = False, None, "", ""
    return entries


def test_every_message_has_a_vietnamese_translation():
    entries = _po_entries()
    assert len(entries) > 200
    untranslated = [m for m, (text, _fuzzy) in entries.items() if not text]
    fuzzy = [m for m, (_text, is_fuzzy) in entries.items() if is_fuzzy]
    assert untranslated == [] and fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, (text, _fuzzy) in _po_entries().items():
        assert catalogue.gettext(msgid) == text or catalogue.ngettext(msgid, msgid, 1) == text, msgid


def test_pages_are_vietnamese_by_default_and_english_on_request(leadership, province):
    client = client_for(leadership)
    assert "Tổng quan toàn tỉnh" in client.get(reverse("dashboard:home")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("dashboard:home")})
    assert response.status_code == 302
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Provincial dashboard" in page and "Tổng quan toàn tỉnh" not in page


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(leadership, province):
    client = client_for(leadership)
    page = client.get(reverse("dashboard:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Tổng quan toàn tỉnh" in page
