"""OCOP products (Mỗi xã một sản phẩm), their ratings over time and the rules that rate them.

A rule (`OcopRule`) is data with its legal source: the points of parts A, B and C, the star bands and how
long a certificate lasts. Each rating (`OcopRating`) keeps its scores, the rule in force on its decision
date, the stars and the expiry that follow from them; the latest rating is the product's current one and the
earlier ones are its history of re-ratings.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communes.models import NamedUnitMixin

from . import rules


class OcopRule(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=300)
    decision = models.CharField(_("decision"), max_length=60)
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until (exclusive)"), null=True, blank=True)
    max_a = models.PositiveSmallIntegerField(_("part A: most points"))
    max_b = models.PositiveSmallIntegerField(_("part B: most points"))
    max_c = models.PositiveSmallIntegerField(_("part C: most points"))
    star2_from = models.PositiveSmallIntegerField(_("2 stars from"))
    star3_from = models.PositiveSmallIntegerField(_("3 stars from"))
    star4_from = models.PositiveSmallIntegerField(_("4 stars from"))
    star5_from = models.PositiveSmallIntegerField(_("5 stars from"))
    validity_months = models.PositiveSmallIntegerField(_("certificate valid for (months)"))
    verified = models.BooleanField(_("verified"), default=False)
    source = models.TextField(_("sources"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("OCOP rating rule")
        verbose_name_plural = _("OCOP rating rules")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_a__lte=100) & Q(max_b__lte=100) & Q(max_c__lte=100),
                name="ocop_rule_parts_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(star2_from__lt=models.F("star3_from"))
                & Q(star3_from__lt=models.F("star4_from"))
                & Q(star4_from__lt=models.F("star5_from"))
                & Q(star5_from__lte=100),
                name="ocop_rule_bands_increase",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="ocop_rule_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} ({self.max_a}/{self.max_b}/{self.max_c})"

    def clean(self) -> None:
        if None not in (self.max_a, self.max_b, self.max_c) and self.max_a + self.max_b + self.max_c != 100:
            raise ValidationError(_("Parts A, B and C must add up to 100 points."), code="parts_100")


class ProductGroup(models.TextChoices):
    """The six product groups of QĐ 148/QĐ-TTg (24/2/2023)."""

    FOOD = "food", _("food")
    BEVERAGES = "beverages", _("beverages")
    HERBAL = "herbal", _("medicinal herbs and herbal products")
    HANDICRAFTS = "handicrafts", _("handicrafts")
    ORNAMENTAL = "ornamental", _("ornamental plants and animals")
    TOURISM = "tourism", _("community and eco-tourism services, tourist sites")


class Level(models.TextChoices):
    """Who recognised the rating (148/2023: district 3 stars, province 4 stars, central 5 stars)."""

    DISTRICT = "district", _("district")
    PROVINCE = "province", _("province")
    CENTRAL = "central", _("central")


class OcopProductQuerySet(models.QuerySet):
    def with_current(self):
        """Each product with its current (latest) rating's `current_stars`, `current_total`, `current_level`,
        `current_recognised_on`, `current_expires_on` and `current_rating_id` (None without a rating)."""
        latest = OcopRating.objects.filter(product=OuterRef("pk")).order_by("-recognised_on", "-pk")
        return self.annotate(
            current_rating_id=Subquery(latest.values("pk")[:1]),
            current_stars=Subquery(latest.values("stars")[:1]),
            current_total=Subquery(latest.values("total")[:1]),
            current_level=Subquery(latest.values("level")[:1]),
            current_recognised_on=Subquery(latest.values("recognised_on")[:1]),
            current_expires_on=Subquery(latest.values("expires_on")[:1]),
        )


class OcopProduct(NamedUnitMixin, models.Model):
    name = models.CharField(_("name"), max_length=150)
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="ocop_products"
    )
    owner = models.ForeignKey(
        "production.Enterprise",
        verbose_name=_("owner (enterprise or cooperative)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ocop_products",
    )
    owner_name = models.CharField(
        _("owner (when not a registered enterprise)"), max_length=150, blank=True, help_text=_("e.g. a household.")
    )
    group = models.CharField(_("product group"), max_length=20, choices=ProductGroup.choices)
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

    objects = OcopProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("OCOP product")
        verbose_name_plural = _("OCOP products")
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ocop:detail", args=[self.pk])

    @property
    def owner_display(self) -> str:
        return self.owner.name if self.owner_id else self.owner_name

    def clean(self) -> None:
        if self.owner_id and self.commune_id and self.owner.commune_id != self.commune_id:
            raise ValidationError(
                {"owner": _("The owner is registered in %(commune)s.") % {"commune": self.owner.commune}},
                code="owner_commune",
            )


class OcopRating(models.Model):
    """One rating of a product: the scores, the recognising decision, and what follows from the rule."""

    product = models.ForeignKey(
        OcopProduct, verbose_name=_("product"), on_delete=models.CASCADE, related_name="ratings"
    )
    rule = models.ForeignKey(OcopRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="ratings")
    score_a = models.DecimalField(
        _("part A score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    score_b = models.DecimalField(
        _("part B score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    score_c = models.DecimalField(
        _("part C score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    total = models.DecimalField(_("total (out of 100)"), max_digits=5, decimal_places=2, editable=False)
    stars = models.PositiveSmallIntegerField(_("stars"), editable=False)
    level = models.CharField(_("recognised by"), max_length=20, choices=Level.choices)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    recognised_on = models.DateField(_("recognition date"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("OCOP rating")
        verbose_name_plural = _("OCOP ratings")
        ordering = ["product", "-recognised_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="ocop_rating_stars_1_5"),
            models.CheckConstraint(condition=Q(total__gte=0, total__lte=100), name="ocop_rating_total_0_100"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("recognised_on")),
                name="ocop_rating_expires_after_recognition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.stars}★ {self.recognised_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.compute()
        super().save(*args, **kwargs)

    @property
    def recognised(self) -> bool:
        return self.stars >= rules.RECOGNISED_STARS

    def compute(self) -> None:
        """Total, stars and expiry from the scores, the recognition date and the rule."""
        self.total = self.score_a + self.score_b + self.score_c
        self.stars = rules.stars_for(self.total, self.rule)
        self.expires_on = rules.expiry(self.recognised_on, self.stars, self.rule)
