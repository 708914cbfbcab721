"""The data-entry form of one commune and one year: one field per indicator of the set in force."""

from django import forms
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from criteria import rules
from criteria.models import CriteriaSet, Criterion, Indicator
from criteria.selectors import TargetBook, indicators_of
from ntm.lib.forms import DecimalInputField

from .models import Assessment, Commune, CommuneYear, value_of
from .scorecard import target_text, unit_of
from .services import target_class_of

YES_NO_CHOICES = [("", "—"), ("1", _("Yes / met")), ("0", _("No"))]


def field_name(indicator: Indicator) -> str:
    return f"ind_{indicator.pk}"


def _yes_no(raw: str) -> bool:
    return raw == "1"


def _field_for(indicator: Indicator) -> forms.Field:
    """A field of the indicator's kind. Numbers are read by the one parser: "85,5" and "85.5" alike."""
    label = f"{indicator.code} {indicator.text}"
    if indicator.kind == rules.BOOLEAN:
        return forms.TypedChoiceField(
            label=label, choices=YES_NO_CHOICES, coerce=_yes_no, empty_value=None, required=False
        )
    if indicator.kind == rules.PERCENTAGE:
        return DecimalInputField(
            label=f"{label} (%)", required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2
        )
    unit = unit_of(indicator)
    return DecimalInputField(
        label=f"{label} ({unit})" if unit else label,
        required=False,
        min_value=0 if indicator.kind == rules.MONEY else None,
        max_digits=14,
        decimal_places=3,
    )


def _initial(indicator: Indicator, value):
    if value is None:
        return None
    if indicator.kind == rules.BOOLEAN:
        return "1" if value else "0"
    return value


def _help_text(indicator: Indicator, target) -> str:
    text = format_html("{}: {}", gettext("Target"), target_text(indicator, target))
    if not indicator.verified:
        text = format_html(
            '{} <span class="unverified-flag" title="{}">⚠</span>',
            text,
            gettext("Not yet checked against the official text"),
        )
    return text


class AssessmentEntryForm(forms.Form):
    """Values of every indicator of the set in force for (commune, year); an empty field clears the value.

    `version` is the year's version the form was read at: a save from an older one is refused (a form
    posted without it, e.g. by a script, is not checked for that, only for the year's lock).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, commune: Commune, year: int, criteria_set: CriteriaSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune, self.year, self.criteria_set = commune, year, criteria_set
        self.fields["version"].initial = CommuneYear.of(commune, year).version
        self.indicators = list(indicators_of(criteria_set))
        recorded = {
            a.indicator_id: a for a in Assessment.objects.filter(commune=commune, year=year).for_set(criteria_set)
        }
        book = TargetBook(criteria_set)
        target_class = target_class_of(commune, criteria_set, year)
        for indicator in self.indicators:
            field = _field_for(indicator)
            target = book.target(indicator.pk, target_class=target_class, year=year, province_id=commune.province_id)
            field.help_text = _help_text(indicator, target)
            if assessment := recorded.get(indicator.pk):
                field.initial = _initial(
                    indicator, value_of(indicator.kind, assessment.yes_no, assessment.percent, assessment.amount)
                )
            self.fields[field_name(indicator)] = field

    def clean(self):
        """A value outside its indicator's plausible range is refused on its field, with the likely intended value
        (`criteria.plausible`)."""
        cleaned = super().clean()
        for indicator in self.indicators:
            name = field_name(indicator)
            if (problem := indicator.plausible_problem(cleaned.get(name))) is not None:
                self.add_error(name, problem)
        return cleaned

    def sections(self) -> list[tuple[Criterion, list[BoundField]]]:
        """The fields under their criterion, in the set's order."""
        sections: dict[int, tuple[Criterion, list[BoundField]]] = {}
        for indicator in self.indicators:
            sections.setdefault(indicator.criterion_id, (indicator.criterion, []))[1].append(
                self[field_name(indicator)]
            )
        return list(sections.values())

    @property
    def has_unverified(self) -> bool:
        return any(not indicator.verified for indicator in self.indicators)

    def indicator_values(self) -> dict[int, object]:
        """Indicator id -> cleaned value (None for an empty field), for `assessments_save`."""
        return {indicator.pk: self.cleaned_data[field_name(indicator)] for indicator in self.indicators}

    def refreshed(self, changed_meanwhile: set[int]) -> "AssessmentEntryForm":
        """After a refused save: a form at the current version, with the values typed here except those
        someone else changed meanwhile (theirs are shown), so saving it again overwrites nothing unseen."""
        initial = {
            field_name(i): _initial(i, self.cleaned_data[field_name(i)])
            for i in self.indicators
            if i.pk not in changed_meanwhile
        }
        return type(self)(commune=self.commune, year=self.year, criteria_set=self.criteria_set, initial=initial)
