"""The upload form: a workbook, refused early when it is not a safe .xlsx."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .upload_guard import UploadRefused, check_name_and_size, upload_check


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx)"))

    def clean_file(self) -> bytes:
        """The file's bytes, once its name, size and zip structure have passed the upload guard."""
        upload = self.cleaned_data["file"]
        try:
            check_name_and_size(upload.name, upload.size)  # before a byte is read
            data = b"".join(upload.chunks())
            upload_check(data, name=upload.name)
        except UploadRefused as refused:
            raise forms.ValidationError(refused.message, code="refused") from None
        self.file_name = upload.name
        return data


class CapitalScopeForm(forms.Form):
    """Whose resources table: a year and the province level, a district, or a commune."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Level"))
    district = forms.ModelChoiceField(label=_("District"), queryset=None, required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=None, required=False)

    def __init__(self, *args, districts, communes, **kwargs):
        from capital.models import Level

        super().__init__(*args, **kwargs)
        self.fields["level"].choices = Level.choices
        self.fields["district"].queryset = districts.order_by("code")
        self.fields["commune"].queryset = communes.select_related("district").order_by("district__code", "sort_name")
        self.fields["commune"].label_from_instance = lambda c: f"{c.name} ({c.district.name})" if c.district else c.name

    def clean(self):
        from capital.models import Level

        data = super().clean()
        if data.get("level") == Level.DISTRICT and not data.get("district") and "district" not in self.errors:
            self.add_error("district", _("Choose the district."))
        if data.get("level") == Level.COMMUNE and not data.get("commune") and "commune" not in self.errors:
            self.add_error("commune", _("Choose the commune."))
        return data


class CapitalUploadForm(WorkbookUploadForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    field_order = ["year", "file"]
