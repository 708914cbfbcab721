"""Forms of the office's work. Every error names its field (LabelledErrorsMixin); numbers are read the Vietnamese
way (DecimalInputField); texts are normalised (NFC, trimmed)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.policy import district_id_of
from communes.models import Commune, District
from criteria.models import Criterion, Indicator
from ntm.lib.forms import DecimalInputField, LabelledErrorsMixin, NormalizedCharField, NormalizedTextField

from . import word
from .models import (
    CalendarEntry,
    CommuneGroup,
    Document,
    DocumentType,
    Finding,
    Inspection,
    InspectionRequest,
    PlanTarget,
    Review,
    ReviewEntry,
    Visit,
    WordTemplate,
    YearPlan,
)
from .services import ANSWER_KINDS, DOCUMENT_KINDS, file_check

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "class": "date-input"}, format="%d/%m/%Y")
TIME = forms.TimeInput(attrs={"placeholder": "hh:mm"}, format="%H:%M")
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def people():
    """Users with a role, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__isnull=False)
        .order_by("last_name", "first_name", "username")
    )


def person_label(user) -> str:
    return user.get_full_name() or user.username


def current_communes():
    return Commune.objects.current().filter(in_programme=True).select_related("district").order_by("sort_name")


def current_districts():
    return District.objects.current().order_by("sort_name")


