"""Districts, communes (with the period they existed), their yearly assessments, registrations and workflow state."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from criteria import rules
from ntm.lib.text import fold, normalize, strip_admin_prefix, vi_sort_key
from provinces.models import AdministrativeUnit, PeriodQuerySet, year_end


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


class CommuneQuerySet(PeriodQuerySet):
    def with_recognised_year(self):
        """Annotate `first_recognised_year`: the first year whose commune-year was recognised (None: none)."""
        return self.annotate(
            first_recognised_year=models.Min("commune_years__year", filter=Q(commune_years__state="recognised"))
        )

    def recognised_by(self, year: int):
        """Communes recognised for `year` or earlier (`with_recognised_year` must have been applied)."""
        return self.filter(Q(first_recognised_year__lte=year) | Q(recognition_date__year__lte=year))


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
        ordering = ["sort_name", "code"]  # one district order everywhere: Vietnamese order of the name
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
        through="Lineage",
        through_fields=("successor", "predecessor"),
        related_name="succeeded_by",
        help_text=_("The earlier communes merged (or split) into this one."),
    )

    objects = CommuneQuerySet.as_manager()
    history = HistoricalRecords()

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

    @property
    def recognised_year(self) -> int | None:
        """The year the commune was first recognised for: its first recognised commune-year (when the queryset
        was annotated `with_recognised_year`), or the year of its recognition decision, whichever is earlier.

        A recognition decided early in Y + 1 for year Y counts for Y; a later step on another year (a year
        reopened, a new decision) never moves it.
        """
        years = [self.recognition_date.year] if self.recognition_date else []
        first = getattr(self, "first_recognised_year", None)
        if first is not None:
            years.append(first)
        return min(years) if years else None

    def recognised_by(self, year: int) -> bool:
        recognised = self.recognised_year
        return recognised is not None and recognised <= year

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
        self._clean_name_unique_in_district()

    def _clean_name_unique_in_district(self) -> None:
        """A second commune with the same name (accents, case and spacing as typed aside) in the same district (or,
        after 1/7/2025, the same province without districts) and an overlapping period is refused, naming the first.
        """
        if not self.name:
            return
        same = Commune.objects.filter(province_id=self.province_id, district_id=self.district_id).exclude(pk=self.pk)
        if self.valid_until:
            same = same.filter(valid_from__lt=self.valid_until)
        same = same.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=self.valid_from))
        wanted = normalize(self.name).casefold()
        for other in same.filter(search_name=fold(strip_admin_prefix(self.name))):
            if normalize(other.name).casefold() == wanted:
                raise ValidationError(
                    {
                        "name": _("%(name)s already exists in this district for the same period (code %(code)s).")
                        % {"name": other.name, "code": other.code}
                    },
                    code="name_district",
                )


class Lineage(models.Model):
    """One earlier commune that formed (all or part of) a later one, e.g. on the reform of 1/7/2025.

    `share` is the percentage of the earlier commune that went into the later one, when the source gives it;
    empty means "part of" (a merge takes all of it; a split commune has several successors).
    """

    successor = models.ForeignKey(
        Commune, verbose_name=_("new commune"), on_delete=models.CASCADE, related_name="predecessor_links"
    )
    predecessor = models.ForeignKey(
        Commune, verbose_name=_("former commune"), on_delete=models.PROTECT, related_name="successor_links"
    )
    share = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Share of the former commune that went into the new one; empty: part of it."),
    )

    class Meta:
        verbose_name = _("lineage")
        verbose_name_plural = _("lineage")
        ordering = ["successor", "predecessor__sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["successor", "predecessor"], name="lineage_unique_pair"),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__gt=0, share__lte=100), name="lineage_share_0_100"
            ),
            models.CheckConstraint(condition=~Q(successor=models.F("predecessor")), name="lineage_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class GroupAssignmentQuerySet(models.QuerySet):
    def in_force(self, *, criteria_set, year: int):
        """Assignments under `criteria_set` dated on or before 31 December of `year`, newest first per commune."""
        return self.filter(criteria_set=criteria_set, valid_from__lte=year_end(year)).order_by(
            "commune_id", "-valid_from", "-pk"
        )


class GroupAssignment(models.Model):
    """The office places a commune in group 1, 2 or 3 of a set whose targets depend on the group (QĐ 51/2025:
    group 1 near towns or under 10 % agriculture, group 3 area II-III communes of ethnic-minority and mountain
    areas, group 2 the rest). Dated: a new assignment changes the commune's targets from the year of its date;
    the earlier ones stay as history. Without one, a commune is read as group 2 (the decision's default group)
    and listed on the work queue.
    """

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="group_assignments"
    )
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet",
        verbose_name=_("criteria set"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"target_basis": "commune_group"},
    )
    group = models.PositiveSmallIntegerField(_("group"), choices=Commune.Group.choices)
    valid_from = models.DateField(_("from"), help_text=_("The targets of this group apply from this date's year."))
    decision = models.CharField(_("decision or document"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    objects = GroupAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commune group assignment")
        verbose_name_plural = _("commune group assignments")
        ordering = ["commune", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "criteria_set", "valid_from"], name="group_assignment_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.get_group_display()} · {self.valid_from:%d/%m/%Y}"


def groups_in_year(commune_ids, *, criteria_set, year: int) -> dict[int, int]:
    """Commune id -> its group under `criteria_set` in `year` (the latest assignment dated by 31 December);
    communes without one are left out. One query."""
    found: dict[int, int] = {}
    rows = GroupAssignment.objects.in_force(criteria_set=criteria_set, year=year).filter(commune_id__in=commune_ids)
    for commune_id, group in rows.values_list("commune_id", "group"):
        found.setdefault(commune_id, group)
    return found


class AssessmentQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def for_set(self, criteria_set):
        return self.filter(indicator__criterion__criteria_set=criteria_set)


class Assessment(models.Model):
    """One commune, one indicator, one year: the recorded value and whether it meets the target."""

    commune = models.ForeignKey(  # indexed by the unique constraint, which starts with it
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="assessments", db_index=False
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
    # History is read by row, by commune and year, and by date; fewer indexes make a province's import faster.
    history = HistoricalRecords(no_db_index=["indicator", "entered_by"])

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


VALUE_COLUMNS = ("yes_no", "percent", "amount")


def value_column(kind: str) -> str:
    """The one of VALUE_COLUMNS that holds values of this kind."""
    if kind == rules.BOOLEAN:
        return "yes_no"
    if kind == rules.PERCENTAGE:
        return "percent"
    return "amount"


def value_of(kind: str, yes_no, percent, amount):
    """The stored value of this kind among the three columns (on the export's hot path: kept plain)."""
    if kind == rules.BOOLEAN:
        return yes_no
    if kind == rules.PERCENTAGE:
        return percent
    return amount


class CommuneYearQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)


class CommuneYear(models.Model):
    """Where a commune's year stands in the recognition procedure, and its version for safe concurrent edits.

    The steps (TT 40/2014): the district enters and submits the self-assessment, verifies it (thẩm tra),
    the province appraises it (thẩm định, the council's date and result) and recognises the commune (decision
    number, date, level), or returns it with a reason. `version` grows by one on every write of the year's
    values or state; a save that started from an older version is refused. A missing row means draft, version 0.
    The rules of who may move a year where live in `workflow/rules.py`.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted by the district")
        VERIFIED = "verified", _("verified by the district")
        APPRAISED = "appraised", _("appraised by the province")
        RECOGNISED = "recognised", _("recognised")
        RETURNED = "returned", _("returned")

    class CouncilResult(models.TextChoices):
        APPROVED = "approved", _("proposed for recognition")
        REJECTED = "rejected", _("not proposed for recognition")

    # Values of a year in these states change only after office staff reopen it (or return it).
    LOCKED_STATES = frozenset({State.SUBMITTED, State.VERIFIED, State.APPRAISED, State.RECOGNISED})

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="commune_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    council_date = models.DateField(_("appraisal council date"), null=True, blank=True)
    council_result = models.CharField(
        _("appraisal council result"), max_length=20, choices=CouncilResult.choices, blank=True
    )
    decision_number = models.CharField(_("recognition decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("recognition date"), null=True, blank=True)
    decision_level = models.CharField(
        _("recognition level"), max_length=20, choices=Commune.RecognitionLevel.choices, blank=True
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("state changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)

    objects = CommuneYearQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commune year")
        verbose_name_plural = _("commune years")
        ordering = ["commune", "year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="commune_year_unique"),
            models.CheckConstraint(
                condition=~Q(state="recognised") | (Q(decision_date__isnull=False) & ~Q(decision_number="")),
                name="commune_year_recognised_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["appraised", "recognised"]) | Q(council_date__isnull=False),
                name="commune_year_appraised_has_council_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} {self.year}: {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return f"{reverse('communes:scorecard', args=[self.commune_id])}?year={self.year}"

    @property
    def is_locked(self) -> bool:
        return self.state in self.LOCKED_STATES

    @classmethod
    def of(cls, commune: Commune, year: int) -> "CommuneYear":
        """The stored row, or an unsaved draft at version 0 when the year has none yet."""
        return cls.objects.filter(commune=commune, year=year).first() or cls(commune=commune, year=year)


class Registration(models.Model):
    """A commune registered with its district to reach the standard in a year (step 1 of the procedure)."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-year", "commune__sort_name"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="registration_unique_commune_year")]

    def __str__(self) -> str:
        return f"{self.commune} {self.year}"


