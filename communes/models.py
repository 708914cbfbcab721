"""Districts, communes (with the period they existed) and their yearly assessments."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from criteria import rules
from ntm.lib.text import fold, strip_admin_prefix, vi_sort_key
from provinces.models import AdministrativeUnit


class NamedUnitMixin(models.Model):
    """Search and sort columns kept in step with the name (accent-free, Vietnamese order)."""

    search_name = models.CharField(_("search name"), max_length=150, editable=False, db_index=True, default="")
    sort_name = models.CharField(_("sort key"), max_length=400, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_name_columns()
        super().save(*args, **kwargs)

    def refresh_name_columns(self) -> None:
        self.search_name = fold(strip_admin_prefix(self.name))
        self.sort_name = vi_sort_key(self.name)


class District(NamedUnitMixin, AdministrativeUnit):
    class Kind(models.TextChoices):
        CITY = "thanh_pho", _("provincial city")
        TOWN = "thi_xa", _("town")
        DISTRICT = "huyen", _("rural district")
        URBAN_DISTRICT = "quan", _("urban district")

    province = models.ForeignKey(
        "provinces.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="districts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DISTRICT)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["province", "code"]
        constraints = AdministrativeUnit.period_constraints("district")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:communes_district_change", args=[self.pk])


class Commune(NamedUnitMixin, AdministrativeUnit):
    class Kind(models.TextChoices):
        COMMUNE = "xa", _("commune")
        WARD = "phuong", _("ward")
        TOWNSHIP = "thi_tran", _("township")
        SPECIAL_ZONE = "dac_khu", _("special zone")

    class RecognitionLevel(models.TextChoices):
        STANDARD = "dat_chuan", _("new rural standard")
        ADVANCED = "nang_cao", _("advanced")
        MODEL = "kieu_mau", _("model")
        MODERN = "hien_dai", _("modern")

    class Group(models.IntegerChoices):
        ONE = 1, _("group 1")
        TWO = 2, _("group 2")
        THREE = 3, _("group 3")

    province = models.ForeignKey(
        "provinces.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="communes"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communes",
        help_text=_("Empty for units formed after districts were abolished on 1/7/2025."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMUNE)
    in_programme = models.BooleanField(
        _("in the programme"), default=True, help_text=_("By default every xã is in the programme; wards are not.")
    )
    commune_group = models.PositiveSmallIntegerField(
        _("commune group (2026-2030)"), choices=Group.choices, null=True, blank=True
    )
    registered_year = models.PositiveSmallIntegerField(_("registered to reach the standard in"), null=True, blank=True)
    recognition_decision = models.CharField(_("recognition decision number"), max_length=60, blank=True)
    recognition_date = models.DateField(_("recognition date"), null=True, blank=True)
    recognition_level = models.CharField(
        _("recognition level"), max_length=20, choices=RecognitionLevel.choices, blank=True
    )
    formed_from = models.ManyToManyField(
        "self",
        verbose_name=_("formed from"),
        symmetrical=False,
        blank=True,
        related_name="succeeded_by",
        help_text=_("The earlier communes merged (or split) into this one."),
    )

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["sort_name"]
        constraints = AdministrativeUnit.period_constraints("commune")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:communes_commune_change", args=[self.pk])

    @property
    def is_recognised(self) -> bool:
        return bool(self.recognition_date)

    def recognised_by(self, year: int) -> bool:
        return self.recognition_date is not None and self.recognition_date.year <= year

    @staticmethod
    def default_in_programme(kind: str) -> bool:
        return kind == Commune.Kind.COMMUNE

    def clean(self) -> None:
        if self.district_id and self.district.province_id != self.province_id:
            raise ValidationError({"district": _("The district belongs to another province.")}, code="province")
        if bool(self.recognition_decision) != bool(self.recognition_date):
            raise ValidationError(
                _("A recognition needs both the decision number and its date."), code="recognition_incomplete"
            )
        overlapping = Commune.objects.filter(code=self.code).exclude(pk=self.pk)
        if self.valid_until:
            overlapping = overlapping.filter(valid_from__lt=self.valid_until)
        overlapping = overlapping.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=self.valid_from))
        if overlapping.exists():
            raise ValidationError(
                {"code": _("Another commune uses code %(code)s in the same period.") % {"code": self.code}},
                code="code_period",
            )


class AssessmentQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def for_set(self, criteria_set):
        return self.filter(indicator__criterion__criteria_set=criteria_set)


class Assessment(models.Model):
    """One commune, one indicator, one year: the recorded value and whether it meets the target."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="assessments"
    )
    indicator = models.ForeignKey(
        "criteria.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    yes_no = models.BooleanField(_("yes / no"), null=True, blank=True)
    percent = models.DecimalField(_("percentage"), max_digits=7, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("number"), max_digits=14, decimal_places=3, null=True, blank=True)
    meets = models.BooleanField(_("meets the target"), null=True, editable=False)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["commune", "year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "indicator", "year"], name="assessment_unique_commune_indicator_year"
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="assessment_percent_0_100",
            ),
            models.CheckConstraint(
                condition=Q(yes_no__isnull=True, percent__isnull=True)
                | Q(yes_no__isnull=True, amount__isnull=True)
                | Q(percent__isnull=True, amount__isnull=True),
                name="assessment_one_value_column",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} {self.indicator.code} {self.year}"

    @property
    def value(self):
        return value_of(self.indicator.kind, self.yes_no, self.percent, self.amount)

    def set_value(self, value) -> None:
        self.yes_no, self.percent, self.amount = value_columns(self.indicator.kind, value)


def value_columns(kind: str, value) -> tuple[bool | None, Decimal | None, Decimal | None]:
    """Where a value of this kind is stored: (yes_no, percent, amount)."""
    if value is None:
        return None, None, None
    if kind == rules.BOOLEAN:
        return bool(value), None, None
    if kind == rules.PERCENTAGE:
        return None, Decimal(str(value)), None
    return None, None, Decimal(str(value))


def value_of(kind: str, yes_no, percent, amount):
    if kind == rules.BOOLEAN:
        return yes_no
    if kind == rules.PERCENTAGE:
        return percent
    return amount
