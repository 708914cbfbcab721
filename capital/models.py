"""Programme capital: the versioned list of sources and the capital lines (plan, mobilised, disbursed).

The sources changed with the programme's periods (2016, 2021, 2026), so they are data: a `SourceSet` covers
a range of years and holds its `CapitalSource` tree (I central budget: 1 investment, 2 recurrent; II local
budget: province, district, commune; III integrated funds; IV policy credit; V enterprises; VI community and
residents: cash, labour and in kind converted; VII other). A `CapitalLine` is one amount in million VND for a
year and period, of one kind, at one level (province, a district, a commune), from one leaf source.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Category(models.TextChoices):
    """What a source is, for the reports: the budget apart from credit and the rest."""

    CENTRAL_BUDGET = "central_budget", _("central budget")
    LOCAL_BUDGET = "local_budget", _("local budget")
    INTEGRATED = "integrated", _("integrated funds")
    CREDIT = "credit", _("policy credit")
    ENTERPRISES = "enterprises", _("enterprises")
    COMMUNITY = "community", _("community and residents")
    OTHER = "other", _("other")


BUDGET_CATEGORIES = (Category.CENTRAL_BUDGET, Category.LOCAL_BUDGET)


class SourceSetQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year_from__lte=year, year_to__gte=year)


class SourceSet(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    verified = models.BooleanField(_("verified"), default=False)
    source = models.TextField(_("sources"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = SourceSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("list of capital sources")
        verbose_name_plural = _("lists of capital sources")
        ordering = ["year_from"]
        constraints = [
            models.CheckConstraint(condition=Q(year_to__gte=models.F("year_from")), name="source_set_years_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year_from}-{self.year_to})"

    def clean(self) -> None:
        if self.year_from and self.year_to:
            overlapping = SourceSet.objects.filter(year_from__lte=self.year_to, year_to__gte=self.year_from)
            if overlapping.exclude(pk=self.pk).exists():
                raise ValidationError(_("Another list of sources covers some of these years."), code="overlap")


class CapitalSource(models.Model):
    source_set = models.ForeignKey(
        SourceSet, verbose_name=_("list of sources"), on_delete=models.CASCADE, related_name="sources"
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("As in the report table: I, I.1, II.2, ..."))
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    in_kind = models.BooleanField(_("in kind"), default=False, help_text=_("Labour and goods converted to money."))

    class Meta:
        verbose_name = _("capital source")
        verbose_name_plural = _("capital sources")
        ordering = ["source_set", "order"]
        constraints = [models.UniqueConstraint(fields=["source_set", "code"], name="capital_source_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def depth(self) -> int:
        return self.code.count(".")


class Period(models.TextChoices):
    FIRST_HALF = "h1", _("first 6 months")
    SECOND_HALF = "h2", _("last 6 months")
    YEAR = "year", _("whole year")


class Kind(models.TextChoices):
    PLAN = "plan", _("plan")
    MOBILISED = "mobilised", _("mobilised / implemented")
    DISBURSED = "disbursed", _("disbursed")


class Level(models.TextChoices):
    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune")


DUPLICATE = _(
    "A line with the same year, period, kind, place, implementing unit, source and in-kind mark exists already; "
    "change that line instead."
)


class CapitalLineQuerySet(models.QuerySet):
    def for_scope(self, *, level: str, district_id: int | None = None, commune_id: int | None = None):
        lines = self.filter(level=level)
        if level == Level.DISTRICT:
            lines = lines.filter(district_id=district_id)
        if level == Level.COMMUNE:
            lines = lines.filter(commune_id=commune_id)
        return lines


class CapitalLine(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    district = models.ForeignKey(
        "communes.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capital_lines",
    )
    commune = models.ForeignKey(
        "communes.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capital_lines",
    )
    unit = models.CharField(
        _("implementing unit"),
        max_length=150,
        blank=True,
        help_text=_("e.g. Sở Giao thông vận tải; empty for the level's own report."),
    )
    source = models.ForeignKey(CapitalSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="lines")
    amount = models.DecimalField(
        _("amount (million VND)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    in_kind = models.BooleanField(_("in kind"), default=False)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    objects = CapitalLineQuerySet.as_manager()
    history = HistoricalRecords()

    KEY = ("year", "period", "kind", "level", "district", "commune", "unit", "source", "in_kind")

    class Meta:
        verbose_name = _("capital line")
        verbose_name_plural = _("capital lines")
        ordering = ["-year", "period", "kind", "source__order"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="capital_line_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(level="province", district__isnull=True, commune__isnull=True)
                | Q(level="district", district__isnull=False, commune__isnull=True)
                | Q(level="commune", district__isnull=False, commune__isnull=False),
                name="capital_line_scope_matches_level",
            ),
            # One line per key; the level decides which of district and commune are part of it.
            models.UniqueConstraint(
                fields=["year", "period", "kind", "unit", "source", "in_kind"],
                condition=Q(level="province"),
                name="capital_line_unique_province",
                violation_error_message=DUPLICATE,
            ),
            models.UniqueConstraint(
                fields=["year", "period", "kind", "district", "unit", "source", "in_kind"],
                condition=Q(level="district"),
                name="capital_line_unique_district",
                violation_error_message=DUPLICATE,
            ),
            models.UniqueConstraint(
                fields=["year", "period", "kind", "commune", "unit", "source", "in_kind"],
                condition=Q(level="commune"),
                name="capital_line_unique_commune",
                violation_error_message=DUPLICATE,
            ),
        ]
        indexes = [models.Index(fields=["year", "kind", "period"], name="capital_line_year_kind")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_period_display()} {self.get_kind_display()} {self.source.code}: {self.amount}"

    def get_absolute_url(self) -> str:
        return reverse("capital:edit", args=[self.pk])

    @property
    def place(self):
        return self.commune or self.district

    def clean(self) -> None:
        errors = {}
        if self.level == Level.PROVINCE:
            self.district, self.commune = None, None
        elif self.level == Level.DISTRICT:
            self.commune = None
            if self.district_id is None:
                errors["district"] = _("A district-level line needs its district.")
        elif self.level == Level.COMMUNE:
            if self.commune_id is None:
                errors["commune"] = _("A commune-level line needs its commune.")
            else:
                self.district_id = self.commune.district_id
                if self.district_id is None:
                    errors["commune"] = _("This commune belongs to no district.")
        if self.source_id and self.source.in_kind:
            self.in_kind = True  # labour and goods converted: in kind by nature
        if self.source_id and self.year:
            source_set = self.source.source_set
            if not source_set.year_from <= self.year <= source_set.year_to:
                errors["source"] = _("This source belongs to the list for %(first)s-%(last)s, not to %(year)s.") % {
                    "first": source_set.year_from,
                    "last": source_set.year_to,
                    "year": self.year,
                }
            elif self.source.children.exists():
                errors["source"] = _("Choose one of the sub-sources of %(source)s.") % {"source": self.source}
        if errors:
            raise ValidationError(errors)