class CommuneYearScore(models.Model):
    """What a commune-year scores, kept up to date by every write (communes/summary.py): pages read these rows
    instead of counting millions of assessments.

    The criteria are bit masks (bit n: criterion n). `met_mask`/`not_assessable_mask` are the result the year is
    judged with; `live_*` what today's rules give. They differ only for a locked year (`frozen`: submitted,
    verified, appraised or recognised) whose rules changed since it locked: it keeps the result it was judged
    with, and pages say where today's rules would judge it differently. A commune-year with no row has no data.
    """

    commune = models.ForeignKey(Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="scores")
    year = models.PositiveSmallIntegerField(_("year"))
    province = models.ForeignKey(
        "provinces.Province", verbose_name=_("province"), on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet", verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="+"
    )
    criteria_met = models.PositiveSmallIntegerField(_("criteria met"), default=0)
    met_mask = models.BigIntegerField(_("criteria met (mask)"), default=0)
    not_assessable_mask = models.BigIntegerField(_("criteria not assessable (mask)"), default=0)
    all_met = models.BooleanField(_("every criterion met"), default=False)
    band = models.CharField(_("band"), max_length=40, blank=True)
    indicators_assessed = models.PositiveSmallIntegerField(_("indicators with a value"), default=0)
    indicators_total = models.PositiveSmallIntegerField(_("indicators of the set"), default=0)
    frozen = models.BooleanField(_("kept as judged (locked year)"), default=False)
    live_met_mask = models.BigIntegerField(_("criteria met under today's rules (mask)"), default=0)
    live_not_assessable_mask = models.BigIntegerField(_("not assessable under today's rules (mask)"), default=0)

    class Meta:
        verbose_name = _("commune-year score")
        verbose_name_plural = _("commune-year scores")
        ordering = ["province", "year", "commune"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="commune_year_score_unique")]
        indexes = [
            models.Index(fields=["province", "year"], name="score_province_year"),
            models.Index(fields=["district", "year"], name="score_district_year"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.year}: {self.criteria_met}"

    @property
    def met_numbers(self) -> frozenset[int]:
        return rules.mask_numbers(self.met_mask)

    @property
    def not_assessable_numbers(self) -> frozenset[int]:
        return rules.mask_numbers(self.not_assessable_mask)

    @property
    def differs_today(self) -> bool:
        """A locked year whose result today's rules would give differently."""
        return self.frozen and (self.met_mask, self.not_assessable_mask) != (
            self.live_met_mask,
            self.live_not_assessable_mask,
        )


class ScoreVersion(models.Model):
    """A version per (province, year), renewed in the same transaction as any change of that year's scores (year
    0: of what moves every year, recognitions and communes): the key of the cached figures, so a cache entry can
    never outlive the data it was computed from, and commits elsewhere (sessions, other provinces, other
    databases) never invalidate it. Versions are random, never reused (communes/summary.py: versions_bump)."""

    province = models.ForeignKey("provinces.Province", verbose_name=_("province"), on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("score version")
        verbose_name_plural = _("score versions")
        constraints = [models.UniqueConstraint(fields=["province", "year"], name="score_version_unique")]

    def __str__(self) -> str:
        return f"{self.province_id} {self.year}: {self.version}"
