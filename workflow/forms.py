"""Forms of the workflow: one per step (with the details it needs), evidence upload, bulk steps, registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from communes.chooser import CommuneChooserField
from communes.models import Commune, CommuneYear
from criteria.converters import year_in_force

from . import rules
from .rules import Action
from .services import TransitionDetails, evidence_check_file

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class TransitionForm(forms.Form):
    """A step without details (submit, verify): the version the page was read at, so an old page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.BooleanField(widget=forms.HiddenInput, required=False)  # seen what is missing, go ahead

    def details(self) -> TransitionDetails:
        names = TransitionDetails.__dataclass_fields__
        return TransitionDetails(**{k: v for k, v in self.cleaned_data.items() if k in names and v is not None})


class ReasonForm(TransitionForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class AppraiseForm(TransitionForm):
    council_date = forms.DateField(label=_("Council date"), widget=DATE_INPUT)
    council_result = forms.ChoiceField(label=_("Council result"), choices=CommuneYear.CouncilResult.choices)


class RecogniseForm(TransitionForm):
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_INPUT)
    decision_level = forms.ChoiceField(
        label=_("Recognition level"),
        choices=Commune.RecognitionLevel.choices,
        initial=Commune.RecognitionLevel.STANDARD,
    )


FORMS: dict[Action, type[TransitionForm]] = {
    Action.SUBMIT: TransitionForm,
    Action.VERIFY: TransitionForm,
    Action.APPRAISE: AppraiseForm,
    Action.RECOGNISE: RecogniseForm,
    Action.RETURN: ReasonForm,
    Action.REOPEN: ReasonForm,
}


class EvidenceForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None)
    file = forms.FileField(label=_("File"), help_text=_("PDF, image, Word or Excel."))
    title = forms.CharField(label=_("Title"), max_length=200)
    document_number = forms.CharField(label=_("Document number"), max_length=60, required=False)
    document_date = forms.DateField(label=_("Document date"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.text[:90]}"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        evidence_check_file(upload)
        return upload


class BulkTransitionForm(forms.Form):
    """One step for many communes of a district; each commune's version comes as version_<id>."""

    action = forms.ChoiceField(label=_("Action"))
    communes = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Reason (to return)"), max_length=2000, required=False)
    confirm = forms.BooleanField(
        label=_("Submit also the communes that still miss criteria or evidence"),
        required=False,
        help_text=_("Without this, such communes are listed below and left as they are."),
    )

    def __init__(self, *args, communes, actions: list[Action], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = communes
        labels = {Action.SUBMIT: _("Submit"), Action.VERIFY: _("Verify"), Action.RETURN: _("Return")}
        self.fields["action"].choices = [(action.value, labels[action]) for action in actions]

    def clean(self):
        data = super().clean()
        if data.get("action") and rules.missing_details(Action(data["action"]), data):
            self.add_error("reason", forms.ValidationError(_("Give the reason for returning."), code="required"))
        return data

    def expected_versions(self) -> dict[int, int]:
        versions = {}
        for commune in self.cleaned_data.get("communes", []):
            raw = self.data.get(f"version_{commune.pk}", "")
            if raw.isdigit():
                versions[commune.pk] = int(raw)
        return versions


class RegistrationForm(forms.Form):
    commune = CommuneChooserField(
        label=_("Commune"), queryset=None, help_text=_("Type its name or GSO code and choose a suggestion.")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes

    def clean_year(self) -> int:
        """Only a year some criteria set covers: a year nobody can judge has no place on the list."""
        year = self.cleaned_data["year"]
        if not year_in_force(year):
            raise forms.ValidationError(
                _("No criteria set is in force in %(year)s; choose a year a criteria set covers."),
                code="no_criteria_set",
                params={"year": year},
            )
        return year