class BaseModelForm(LabelledErrorsMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE
                field.input_formats = DATE_FORMATS
            if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
                model = field.queryset.model
                if model is get_user_model():
                    field.queryset = people()
                    field.label_from_instance = person_label
                elif model is Commune:
                    field.queryset = current_communes()
                    field.label_from_instance = lambda c: f"{c.name} ({c.district.name if c.district else '—'})"
                elif model is District:
                    field.queryset = current_districts()


class BaseForm(LabelledErrorsMixin, forms.Form):
    pass


# --- documents --------------------------------------------------------------------------------------------------


class DocumentForm(BaseModelForm):
    number = NormalizedCharField(label=_("Number and symbol"), max_length=80)
    issuer = NormalizedCharField(label=_("Issuing body"), max_length=200)
    signer = NormalizedCharField(label=_("Signer"), max_length=120, required=False)
    summary = NormalizedTextField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    answer_by = NormalizedCharField(label=_("Who must answer"), max_length=200, required=False)
    upload = forms.FileField(label=_("File"), required=False, help_text=_("PDF or Word."))

    class Meta:
        model = Document
        fields = [
            "direction",
            "doc_type",
            "sequence",
            "number",
            "date",
            "issuer",
            "signer",
            "summary",
            "communes",
            "districts",
            "criteria",
            "answer_deadline",
            "answer_by",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = Criterion.objects.select_related("criteria_set").order_by(
            "-criteria_set__year_from", "number"
        )
        self.fields["criteria"].label_from_instance = lambda c: f"{c.criteria_set.code} · {c.number}. {c.name}"
        for name in ("communes", "districts", "criteria"):
            self.fields[name].widget.attrs["size"] = 6

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            file_check(upload, kinds=DOCUMENT_KINDS)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("answer_deadline") and not data.get("answer_by"):
            self.add_error(
                "answer_by", forms.ValidationError(_("Say who must answer by the deadline."), code="required")
            )
        return data


class DocumentTypeChoiceForm(BaseForm):
    doc_type = forms.ModelChoiceField(label=_("Type"), queryset=DocumentType.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


# --- inspections ------------------------------------------------------------------------------------------------


class InspectionForm(BaseModelForm):
    title = NormalizedCharField(label=_("Title"), max_length=200)
    visit_communes = forms.ModelMultipleChoiceField(
        label=_("Communes to visit"), queryset=Commune.objects.none(), required=False
    )

    class Meta:
        model = Inspection
        fields = [
            "title",
            "kind",
            "subjects",
            "lead",
            "members",
            "other_members",
            "planned_start",
            "planned_end",
            "held_start",
            "held_end",
            "legal_basis",
            "documents",
            "conclusion_number",
            "conclusion_date",
            "conclusion",
            "signer_title",
            "signer_name",
        ]
        widgets = {"subjects": forms.CheckboxSelectMultiple, "conclusion": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit_communes"].queryset = current_communes()
        self.fields["visit_communes"].label_from_instance = lambda c: (
            f"{c.name} ({c.district.name if c.district else '—'})"
        )
        self.fields["visit_communes"].widget.attrs["size"] = 8
        self.fields["members"].widget.attrs["size"] = 5
        if self.instance.pk:
            self.fields["visit_communes"].help_text = _("Communes added here join those already in the inspection.")

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", forms.ValidationError(_("It cannot be before “planned from”."), code="order"))
        start, end = data.get("held_start"), data.get("held_end")
        if start and end and end < start:
            self.add_error("held_end", forms.ValidationError(_("It cannot be before “held from”."), code="order"))
        return data

    def _post_clean(self):
        # The model's own clean() repeats the checks above; its messages would come twice.
        self.instance.clean = lambda: None
        super()._post_clean()


class InspectionStepForm(BaseForm):
    target = forms.ChoiceField(label=_("New status"), choices=Inspection.Status.choices)


class VisitForm(BaseModelForm):
    class Meta:
        model = Visit
        fields = ["commune", "visited_on", "commune_representatives", "record_number", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        if self.instance.pk:
            self.fields["commune"].disabled = True

    def clean_commune(self):
        commune = self.cleaned_data["commune"]
        taken = Visit.objects.filter(inspection=self.inspection, commune=commune).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This commune is already in the inspection."), code="unique")
        return commune


class FindingForm(BaseModelForm):
    recorded_value = DecimalInputField(label=_("Recorded value"), required=False, max_digits=14, decimal_places=3)
    found_value = DecimalInputField(label=_("Value found"), required=False, max_digits=14, decimal_places=3)
    topic = NormalizedCharField(label=_("Topic"), max_length=200, required=False)

    class Meta:
        model = Finding
        fields = [
            "criterion",
            "indicator",
            "topic",
            "recorded_value",
            "found_value",
            "verdict",
            "observation",
            "evidence",
            "evidence_note",
            "severity",
        ]
        widgets = {"observation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, criteria_set=None, **kwargs):
        super().__init__(*args, **kwargs)
        criteria = Criterion.objects.filter(criteria_set=criteria_set).order_by("number")
        indicators = Indicator.objects.filter(criterion__criteria_set=criteria_set).select_related("criterion")
        self.fields["criterion"].queryset = criteria
        self.fields["criterion"].label_from_instance = lambda c: f"{c.number}. {c.name}"
        self.fields["indicator"].queryset = indicators.order_by("criterion__number", "order", "code")
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.text[:80]}"
        self.fields["verdict"].help_text = _("With both values given, the verdict follows them.")

    def clean(self):
        data = super().clean()
        indicator, criterion = data.get("indicator"), data.get("criterion")
        if indicator and criterion and indicator.criterion_id != criterion.pk:
            self.add_error(
                "indicator", forms.ValidationError(_("This indicator belongs to another criterion."), code="criterion")
            )
        if not indicator and not criterion and not data.get("topic"):
            self.add_error(
                "topic",
                forms.ValidationError(_("Choose a criterion or an indicator, or write the topic."), code="required"),
            )
        return data


class RequestForm(BaseModelForm):
    text = NormalizedTextField(label=_("Request"), widget=forms.Textarea(attrs={"rows": 3}))
    department = NormalizedCharField(label=_("Department"), max_length=200, required=False)

    class Meta:
        model = InspectionRequest
        fields = ["text", "responsible_kind", "commune", "district", "department", "deadline"]

    def clean(self):
        data = super().clean()
        kind = data.get("responsible_kind")
        needed = {
            InspectionRequest.Responsible.COMMUNE: ("commune", _("Choose the commune responsible.")),
            InspectionRequest.Responsible.DISTRICT: ("district", _("Choose the district responsible.")),
            InspectionRequest.Responsible.DEPARTMENT: ("department", _("Name the department responsible.")),
        }
        if kind in needed:
            name, message = needed[kind]
            if not data.get(name):
                self.add_error(name, forms.ValidationError(message, code="required"))
        return data


class AnswerForm(BaseForm):
    answer = NormalizedTextField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
    upload = forms.FileField(label=_("File"), required=False, help_text=_("PDF, Word or an image."))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            file_check(upload, kinds=ANSWER_KINDS)
        return upload


class CloseForm(BaseForm):
    note = NormalizedTextField(label=_("Office's note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(BaseForm):
    note = NormalizedTextField(label=_("What is still missing"), widget=forms.Textarea(attrs={"rows": 2}))


# --- calendar ---------------------------------------------------------------------------------------------------


class CalendarEntryForm(BaseModelForm):
    title = NormalizedCharField(label=_("Title"), max_length=200)
    place = NormalizedCharField(label=_("Place"), max_length=200, required=False)

    class Meta:
        model = CalendarEntry
        fields = [
            "title",
            "kind",
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "place",
            "lead",
            "participants",
            "other_participants",
            "districts",
            "communes",
            "notes",
        ]
        widgets = {"start_time": TIME, "end_time": TIME, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("participants", "districts", "communes"):
            self.fields[name].widget.attrs["size"] = 6
        for name in ("start_time", "end_time"):
            self.fields[name].input_formats = ["%H:%M", "%H.%M", "%Hh%M", "%H:%M:%S"]
        own = district_id_of(user)
        if own:
            self.fields["districts"].queryset = current_districts().filter(pk=own)
            self.fields["communes"].queryset = current_communes().filter(district_id=own)
            self.fields["districts"].help_text = _("District officers add entries of their own district only.")
            if not self.instance.pk:
                self.initial.setdefault("districts", [own])

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", forms.ValidationError(_("It cannot be before the start date."), code="order"))
        if data.get("end_time") and not data.get("start_time"):
            self.add_error("start_time", forms.ValidationError(_("Give the start time too."), code="required"))
        if (
            start
            and end
            and start == end
            and data.get("start_time")
            and data.get("end_time")
            and data["end_time"] < data["start_time"]
        ):
            self.add_error("end_time", forms.ValidationError(_("It cannot be before the start time."), code="order"))
        if district_id_of(self.user) and not data.get("districts"):
            self.add_error("districts", forms.ValidationError(_("Choose your district."), code="required"))
        return data


class CalendarFilterForm(BaseForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=_("all districts")
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.none(), required=False, empty_label=_("everybody")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("all kinds")), *CalendarEntry.Kind.choices]
        self.fields["district"].queryset = current_districts()
        self.fields["person"].queryset = people()
        self.fields["person"].label_from_instance = person_label

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "kind": data.get("kind") or "",
            "district_id": data["district"].pk if data.get("district") else None,
            "person_id": data["person"].pk if data.get("person") else None,
        }


class AgendaForm(CalendarFilterForm):
    start = forms.DateField(label=_("From"), required=False, widget=DATE, input_formats=DATE_FORMATS)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE, input_formats=DATE_FORMATS)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("date", _("date, earliest first")), ("-date", _("date, latest first")), ("title", _("title"))],
    )


# --- plans ------------------------------------------------------------------------------------------------------


class PlanForm(BaseModelForm):
    class Meta:
        model = YearPlan
        fields = ["year", "adopted_on", "document", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class PlanReviseForm(BaseModelForm):
    note = NormalizedTextField(label=_("What the revision changes and why"), widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = YearPlan
        fields = ["adopted_on", "document", "note"]


class PlanTargetForm(BaseModelForm):
    average_criteria = DecimalInputField(
        label=_("Average criteria per commune"),
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=19,
    )

    class Meta:
        model = PlanTarget
        fields = ["communes_to_standard", "average_criteria", "lift_from_cutoff"]


PlanTargetFormSet = forms.modelformset_factory(PlanTarget, form=PlanTargetForm, extra=0, can_delete=False)


class PlanCommuneForm(BaseForm):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = current_communes()
        self.fields["commune"].label_from_instance = lambda c: f"{c.name} ({c.district.name if c.district else '—'})"


# --- reviews ----------------------------------------------------------------------------------------------------


class CommuneGroupForm(BaseModelForm):
    name = NormalizedCharField(label=_("Name"), max_length=200)

    class Meta:
        model = CommuneGroup
        fields = ["name"]


class ReviewForm(BaseModelForm):
    title = NormalizedCharField(label=_("Title"), max_length=200)

    class Meta:
        model = Review
        fields = ["group", "year", "held_on", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ReviewEntryForm(BaseModelForm):
    class Meta:
        model = ReviewEntry
        fields = ["classification", "note"]
        widgets = {"note": forms.TextInput()}


ReviewEntryFormSet = forms.modelformset_factory(ReviewEntry, form=ReviewEntryForm, extra=0, can_delete=False)


# --- Word templates ---------------------------------------------------------------------------------------------


class WordTemplateForm(BaseForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=WordTemplate.Kind.choices)
    upload = forms.FileField(label=_("Template (.docx)"))

    def clean_upload(self):
        from workflow import filetypes

        upload = self.cleaned_data["upload"]
        file_check(upload, kinds=(filetypes.DOCX,))
        try:
            names = word.template_placeholders(upload.read())
        except Exception:
            raise forms.ValidationError(_("The file cannot be read as a Word document."), code="unreadable") from None
        finally:
            upload.seek(0)
        if word.BODY not in names:
            raise forms.ValidationError(
                _("The template must contain a paragraph {{ noi_dung }} where the body goes."), code="no_body"
            )
        return upload
