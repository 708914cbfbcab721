"""The capital line form: the source must belong to the list of the line's year, the place to the user."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import policy
from ntm.lib.forms import DecimalInputField, LabelledErrorsMixin, NormalizedCharField, NormalizedTextField

from .models import CapitalLine, CapitalSource, Level


def source_label(source: CapitalSource) -> str:
    first, last = source.source_set.year_from, source.source_set.year_to
    return f"{first}-{last} · {source.code} {source.name}"


class CapitalLineForm(LabelledErrorsMixin, forms.ModelForm):
    amount = DecimalInputField(label=_("amount (million VND)"), min_value=0, max_digits=14, decimal_places=2)
    unit = NormalizedCharField(
        label=_("implementing unit"),
        max_length=150,
        required=False,
        help_text=_("e.g. Sở Giao thông vận tải; empty for the level's own report."),
    )
    note = NormalizedTextField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = CapitalLine
        fields = ["year", "period", "kind", "level", "district", "commune", "unit", "source", "amount", "in_kind"]
        fields += ["note"]

    def __init__(self, *args, user, districts, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["district"].queryset = districts.order_by("code")
        self.fields["commune"].queryset = communes.select_related("district").order_by("district__code", "sort_name")
        self.fields["commune"].label_from_instance = lambda c: f"{c.name} ({c.district.name})" if c.district else c.name
        leaves = CapitalSource.objects.filter(children__isnull=True).select_related("source_set")
        self.fields["source"].queryset = leaves.order_by("-source_set__year_from", "order")
        self.fields["source"].label_from_instance = source_label
        self.fields["in_kind"].help_text = _(
            "Labour and goods converted to money; always on for sources that are in kind."
        )

    def clean(self):
        data = super().clean()
        level = data.get("level")
        if level == Level.PROVINCE and not policy.can_edit_district(self.user, None):
            self.add_error("level", _("Only the office records province-level capital."))
        if level == Level.DISTRICT and data.get("district") is None and "district" not in self.errors:
            self.add_error("district", _("A district-level line needs its district."))
        if level == Level.COMMUNE and data.get("commune") is None and "commune" not in self.errors:
            self.add_error("commune", _("A commune-level line needs its commune."))
        source = data.get("source")
        if source is not None and source.in_kind:
            data["in_kind"] = True
        return data
