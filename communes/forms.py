"""Commune forms: the directory's filter (GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import District
from .selectors import districts_for_filter

NO_DATA = "no-data"  # the band filter's choice for communes with no value recorded in the year


class CommuneFilterForm(forms.Form):
    """The directory's filters, always bound to the query string.

    The view passes the years with data, the year shown and the band labels of
    the set in force that year; missing parameters take their defaults (in the
    programme: yes; recognised: any; year: the year shown).
    """

    YES_NO_ANY = [("any", _("any")), ("yes", _("yes")), ("no", _("no"))]
    DEFAULTS = {"recognised": "any", "in_programme": "yes"}

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.current().order_by("sort_name"),
        required=False,
        empty_label=_("all districts"),
    )
    band = forms.ChoiceField(label=_("Band"), required=False)
    registered_year = forms.IntegerField(label=_("Registered for"), required=False, min_value=2000, max_value=2100)
    recognised = forms.ChoiceField(label=_("Recognised"), choices=YES_NO_ANY, required=False)
    in_programme = forms.ChoiceField(label=_("In the programme"), choices=YES_NO_ANY, required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, data=None, *, years: list[int], year: int, bands: list[str], province=None, **kwargs):
        data = data.copy() if data is not None else {}
        for name, value in self.DEFAULTS.items():
            if not data.get(name):
                data[name] = value
        data["year"] = str(year)
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in sorted({*years, year}, reverse=True)]
        districts, self.former_districts = districts_for_filter(year, province)
        self.fields["district"].queryset = districts
        if self.former_districts:
            self.fields["district"].label = _("Former district")
            self.fields["district"].empty_label = _("all former districts")
        self.fields["band"].choices = [
            ("", _("all bands")),
            *((label, label) for label in bands),
            (NO_DATA, _("no data yet")),
        ]
