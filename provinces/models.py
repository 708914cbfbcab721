"""Socio-economic regions and provinces: the bottom floor, imported by every other app."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A socio-economic region; the 2009-2025 criteria sets set targets per region."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("socio-economic region")
        verbose_name_plural = _("socio-economic regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PeriodQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Units that existed on `day` (codes are reused across periods)."""
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=day)
        )

    def current(self):
        return self.filter(valid_until__isnull=True)

    def in_year(self, year: int):
        """Units a report of `year` is about: those that existed at its end (31 December).

        A year split by a reform (2025: districts and old communes until 30/6, new communes from 1/7) is
        reported by the units that closed it. Codes are reused, so a code means a unit only with a date.
        """
        return self.valid_on(year_end(year))

    def by_code_on(self, code: str, day):
        """The unit with `code` on `day`, or None: a lookup by code is always a lookup by code and date."""
        return self.valid_on(day).filter(code=code).first()


def year_end(year: int):
    """31 December of `year`: the day a year's report reads its units on."""
    return datetime.date(year, 12, 31)


class AdministrativeUnit(models.Model):
    """A unit of the GSO list, valid for a period: codes are reused after reforms."""

    code = models.CharField(_("GSO code"), max_length=10)
    name = models.CharField(_("name"), max_length=150)
    valid_from = models.DateField(_("valid from"), default="1900-01-01")
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty while the unit still exists.")
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @classmethod
    def period_constraints(cls, label: str) -> list:
        """Codes are unique within a period: one open unit per code, one unit per code and start."""
        return [
            models.UniqueConstraint(fields=["code", "valid_from"], name=f"{label}_code_unique_per_start"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(valid_until__isnull=True), name=f"{label}_code_unique_current"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=models.F("valid_from")),
                name=f"{label}_period_ends_after_start",
            ),
        ]


class Province(AdministrativeUnit):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True, related_name="provinces"
    )
    report_cutoff = models.PositiveSmallIntegerField(
        _("report cut-off (criteria)"),
        null=True,
        blank=True,
        help_text=_("Reports count communes under this many criteria (Hà Tĩnh: 7)."),
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]
        constraints = AdministrativeUnit.period_constraints("province")
