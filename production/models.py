"""Production models (mô hình sản xuất) with their yearly figures, the province's size thresholds, and the
enterprises, cooperatives and cooperative groups of each commune.

A model's size (large / medium / small) is never stored: it follows from the year's revenue and the
thresholds in force for that year (`rules.model_size`), so changing a threshold re-sizes every model.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import NamedUnitMixin

from . import rules

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]
TAX_CODE_VALIDATOR = RegexValidator(
    rules.TAX_CODE_RE,
    _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits (0101234567 or 0101234567-001)."),
    code="tax_code",
)


class Sector(models.TextChoices):
    """The sectors the province's reports group models and enterprises by (OPERATIONS.md §2.1, the 2014 article)."""

    LIVESTOCK = "livestock", _("livestock")
    AQUACULTURE = "aquaculture", _("aquaculture")
    VEGETABLES_FRUIT = "vegetables_fruit", _("vegetables and fruit")
    CROPS = "crops", _("crops")
    FORESTRY = "forestry", _("forestry")
    PROCESSING = "processing", _("processing")
    CRAFTS = "crafts", _("crafts and trade villages")
    SERVICES = "services", _("services and tourism")
    OTHER = "other", _("other")


class Size(models.TextChoices):
    LARGE = "large", _("large")
    MEDIUM = "medium", _("medium")
    SMALL = "small", _("small")


