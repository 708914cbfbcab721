"""The office's own work (issue 12): the document register, inspections with findings and requests, the work
calendar, the year's plan and its revisions, classification reviews, and the Word templates of its documents.

Sources: shared/domain/OPERATIONS.md §3.4 (inspection record structure [U]), §5; the 2014 article on Hà Tĩnh's
coordination office (127 communes inspected in 7 districts, 33 documents in three years).
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ntm.lib.text import fold

from . import rules


def document_path(instance, filename: str) -> str:
    """documents/<32 random hex digits>: nothing of the user's file name."""
    return f"documents/{uuid.uuid4().hex}"


def answer_path(instance, filename: str) -> str:
    return f"requests/{uuid.uuid4().hex}"


def word_template_path(instance, filename: str) -> str:
    return f"word-templates/{uuid.uuid4().hex}"


class StoredFileMixin(models.Model):
    """A file kept under a random name, with its original name, type (from the content) and size."""

    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------------------------------------------
# Document register (sổ văn bản)
# ---------------------------------------------------------------------------------------------------------------


class DocumentType(models.Model):
    """A kind of document and how the office numbers it (data: the office edits the format in the admin)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60)
    abbreviation = models.CharField(_("abbreviation"), max_length=10)
    number_format = models.CharField(
        _("number format"),
        max_length=60,
        help_text=_("How an issued document's number and symbol are written: {number} and {year} are replaced."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    verified = models.BooleanField(_("verified against the official text"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        error = rules.number_format_error(self.number_format)
        if error:
            raise ValidationError({"number_format": error}, code="number_format")


class DocumentQuerySet(models.QuerySet):
    def search(self, text: str):
        """Every word of `text` in the number and symbol or the summary, accents ignored ("ke hoach": "Kế hoạch")."""
        for word in fold(text or "").split():
            self = self.filter(search_text__contains=word)
        return self


class Document(StoredFileMixin):
    class Direction(models.TextChoices):
        ISSUED = "issued", _("issued")
        RECEIVED = "received", _("received")

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.ISSUED)
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="+")
    sequence = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("The running number of an issued document in its year.")
    )
    number = models.CharField(_("number and symbol"), max_length=80)
    date = models.DateField(_("date"))
    issuer = models.CharField(_("issuing body"), max_length=200)
    signer = models.CharField(_("signer"), max_length=120, blank=True)
    summary = models.TextField(_("summary"))
    file = models.FileField(_("file"), upload_to=document_path, blank=True, max_length=100)
    communes = models.ManyToManyField("communes.Commune", verbose_name=_("communes"), blank=True, related_name="+")
    districts = models.ManyToManyField("communes.District", verbose_name=_("districts"), blank=True, related_name="+")
    criteria = models.ManyToManyField("criteria.Criterion", verbose_name=_("criteria"), blank=True, related_name="+")
    answer_deadline = models.DateField(_("answer deadline"), null=True, blank=True)
    answer_by = models.CharField(_("who must answer"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), editable=False, default=2000)
    search_text = models.TextField(_("search text"), editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "year", "sequence"],
                condition=Q(direction="issued", sequence__isnull=False),
                name="document_issued_number_unique_per_type_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.summary[:60]}"

    def save(self, *args, **kwargs):
        self.year = self.date.year
        self.search_text = fold(f"{self.number} {self.summary} {self.issuer}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("operations:document_detail", args=[self.pk])


# ---------------------------------------------------------------------------------------------------------------
# Inspections (kiểm tra)
# ---------------------------------------------------------------------------------------------------------------


class InspectionSubject(models.Model):
    """What an inspection checks (the 2014 article's list; data the office may extend)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("inspection subject")
        verbose_name_plural = _("inspection subjects")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class InspectionQuerySet(models.QuerySet):
    def held_in(self, year: int):
        """Inspections carried out in `year` (held, report issued or closed)."""
        return self.filter(held_start__year=year).exclude(status=Inspection.Status.PLANNED)


class Inspection(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular")
        SURPRISE = "surprise", _("surprise")

    Status = rules.InspectionStatus

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    subjects = models.ManyToManyField(InspectionSubject, verbose_name=_("subjects"), related_name="+")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("team lead"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team members"), blank=True, related_name="+"
    )
    other_members = models.CharField(
        _("other members"), max_length=300, blank=True, help_text=_("People outside the application, e.g. departments.")
    )
    planned_start = models.DateField(_("planned from"))
    planned_end = models.DateField(_("planned until"))
    held_start = models.DateField(_("held from"), null=True, blank=True)
    held_end = models.DateField(_("held until"), null=True, blank=True)
    legal_basis = models.ForeignKey(
        Document,
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    documents = models.ManyToManyField(
        Document, verbose_name=_("related documents"), blank=True, related_name="related_inspections"
    )
    status = models.CharField(_("status"), max_length=20, choices=rules.InspectionStatus.choices, default="planned")
    conclusion_number = models.CharField(_("conclusion notice number"), max_length=80, blank=True)
    conclusion_date = models.DateField(_("conclusion notice date"), null=True, blank=True)
    conclusion = models.TextField(_("conclusions"), blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True, default="CHÁNH VĂN PHÒNG")
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-planned_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")), name="inspection_planned_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(held_start__isnull=True)
                | Q(held_end__isnull=True)
                | Q(held_end__gte=models.F("held_start")),
                name="inspection_held_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("operations:inspection_detail", args=[self.pk])

    @property
    def year(self) -> int:
        return (self.held_start or self.planned_start).year

    def clean(self) -> None:
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError(
                {"planned_end": _("“Planned until” cannot be before “planned from”.")}, code="planned_order"
            )
        if self.held_start and self.held_end and self.held_end < self.held_start:
            raise ValidationError({"held_end": _("“Held until” cannot be before “held from”.")}, code="held_order")


class Visit(models.Model):
    """A commune the inspection visits (or visited): the unit of the inspection record (biên bản)."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="visits"
    )
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    commune_representatives = models.CharField(_("commune representatives"), max_length=300, blank=True)
    summary = models.TextField(_("summary of the visit"), blank=True)
    record_number = models.CharField(_("record number"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("commune visited")
        verbose_name_plural = _("communes visited")
        ordering = ["inspection", "visited_on", "commune__sort_name"]
        constraints = [models.UniqueConstraint(fields=["inspection", "commune"], name="visit_one_per_commune")]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.commune}"

    def get_absolute_url(self) -> str:
        return reverse("operations:visit_detail", args=[self.pk])


class Finding(models.Model):
    """What the team found on one criterion or indicator (of the set in force for the year), or a free topic."""

    Evidence = rules.EvidenceState
    Severity = rules.Severity
    Verdict = rules.Verdict

    visit = models.ForeignKey(
        Visit, verbose_name=_("commune visited"), on_delete=models.CASCADE, related_name="findings"
    )
    criterion = models.ForeignKey(
        "criteria.Criterion",
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    indicator = models.ForeignKey(
        "criteria.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    recorded_value = models.DecimalField(_("recorded value"), max_digits=14, decimal_places=3, null=True, blank=True)
    found_value = models.DecimalField(_("value found"), max_digits=14, decimal_places=3, null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=rules.Verdict.choices, default="confirmed")
    observation = models.TextField(_("observation"))
    evidence = models.CharField(_("evidence"), max_length=20, choices=rules.EvidenceState.choices, default="seen")
    evidence_note = models.CharField(_("evidence note"), max_length=300, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=rules.Severity.choices, default="low")

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["visit", "criterion__number", "indicator__code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(criterion__isnull=False) | ~Q(topic=""), name="finding_has_criterion_or_topic"
            ),
        ]

    def __str__(self) -> str:
        return self.subject_text

    @property
    def subject_text(self) -> str:
        if self.indicator_id:
            return f"{self.indicator.code} {self.indicator.text}"
        if self.criterion_id:
            return f"{self.criterion.number}. {self.criterion.name}"
        return self.topic


class InspectionRequest(StoredFileMixin):
    """A request (kiến nghị) of an inspection's conclusions: who must act, by when, and their answer."""

    class Responsible(models.TextChoices):
        COMMUNE = "commune", _("commune")
        DISTRICT = "district", _("district")
        DEPARTMENT = "department", _("department")

    Status = rules.RequestStatus

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="requests"
    )
    text = models.TextField(_("request"))
    responsible_kind = models.CharField(
        _("responsible unit"), max_length=12, choices=Responsible.choices, default=Responsible.COMMUNE
    )
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "communes.District",
        verbose_name=_("responsible district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The district whose officers answer (the commune's district for a commune)."),
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=rules.RequestStatus.stored_choices(), default="open")
    answer = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(_("answer file"), upload_to=answer_path, blank=True, max_length=100)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    office_note = models.TextField(_("office's note"), blank=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(responsible_kind="commune") | Q(commune__isnull=False), name="request_commune_named"
            ),
            models.CheckConstraint(
                condition=~Q(responsible_kind="district") | Q(district__isnull=False), name="request_district_named"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("operations:request_detail", args=[self.pk])

    def shown_status(self, today: datetime.date) -> str:
        return rules.request_status(self.status, self.deadline, today)

    @property
    def responsible_text(self) -> str:
        if self.responsible_kind == self.Responsible.COMMUNE and self.commune_id:
            return self.commune.name
        if self.responsible_kind == self.Responsible.DISTRICT and self.district_id:
            return self.district.name
        return self.department


# ---------------------------------------------------------------------------------------------------------------
# Work calendar (lịch công tác)
# ---------------------------------------------------------------------------------------------------------------


class CalendarEntry(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        INSPECTION = "inspection", _("inspection")
        TRAINING = "training", _("training")
        FIELD_VISIT = "field_visit", _("field visit")
        DEADLINE = "deadline", _("deadline")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), blank=True, related_name="calendar_entries"
    )
    other_participants = models.CharField(_("other participants"), max_length=300, blank=True)
    districts = models.ManyToManyField(
        "communes.District", verbose_name=_("districts concerned"), blank=True, related_name="+"
    )
    communes = models.ManyToManyField(
        "communes.Commune", verbose_name=_("communes concerned"), blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        ordering = ["start_date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="calendar_entry_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("operations:entry_detail", args=[self.pk])


class CalendarFeed(models.Model):
    """A user's secret .ics address; resetting it makes the old address stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


# ---------------------------------------------------------------------------------------------------------------
# The year's plan (kế hoạch năm) and its revisions (điều chỉnh)
# ---------------------------------------------------------------------------------------------------------------


class YearPlan(models.Model):
    """One version of the steering committee's plan for a year: revision 0 is the plan, 1, 2, ... its revisions."""

    province = models.ForeignKey(
        "provinces.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    adopted_on = models.DateField(_("adopted on"))
    document = models.ForeignKey(
        Document, verbose_name=_("plan document"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("year plan")
        verbose_name_plural = _("year plans")
        ordering = ["-year", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "revision"], name="year_plan_one_per_revision"),
        ]

    def __str__(self) -> str:
        if self.revision:
            return _("Plan %(year)s, revision %(revision)s") % {"year": self.year, "revision": self.revision}
        return _("Plan %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("operations:plan_detail", args=[self.pk])


class PlanTarget(models.Model):
    """The plan's targets for the province (no district) or one district."""

    plan = models.ForeignKey(YearPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="targets")
    district = models.ForeignKey(
        "communes.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    communes_to_standard = models.PositiveSmallIntegerField(_("communes to reach the standard"), default=0)
    average_criteria = models.DecimalField(
        _("average criteria per commune"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    lift_from_cutoff = models.PositiveSmallIntegerField(_("communes to lift above the cut-off"), default=0)

    class Meta:
        verbose_name = _("plan target")
        verbose_name_plural = _("plan targets")
        ordering = ["plan", "district__sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "district"], name="plan_target_one_per_district"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(district__isnull=True), name="plan_target_one_for_province"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.district or _('province')}"


class PlanCommune(models.Model):
    """A commune the plan names to reach the standard in its year."""

    plan = models.ForeignKey(YearPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="communes")
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("commune named in the plan")
        verbose_name_plural = _("communes named in the plan")
        ordering = ["plan", "commune__sort_name"]
        constraints = [models.UniqueConstraint(fields=["plan", "commune"], name="plan_commune_once")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.commune}"


# ---------------------------------------------------------------------------------------------------------------
# Classification reviews (rà soát, phân loại)
# ---------------------------------------------------------------------------------------------------------------


class CommuneGroup(models.Model):
    """A saved filter of the commune directory (e.g. "registered for 2014", "under 7 criteria")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    params = models.JSONField(_("directory filter"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("commune group")
        verbose_name_plural = _("commune groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    group = models.ForeignKey(CommuneGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("classification review")
        verbose_name_plural = _("classification reviews")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("operations:review_detail", args=[self.pk])


class ReviewEntry(models.Model):
    class Classification(models.TextChoices):
        ON_TRACK = "on_track", _("on track")
        NEEDS_SUPPORT = "needs_support", _("needs support")
        NOT_FEASIBLE = "not_feasible", _("not feasible this year")

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="entries")
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    criteria_met = models.PositiveSmallIntegerField(_("criteria met"), null=True, blank=True)
    classification = models.CharField(_("classification"), max_length=20, choices=Classification.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("review line")
        verbose_name_plural = _("review lines")
        ordering = ["review", "commune__sort_name"]
        constraints = [models.UniqueConstraint(fields=["review", "commune"], name="review_entry_once")]

    def __str__(self) -> str:
        return f"{self.review} · {self.commune}"


# ---------------------------------------------------------------------------------------------------------------
# Word templates
# ---------------------------------------------------------------------------------------------------------------


class WordTemplate(StoredFileMixin):
    """The office's own .docx template for a kind of document; without one, the shipped default is used."""

    class Kind(models.TextChoices):
        INSPECTION_RECORD = "inspection_record", _("inspection record")
        CONCLUSION_NOTICE = "conclusion_notice", _("conclusion notice")
        REVIEW_TABLE = "review_table", _("review table")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, unique=True)
    file = models.FileField(_("file"), upload_to=word_template_path, max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()
