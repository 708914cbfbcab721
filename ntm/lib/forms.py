"""Form fields shared by every app, built on `ntm.lib.numbers` and `ntm.lib.text`."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from .numbers import NumberError, format_decimal, parse_decimal
from .text import normalize, normalize_multiline


class DecimalInput(forms.TextInput):
    """A text box showing a number as `format_decimal` writes it (85,5; never grouped, never ambiguous)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_decimal(value)
        return super().format_value(value)


class DecimalInputField(forms.DecimalField):
    """A decimal read by the one number parser: `17,5` and `17.5` alike on every page, `1.234.567` grouped,
    `1.500` refused as ambiguous with a message that names both readings."""

    widget = DecimalInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        try:
            return parse_decimal(str(value))
        except NumberError as error:
            raise ValidationError(error.message, code=error.code) from None

    def widget_attrs(self, widget):
        return {}  # no browser-side min/max/step: the server's messages are the ones people read


class NormalizedCharField(forms.CharField):
    """Text stored as `normalize` leaves it: NFC, trimmed, one space between words, Ð as Đ."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize(value) if value else value


class NormalizedTextField(forms.CharField):
    """Multi-line text (notes), normalised line by line."""

    widget = forms.Textarea

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_multiline(value) if value else value


class LabelledErrorsMixin:
    """Every field error starts with the field's label ("Doanh thu: ... không phải là số."), so a message read
    on its own (the summary above a form, a screen reader, a log) still names the field it belongs to. Labels
    start with a capital letter, whether they come from the model or the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)

    def full_clean(self):
        super().full_clean()
        if not getattr(self, "_errors", None):
            return
        for name in list(self._errors):
            field = self.fields.get(name)
            if field is None:
                continue
            label = capfirst(str(field.label or name))
            messages = [message for message in self._errors[name]]
            self._errors[name] = self.error_class(
                [m if m.startswith(f"{label}: ") else f"{label}: {m}" for m in messages],
                renderer=getattr(self, "renderer", None),
            )