class SizeThresholds(models.Model):
    """The province's setting for production models, one version per date it took effect.

    The counting floor (a model earning less a year is not counted) is Hà Tĩnh's 100 million VND, seen in
    its reports; the medium and large thresholds were NOT FOUND in any source and ship as a default to be
    checked (`sizes_verified` false); the target is the share of communes that should have models of all
    three sizes (over 75 % in the chairman's 2014 instructions). Figures of a year are judged by the version
    in force on 31 December of that year.
    """

    valid_from = models.DateField(_("in force from"), unique=True)
    counting_floor = models.DecimalField(
        _("counting floor (million VND a year)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Models with a lower revenue in the year are not counted."),
    )
    floor_verified = models.BooleanField(_("floor verified"), default=False)
    medium_from = models.DecimalField(_("medium from (million VND a year)"), max_digits=12, decimal_places=2)
    large_from = models.DecimalField(_("large from (million VND a year)"), max_digits=12, decimal_places=2)
    sizes_verified = models.BooleanField(
        _("size thresholds verified"), default=False, help_text=_("Untick while the thresholds are a default.")
    )
    target_share = models.DecimalField(
        _("target: communes with all three sizes (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    target_verified = models.BooleanField(_("target verified"), default=False)
    source = models.TextField(_("sources"), blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("size thresholds and target")
        verbose_name_plural = _("size thresholds and targets")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(counting_floor__gt=0)
                & Q(medium_from__gt=models.F("counting_floor"))
                & Q(large_from__gt=models.F("medium_from")),
                name="size_thresholds_increase",
            ),
            models.CheckConstraint(
                condition=Q(target_share__gte=0, target_share__lte=100), name="size_thresholds_target_0_100"
            ),
        ]

    def __str__(self) -> str:
        return _("Size thresholds from %(date)s") % {"date": self.valid_from.strftime("%d/%m/%Y")}

    def get_absolute_url(self) -> str:
        return reverse("production:thresholds_edit", args=[self.pk])

    @property
    def verified(self) -> bool:
        return self.floor_verified and self.sizes_verified and self.target_verified

    def clean(self) -> None:
        errors = {}
        if self.counting_floor is not None and self.counting_floor <= 0:
            errors["counting_floor"] = _("The counting floor must be above 0.")
        if None not in (self.counting_floor, self.medium_from) and self.medium_from <= self.counting_floor:
            errors["medium_from"] = _("The medium threshold must be above the counting floor.")
        if None not in (self.medium_from, self.large_from) and self.large_from <= self.medium_from:
            errors["large_from"] = _("The large threshold must be above the medium threshold.")
        if errors:
            raise ValidationError(errors)


class ProductionModelQuerySet(models.QuerySet):
    def with_year(self, year: int):
        """Each model with the figures of `year` (`revenue`, `profit`, `jobs`, `households`; None when missing)."""
        figures = models.FilteredRelation("years", condition=Q(years__year=year))
        return self.annotate(
            figures=figures,
            revenue=models.F("figures__revenue"),
            profit=models.F("figures__profit"),
            jobs=models.F("figures__jobs"),
            households=models.F("figures__households"),
        )


class ProductionModel(NamedUnitMixin, models.Model):
    """An effective production or business model of a commune (mô hình sản xuất, kinh doanh)."""

    class OwnerKind(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        COOPERATIVE = "cooperative", _("cooperative")
        COOPERATIVE_GROUP = "cooperative_group", _("cooperative group")
        HOUSEHOLD = "household", _("household")
        FARM = "farm", _("farm")

    name = models.CharField(_("name"), max_length=150)
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="production_models"
    )
    owner_kind = models.CharField(_("owner kind"), max_length=20, choices=OwnerKind.choices)
    owner_name = models.CharField(_("owner"), max_length=150, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    supported = models.BooleanField(_("programme support"), default=False)
    support_policy = models.CharField(
        _("support policy"),
        max_length=200,
        blank=True,
        help_text=_("Which policy: the number of the resolution or decision."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ProductionModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("production model")
        verbose_name_plural = _("production models")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(supported=True) | Q(support_policy=""), name="production_model_policy_needs_support"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("production:model_detail", args=[self.pk])

    def clean(self) -> None:
        if self.support_policy and not self.supported:
            raise ValidationError(
                {"support_policy": _("A support policy is given only for a model with programme support.")},
                code="policy_without_support",
            )


class ModelYear(models.Model):
    """A production model's figures for one year: revenue and profit in million VND, jobs, households."""

    model = models.ForeignKey(
        ProductionModel, verbose_name=_("production model"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    revenue = models.DecimalField(
        _("revenue (million VND)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    profit = models.DecimalField(_("profit (million VND)"), max_digits=14, decimal_places=2, null=True, blank=True)
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households involved"), null=True, blank=True)

    class Meta:
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        ordering = ["model", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["model", "year"], name="model_year_unique"),
            models.CheckConstraint(condition=Q(revenue__gte=0), name="model_year_revenue_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.year}"


class EnterpriseQuerySet(models.QuerySet):
    def operating_on(self, day: datetime.date):
        """Founded on or before `day` and not closed by then."""
        return self.filter(founded_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))


class Enterprise(NamedUnitMixin, models.Model):
    """An enterprise, cooperative or cooperative group of a commune."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        COOPERATIVE = "cooperative", _("cooperative")
        COOPERATIVE_GROUP = "cooperative_group", _("cooperative group")

    # What the dashboard counts as "an operating enterprise or cooperative" in a commune.
    COUNTED_KINDS = (Kind.ENTERPRISE, Kind.COOPERATIVE)

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="enterprises"
    )
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        blank=True,
        validators=[TAX_CODE_VALIDATOR],
        help_text=_("10 digits, or 10 digits-3 digits for a branch. Required for an enterprise."),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=60,
        blank=True,
        help_text=_("The cooperative's (or group's) registration number, as written on its certificate."),
    )
    founded_on = models.DateField(_("founded on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    members = models.PositiveIntegerField(_("members"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise or cooperative")
        verbose_name_plural = _("enterprises and cooperatives")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("founded_on")),
                name="enterprise_closed_after_founded",
            ),
            models.UniqueConstraint(fields=["tax_code"], condition=~Q(tax_code=""), name="enterprise_tax_code_unique"),
            models.CheckConstraint(condition=~Q(kind="enterprise") | ~Q(tax_code=""), name="enterprise_has_tax_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("production:enterprise_edit", args=[self.pk])

    @property
    def number(self) -> str:
        return self.tax_code or self.registration_number

    def operating_on(self, day: datetime.date) -> bool:
        return rules.operating_on(self.founded_on, self.closed_on, day)

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.ENTERPRISE and not self.tax_code:
            errors["tax_code"] = _("An enterprise needs its tax code.")
        if self.founded_on and self.closed_on and self.closed_on < self.founded_on:
            errors["closed_on"] = _("The closing date is before the founding date.")
        if self.tax_code and Enterprise.objects.filter(tax_code=self.tax_code).exclude(pk=self.pk).exists():
            errors["tax_code"] = _("Another enterprise has the tax code %(code)s.") % {"code": self.tax_code}
        if errors:
            raise ValidationError(errors)
