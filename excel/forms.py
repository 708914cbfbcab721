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
