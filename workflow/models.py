"""Evidence files (hồ sơ minh chứng) attached to an indicator of a commune's year."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .filetypes import download_name


def evidence_path(instance: "Evidence", filename: str) -> str:
    """evidence/<32 random hex digits>: nothing of the user's file name, nothing anyone can guess."""
    return f"evidence/{uuid.uuid4().hex}"


class Evidence(models.Model):
    commune_year = models.ForeignKey(
        "communes.CommuneYear", verbose_name=_("commune year"), on_delete=models.CASCADE, related_name="evidence"
    )
    indicator = models.ForeignKey(
        "criteria.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=100)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    title = models.CharField(_("title"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["commune_year", "indicator", "uploaded_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workflow:evidence_download", args=[self.pk])

    @property
    def download_name(self) -> str:
        return download_name(self.original_name, self.content_type)
