"""Forms of the OCOP register: a product, and one rating (scores checked against the rule of its decision date)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm.lib.forms import DecimalInputField, LabelledErrorsMixin, NormalizedCharField, NormalizedTextField
from ntm.lib.numbers import shown
from production.models import Enterprise

from . import rules
from .models import OcopProduct, OcopRating
from .services import rule_in_force

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
SCORE = {"min_value": 0, "max_value": 100, "max_digits": 5, "decimal_places": 2}


class OcopProductForm(LabelledErrorsMixin, forms.ModelForm):
    name = NormalizedCharField(label=_("name"), max_length=150)
    owner_name = NormalizedCharField(
        label=_("owner (when not a registered enterprise)"),
        max_length=150,
        required=False,
        help_text=_("e.g. a household."),
    )
    note = NormalizedTextField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = OcopProduct
        fields = ["name", "commune", "group", "owner", "owner_name", "note"]

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes.select_related("district")
        self.fields["commune"].label_from_instance = lambda c: f"{c.name} ({c.district.name})" if c.district else c.name
        owners = Enterprise.objects.filter(commune__in=communes).exclude(kind=Enterprise.Kind.COOPERATIVE_GROUP)
        self.fields["owner"].queryset = owners.select_related("commune").order_by("sort_name")
        self.fields["owner"].label_from_instance = lambda e: f"{e.name} ({e.commune.name})"


class OcopRatingForm(LabelledErrorsMixin, forms.ModelForm):
    score_a = DecimalInputField(label=_("part A score"), **SCORE)
    score_b = DecimalInputField(label=_("part B score"), **SCORE)
    score_c = DecimalInputField(label=_("part C score"), **SCORE)
    decision_number = NormalizedCharField(label=_("decision number"), max_length=60)
    note = NormalizedTextField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = OcopRating
        fields = ["score_a", "score_b", "score_c", "level", "decision_number", "decision_date", "recognised_on", "note"]
        widgets = {"decision_date": DATE_INPUT, "recognised_on": DATE_INPUT}
        help_texts = {"recognised_on": _("The certificate is valid for 36 months from this date.")}

    def clean(self):
        data = super().clean()
        day = data.get("decision_date")
        if day is None:
            return data
        rule = rule_in_force(day)
        if rule is None:
            self.add_error(
                "decision_date",
                _("No OCOP rating rule was in force on %(date)s.") % {"date": day.strftime("%d/%m/%Y")},
            )
            return data
        scores = {part: data.get(f"score_{part}") for part in ("a", "b", "c")}
        for part, (score, most) in rules.score_errors(scores, rule).items():
            self.add_error(
                f"score_{part}",
                _("At most %(most)s points under %(rule)s; %(score)s was given.")
                % {"most": most, "rule": rule.decision, "score": shown(score)},
            )
        self.rule = rule
        return data
