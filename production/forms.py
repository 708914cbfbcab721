"""Forms of production models (with their yearly figures), the size thresholds and enterprises.

Money is read by `DecimalInputField` (1.234,5 and 1234.5 alike); every error names its field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from ntm.lib.forms import DecimalInputField, LabelledErrorsMixin, NormalizedCharField, NormalizedTextField

from .models import Enterprise, ModelYear, ProductionModel, SizeThresholds

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
MONEY = {"max_digits": 14, "decimal_places": 2}


class ProductionModelForm(LabelledErrorsMixin, forms.ModelForm):
    name = NormalizedCharField(label=_("name"), max_length=150)
    owner_name = NormalizedCharField(label=_("owner"), max_length=150, required=False)
    support_policy = NormalizedCharField(
        label=_("support policy"),
        max_length=200,
        required=False,
        help_text=_("Which policy: the number of the resolution or decision."),
    )
    note = NormalizedTextField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = ProductionModel
        fields = ["name", "commune", "owner_kind", "owner_name", "sector", "start_year", "supported", "support_policy"]
        fields += ["note"]

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes.select_related("district")
        self.fields["commune"].label_from_instance = _commune_label


def _commune_label(commune) -> str:
    return f"{commune.name} ({commune.district.name})" if commune.district else commune.name


class ModelYearForm(LabelledErrorsMixin, forms.ModelForm):
    revenue = DecimalInputField(label=_("revenue (million VND)"), min_value=0, **MONEY)
    profit = DecimalInputField(label=_("profit (million VND)"), required=False, **MONEY)

    class Meta:
        model = ModelYear
        fields = ["year", "revenue", "profit", "jobs", "households"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-check-input" if name == "DELETE" else "form-control form-control-sm"
            field.widget.attrs["class"] = css
            field.widget.attrs["aria-label"] = field.label


class BaseModelYearFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        start_year = getattr(self.instance, "start_year", None)
        seen: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            year = form.cleaned_data.get("year")
            if year is None:
                continue
            if start_year and year < start_year:
                form.add_error(
                    "year",
                    _("%(year)s is before the model's start year %(start)s.") % {"year": year, "start": start_year},
                )
            if year in seen:
                form.add_error("year", _("The year %(year)s is given twice.") % {"year": year})
            seen.add(year)


ModelYearFormSet = inlineformset_factory(
    ProductionModel, ModelYear, form=ModelYearForm, formset=BaseModelYearFormSet, extra=1, can_delete=True
)


class SizeThresholdsForm(LabelledErrorsMixin, forms.ModelForm):
    counting_floor = DecimalInputField(label=_("counting floor (million VND a year)"), min_value=0, **MONEY)
    medium_from = DecimalInputField(label=_("medium from (million VND a year)"), min_value=0, **MONEY)
    large_from = DecimalInputField(label=_("large from (million VND a year)"), min_value=0, **MONEY)
    target_share = DecimalInputField(
        label=_("target: communes with all three sizes (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    source = NormalizedTextField(label=_("sources"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = NormalizedTextField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = SizeThresholds
        fields = ["valid_from", "counting_floor", "floor_verified", "medium_from", "large_from", "sizes_verified"]
        fields += ["target_share", "target_verified", "source", "note"]
        widgets = {"valid_from": DATE_INPUT}


class EnterpriseForm(LabelledErrorsMixin, forms.ModelForm):
    name = NormalizedCharField(label=_("name"), max_length=150)
    registration_number = NormalizedCharField(
        label=_("registration number"),
        max_length=60,
        required=False,
        help_text=_("The cooperative's (or group's) registration number, as written on its certificate."),
    )
    note = NormalizedTextField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Enterprise
        fields = ["name", "kind", "commune", "tax_code", "registration_number", "founded_on", "closed_on", "sector"]
        fields += ["members", "employees", "note"]
        widgets = {"founded_on": DATE_INPUT, "closed_on": DATE_INPUT}

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes.select_related("district")
        self.fields["commune"].label_from_instance = _commune_label

    def clean_tax_code(self) -> str:
        """Spaces and dots people type between groups are dropped: "0101 234 567" -> "0101234567"."""
        raw = self.cleaned_data.get("tax_code") or ""
        code = raw.replace(" ", "").replace(".", "").replace("\u00a0", "")
        if code and not Enterprise._meta.get_field("tax_code").validators[0].regex.match(code):
            raise ValidationError(
                _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits (0101234567 or 0101234567-001)."),
                code="tax_code",
            )
        return code
