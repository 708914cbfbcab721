"""Criteria sets, their groups, criteria, indicators, targets and report bands."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import rules


def new_rules_version() -> int:
    """A random 62-bit number, never a counter: rules cached under a version written by a transaction that rolled
    back can never be read under a later one (criteria/rulebook.py)."""
    return secrets.randbits(62)


class CriteriaSetQuerySet(models.QuerySet):
    def for_year(self, year: int, province=None):
        """Sets in force in `year`: a province's own variant first, then national sets."""
        in_force = self.filter(year_from__lte=year, year_to__gte=year)
        if province is not None:
            return in_force.filter(Q(province=province) | Q(province__isnull=True)).order_by(
                models.F("province").asc(nulls_last=True), "-year_from"
            )
        return in_force.filter(province__isnull=True).order_by("-year_from")


class CriteriaSet(models.Model):
    class TargetBasis(models.TextChoices):
        REGION = "region", _("socio-economic region")
        COMMUNE_GROUP = "commune_group", _("commune group (1, 2, 3)")

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    year_from = models.PositiveSmallIntegerField(_("first year"))
    year_to = models.PositiveSmallIntegerField(_("last year"))
    province = models.ForeignKey(
        "provinces.Province",
        verbose_name=_("issuing province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Set only for a province's variant of a national set."),
    )
    base_set = models.ForeignKey(
        "self", verbose_name=_("based on"), on_delete=models.SET_NULL, null=True, blank=True, related_name="variants"
    )
    target_basis = models.CharField(
        _("targets depend on"), max_length=20, choices=TargetBasis.choices, default=TargetBasis.REGION
    )
    verified = models.BooleanField(_("verified against the official text"), default=False)
    note = models.TextField(_("note"), blank=True)
    source_url = models.TextField(_("sources"), blank=True)
    rules_version = models.BigIntegerField(
        _("rules version"),
        default=new_rules_version,
        editable=False,
        help_text=_("Renewed in the transaction of every change of the set's rules: the key of the cached rules."),
    )

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["year_from", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(year_to__gte=models.F("year_from")), name="criteriaset_years_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.year_from}-{self.year_to})"

    def target_class_for(self, *, region_code: str | None, commune_group: int | None) -> str:
        """The class a commune's targets are read from under this set."""
        if self.target_basis == self.TargetBasis.COMMUNE_GROUP:
            return f"nhom_{commune_group or 2}"
        return region_code or rules.ALL_CLASSES


class CriterionGroup(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="groups"
    )
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criteria group")
        verbose_name_plural = _("criteria groups")
        ordering = ["criteria_set", "order"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="group_code_unique_in_set")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="criteria"
    )
    group = models.ForeignKey(
        CriterionGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="criteria",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    name_verified = models.BooleanField(_("name verified"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_number_unique_in_set")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Indicator(models.Model):
    class Kind(models.TextChoices):
        BOOLEAN = rules.BOOLEAN, _("yes / no")
        PERCENTAGE = rules.PERCENTAGE, _("percentage")
        NUMBER = rules.NUMBER, _("number")
        MONEY = rules.MONEY, _("money per person (million VND)")

    class Comparator(models.TextChoices):
        GE = rules.GE, "≥"
        GT = rules.GT, ">"
        LE = rules.LE, "≤"
        LT = rules.LT, "<"
        EQ = rules.EQ, "="

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=10)
    text = models.TextField(_("indicator"))
    text_en = models.TextField(_("English text"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices, default=rules.GE)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    verified = models.BooleanField(_("verified against the official text"), default=False)
    confidence = models.CharField(_("confidence"), max_length=10, blank=True)
    note = models.TextField(_("note"), blank=True)
    source_url = models.TextField(_("sources"), blank=True)
    needs_evidence = models.BooleanField(_("needs evidence"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    plausible_min = models.DecimalField(
        _("plausible minimum"), max_digits=16, decimal_places=3, null=True, blank=True,
        help_text=_("A value below it is refused as a typing slip. Empty: no lower bound."),
    )  # fmt: skip
    plausible_max = models.DecimalField(
        _("plausible maximum"), max_digits=16, decimal_places=3, null=True, blank=True,
        help_text=_(
            "A value above it is refused as a typing slip, with a suggestion (25.500 -> 25,5?). Empty: no upper bound."
        ),
    )  # fmt: skip

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["criterion__criteria_set", "criterion__number", "order"]
        constraints = [models.UniqueConstraint(fields=["criterion", "code"], name="indicator_code_unique_in_criterion")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    def plausible_problem(self, value) -> str | None:
        """`criteria.plausible.plausible_problem` with this indicator's range and unit."""
        from .plausible import plausible_problem

        if self.kind == rules.BOOLEAN:
            return None
        return plausible_problem(value, self.plausible_min, self.plausible_max, self.unit)

    @property
    def is_boolean(self) -> bool:
        return self.kind == rules.BOOLEAN


class Target(models.Model):
    """One target of an indicator: for a target class (or all), from a year (or always), national or a province's."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    target_class = models.CharField(
        _("target class"),
        max_length=20,
        blank=True,
        help_text=_("Region code (e.g. BTB) or commune group (nhom_1, nhom_2, nhom_3); empty for every class."),
    )
    from_year = models.PositiveSmallIntegerField(
        _("from year"), null=True, blank=True, help_text=_("Empty: from the first year of the set.")
    )
    province = models.ForeignKey(
        "provinces.Province",
        verbose_name=_("province override"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Set when a province tightens the national target."),
    )
    value = models.DecimalField(
        _("target value"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For yes/no indicators: 1 = yes (Đạt, Có), 0 = no (Không)."),
    )
    verified = models.BooleanField(_("verified against the official text"), default=False)
    disputed = models.BooleanField(
        _("disputed"),
        default=False,
        help_text=_("Sources disagree on this value: the note gives every reading and its source."),
    )
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(
        _("source of the value"),
        blank=True,
        help_text=_('Where the value comes from: a decision number, a URL or "office estimate".'),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "province", "target_class", "from_year"]
        constraints = [
            models.UniqueConstraint(fields=fields, condition=condition, name=f"target_unique_{suffix}")
            for suffix, fields, condition in [
                ("national_always", ["indicator", "target_class"], Q(province__isnull=True, from_year__isnull=True)),
                (
                    "national_yearly",
                    ["indicator", "target_class", "from_year"],
                    Q(province__isnull=True, from_year__isnull=False),
                ),
                (
                    "province_always",
                    ["indicator", "target_class", "province"],
                    Q(province__isnull=False, from_year__isnull=True),
                ),
                (
                    "province_yearly",
                    ["indicator", "target_class", "province", "from_year"],
                    Q(province__isnull=False, from_year__isnull=False),
                ),
            ]
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.target_class or '*'} {self.from_year or ''}: {self.display_value}"

    @property
    def display_value(self) -> str:
        if self.value is None:
            return "—"
        if self.indicator.kind == rules.BOOLEAN:
            return str(_("yes")) if self.value else str(_("no"))
        return f"{self.indicator.get_comparator_display()} {self.value.normalize():f} {self.indicator.unit}".strip()

    @property
    def provenance(self) -> str:
        """ "disputed", "verified" or "unverified": disputed values are shown apart from merely unverified ones."""
        if self.disputed:
            return "disputed"
        return "verified" if self.verified else "unverified"

    def as_option(self) -> rules.TargetOption:
        return rules.TargetOption(
            self.value, self.target_class, self.from_year, self.province_id, self.verified, self.disputed, self.note
        )

    def clean(self) -> None:
        indicator = self.indicator
        if indicator.kind == rules.PERCENTAGE and self.value is not None and not 0 <= self.value <= 100:
            raise ValidationError({"value": _("A percentage target must be between 0 and 100.")}, code="range")
        if indicator.kind == rules.BOOLEAN and self.value not in (None, 0, 1):
            raise ValidationError({"value": _("A yes/no target is 1 (yes) or 0 (no).")}, code="boolean")
        if self.province_id is not None:
            national = rules.pick_target(
                [t.as_option() for t in indicator.targets.filter(province__isnull=True)],
                target_class=self.target_class or rules.ALL_CLASSES,
                year=self.from_year or 9999,
                province_id=None,
            )
            if national and not rules.is_at_least_as_strict(indicator.comparator, national.value, self.value):
                raise ValidationError(
                    {
                        "value": _("A province may only tighten the national target (%(national)s).")
                        % {"national": national.value}
                    },
                    code="looser_than_national",
                )


class Band(models.Model):
    """A classification band of a set, e.g. 15-18 criteria."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="bands"
    )
    label = models.CharField(_("label"), max_length=40)
    min_met = models.PositiveSmallIntegerField(_("from (criteria met)"))
    max_met = models.PositiveSmallIntegerField(_("to (criteria met)"))

    class Meta:
        verbose_name = _("band")
        verbose_name_plural = _("bands")
        ordering = ["criteria_set", "-max_met"]
        constraints = [
            models.CheckConstraint(condition=Q(max_met__gte=models.F("min_met")), name="band_edges_ordered"),
            models.UniqueConstraint(fields=["criteria_set", "label"], name="band_label_unique_in_set"),
        ]

    def __str__(self) -> str:
        return self.label

    def as_edge(self) -> rules.BandEdge:
        return rules.BandEdge(self.label, self.min_met, self.max_met)
