"""The training / event form: who may record which level is checked here, with a message on the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import policy
from ntm.lib.forms import DecimalInputField, LabelledErrorsMixin, NormalizedCharField, NormalizedTextField

from .models import Training

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class TrainingForm(LabelledErrorsMixin, forms.ModelForm):
    title = NormalizedCharField(label=_("title"), max_length=200)
    organiser = NormalizedCharField(label=_("organiser"), max_length=200)
    place = NormalizedCharField(label=_("place"), max_length=200, required=False)
    topics = NormalizedTextField(label=_("topics"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    cost = DecimalInputField(
        label=_("cost (million VND)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    note = NormalizedTextField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Training
        fields = ["title", "kind", "level", "organiser", "starts_on", "ends_on", "place", "topics", "districts"]
        fields += ["communes", "participants", "officials", "residents", "cost", "cost_source", "note"]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "districts": forms.SelectMultiple(attrs={"size": 6}),
            "communes": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user, districts, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["districts"].queryset = districts.order_by("code")
        self.fields["communes"].queryset = communes.select_related("district").order_by("district__code", "sort_name")
        self.fields["communes"].label_from_instance = lambda c: (
            f"{c.name} ({c.district.name})" if c.district else c.name
        )

    def clean(self):
        data = super().clean()
        level = data.get("level")
        districts, communes = data.get("districts") or [], data.get("communes") or []
        if level == Training.Level.PROVINCE and not policy.can_edit_district(self.user, None):
            self.add_error("level", _("Only the office records province-level trainings and events."))
        if level == Training.Level.DISTRICT and not districts:
            self.add_error("districts", _("A district-level training covers at least one district."))
        if level == Training.Level.COMMUNE and not communes:
            self.add_error("communes", _("A commune-level training covers at least one commune."))
        return data
