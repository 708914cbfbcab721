"""Choosing one commune among thousands: a text box that takes a GSO code or a name, with suggestions as you type.

A `<select>` of 10,000 communes weighs megabytes and cannot be searched the Vietnamese way; `CommuneChooserField`
reads what was typed (the code "18256", the label a suggestion filled in "Xã Tùng Ảnh (Huyện Đức Thọ) · 18256", or
a name that matches one commune only, accents ignored) and `communes:suggest` returns the suggestions
(`static/js/ntm.js` fills the box's `<datalist>`).
"""

import re

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ntm.lib.text import normalize

from .directory import communes_in_vietnamese_order, communes_search
from .models import Commune

_CODE_AT_END = re.compile(r"(?:^|\s)(\d{5})$")
SUGGESTIONS = 20


def commune_label(commune: Commune) -> str:
    """'Xã Tùng Ảnh (Huyện Đức Thọ) · 18256': what a suggestion shows and what the box then holds."""
    district = f" ({commune.district.name})" if commune.district_id else ""
    return f"{commune.name}{district} · {commune.code}"


def communes_suggested(queryset: QuerySet[Commune], text: str) -> list[Commune]:
    """At most SUGGESTIONS communes of `queryset` matching `text` (name, district or code start), accents ignored,
    the ones matching the accents as typed first."""
    if not normalize(text):
        return []
    found = communes_in_vietnamese_order(communes_search(queryset, text).select_related("district"))
    return list(found[:SUGGESTIONS])


class CommuneChooserField(forms.ModelChoiceField):
    """A commune typed as a code, a suggestion's label or a name matching exactly one commune of the queryset."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid_choice": _("No commune of yours matches “%(value)s”. Type its GSO code or choose a suggestion."),
        "ambiguous": _("Several communes match “%(value)s”: choose one of the suggestions or type its GSO code."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"autocomplete": "off", "list": "commune-suggestions", "data-suggest": ""})

    def prepare_value(self, value):
        if isinstance(value, Commune):
            return commune_label(value)
        if isinstance(value, int | str) and str(value).isdigit() and self.queryset is not None:
            commune = self.queryset.filter(pk=value).select_related("district").first()
            return commune_label(commune) if commune else value
        return value

    def to_python(self, value):
        text = normalize(value or "")
        if not text:
            return None
        queryset = self.queryset.select_related("district")
        if match := _CODE_AT_END.search(text):
            commune = queryset.filter(code=match.group(1)).first()
        else:
            found = list(communes_search(queryset, text)[:2])
            exact = [c for c in found if normalize(c.name).casefold() == text.casefold()]
            if len(found) > 1 and len(exact) != 1:
                raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": text})
            commune = exact[0] if exact else (found[0] if found else None)
        if commune is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return commune

    def validate(self, value):
        return forms.Field.validate(self, value)

    def has_changed(self, initial, data):
        return str(self.prepare_value(initial) or "") != str(data or "")
