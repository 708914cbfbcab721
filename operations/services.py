"""Writes of the office's work: documents and their numbers, inspection steps, requests and their answers,
plans and revisions, reviews, calendar feeds. Keyword-only, each in one transaction."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.selectors import district_officers, office_staff
from communes.models import District, Registration
from notifications.services import notify
from workflow import filetypes

from . import rules
from .models import (
    CalendarFeed,
    CommuneGroup,
    Document,
    DocumentType,
    Finding,
    Inspection,
    InspectionRequest,
    PlanCommune,
    PlanTarget,
    Review,
    ReviewEntry,
    YearPlan,
)

DOCUMENT_KINDS = (filetypes.PDF, filetypes.DOCX, filetypes.DOC)
ANSWER_KINDS = (filetypes.PDF, filetypes.DOCX, filetypes.DOC, filetypes.PNG, filetypes.JPEG)


def file_check(upload: UploadedFile, *, kinds=DOCUMENT_KINDS) -> filetypes.FileKind:
    """The upload's kind read from its content (workflow/filetypes.py); ValidationError if too big or another."""
    limit = settings.NTM_EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": round(limit / 1024 / 1024, 1)}, code="too_large"
        )
    kind = filetypes.detect(upload)
    if kind not in kinds:
        names = ", ".join(k.extension.lstrip(".").upper() for k in kinds)
        raise ValidationError(
            _("Only these kinds of file are accepted: %(kinds)s; this file is none of them.") % {"kinds": names},
            code="file_type",
        )
    return kind


def stored_file_attach(obj, field: str, upload: UploadedFile, kinds) -> None:
    kind = file_check(upload, kinds=kinds)
    obj.original_name = (upload.name or kind.name)[-255:]
    obj.content_type = kind.content_type
    obj.size = upload.size
    getattr(obj, field).save("upload", upload, save=False)


# --- documents -------------------------------------------------------------------------------------------------


def document_number_proposal(*, doc_type: DocumentType, year: int) -> tuple[int, str]:
    """The next running number of the type in the year and its number-and-symbol, e.g. (12, "12/KH-VPĐP")."""
    used = Document.objects.filter(direction=Document.Direction.ISSUED, doc_type=doc_type, year=year).values_list(
        "sequence", flat=True
    )
    sequence = rules.next_sequence(used)
    return sequence, rules.format_number(doc_type.number_format, number=sequence, year=year)


def document_save(*, document: Document, upload: UploadedFile | None, user, save_m2m=None) -> Document:
    """Store a document (new or changed) with its file. An issued document without a running number takes the
    one its number-and-symbol shows. Raises ValidationError naming the field (file type, a number used already)."""
    if document.direction == Document.Direction.ISSUED and document.sequence is None:
        document.sequence = rules.sequence_of(document.doc_type.number_format, document.number, year=document.date.year)
    if document.direction == Document.Direction.RECEIVED:
        document.sequence = None
    if document.pk is None:
        document.created_by = user
    try:
        with transaction.atomic():
            if upload is not None:
                stored_file_attach(document, "file", upload, DOCUMENT_KINDS)
            document.save()
            if save_m2m is not None:
                save_m2m()
    except IntegrityError:
        if upload is not None and document.file:
            document.file.delete(save=False)
        raise ValidationError(
            {
                "number": _("Number %(number)s of this type is already used in %(year)s.")
                % {"number": document.sequence, "year": document.date.year}
            },
            code="number_used",
        ) from None
    return document


# --- inspections -----------------------------------------------------------------------------------------------


def inspection_move(*, inspection: Inspection, target: str, user) -> Inspection:
    """Move the inspection to `target` status. Raises ValidationError with the reason (rules.inspection_refusal)."""
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        refusal = rules.inspection_refusal(
            inspection.status,
            target,
            held_start=inspection.held_start,
            visits_done=inspection.visits.filter(visited_on__isnull=False).count(),
            conclusion_number=inspection.conclusion_number,
            conclusion_date=inspection.conclusion_date,
            requests_not_done=inspection.requests.exclude(status=rules.RequestStatus.DONE).count(),
        )
        if refusal:
            raise ValidationError(refusal, code="step")
        inspection.status = target
        inspection.save(update_fields=["status"])
    return inspection


def finding_save(*, finding: Finding, comparator: str | None = None) -> Finding:
    """Save a finding; with both values given, the verdict follows them (rules.verdict_of), else the team's."""
    if finding.indicator_id:
        finding.criterion_id = finding.indicator.criterion_id
        comparator = comparator or finding.indicator.comparator
    verdict = rules.verdict_of(
        recorded=finding.recorded_value, found=finding.found_value, comparator=comparator or ">="
    )
    if verdict is not None:
        finding.verdict = verdict
    finding.save()
    return finding


def _request_params(request: InspectionRequest) -> dict:
    return {
        "inspection": request.inspection.title,
        "unit": request.responsible_text,
        "deadline": date_format(request.deadline, "d/m/Y"),
    }


def request_district_id(request: InspectionRequest) -> int | None:
    """The district whose officers answer: the commune's for a commune, the named one for a district."""
    if request.responsible_kind == InspectionRequest.Responsible.COMMUNE and request.commune_id:
        return request.commune.district_id
    return request.district_id


def request_create(*, request: InspectionRequest, user) -> InspectionRequest:
    """Record a request of an inspection and tell the responsible district's officers."""
    request.district_id = request_district_id(request)
    request.status = rules.RequestStatus.OPEN
    request.save()
    notify(
        recipients=district_officers(request.district_id).exclude(pk=user.pk),
        kind="inspections.request_created",
        params=_request_params(request),
        url=request.get_absolute_url(),
    )
    return request


def request_answer(*, request: InspectionRequest, answer: str, upload: UploadedFile | None, user) -> InspectionRequest:
    """The responsible unit's answer (text, optional file checked by content); the office is told."""
    if request.status == rules.RequestStatus.DONE:
        raise ValidationError(_("This request is closed already."), code="closed")
    with transaction.atomic():
        if upload is not None:
            stored_file_attach(request, "answer_file", upload, ANSWER_KINDS)
        request.answer = answer
        request.answered_by, request.answered_at = user, timezone.now()
        request.status = rules.RequestStatus.ANSWERED
        request.save()
        notify(
            recipients=office_staff().exclude(pk=user.pk),
            kind="inspections.request_answered",
            params=_request_params(request),
            url=request.get_absolute_url(),
        )
    return request


def request_close(*, request: InspectionRequest, user, note: str = "") -> InspectionRequest:
    """The office accepts the request as done."""
    request.status = rules.RequestStatus.DONE
    request.closed_by, request.closed_at = user, timezone.now()
    if note:
        request.office_note = note
    request.save()
    return request


def request_reopen(*, request: InspectionRequest, user, note: str) -> InspectionRequest:
    """The office finds the answer insufficient: the request is open again and the district is told why."""
    request.status = rules.RequestStatus.OPEN
    request.closed_by, request.closed_at = None, None
    request.office_note = note
    request.save()
    notify(
        recipients=district_officers(request.district_id).exclude(pk=user.pk),
        kind="inspections.request_reopened",
        params={**_request_params(request), "note": note},
        url=request.get_absolute_url(),
    )
    return request


def requests_overdue_notify(*, today: datetime.date) -> int:
    """Reminder (notifications.reminders): tell each responsible district's officers, once per request and
    deadline, of every open request whose deadline has passed; the office sees them on its work queue."""
    sent = 0
    overdue = InspectionRequest.objects.filter(status=rules.RequestStatus.OPEN, deadline__lt=today).select_related(
        "inspection", "commune", "district"
    )
    for request in overdue:
        sent += notify(
            recipients=district_officers(request.district_id),
            kind="inspections.request_overdue",
            params=_request_params(request),
            url=reverse("operations:request_detail", args=[request.pk]),
            key=f"inspection-request-overdue:{request.pk}:{request.deadline:%Y%m%d}",
        )
    return sent


# --- plans -----------------------------------------------------------------------------------------------------


def plan_create(*, province, year: int, adopted_on: datetime.date, user, document=None, note: str = "") -> YearPlan:
    """A year's plan (revision 0) with an empty target line for the province and one per district."""
    with transaction.atomic():
        plan = YearPlan.objects.create(
            province=province, year=year, adopted_on=adopted_on, document=document, note=note, created_by=user
        )
        PlanTarget.objects.create(plan=plan)
        districts = District.objects.in_year(year).filter(province=province)
        PlanTarget.objects.bulk_create([PlanTarget(plan=plan, district=d) for d in districts])
    return plan


def plan_revise(*, plan: YearPlan, adopted_on: datetime.date, user, document=None, note: str) -> YearPlan:
    """A revision (điều chỉnh kế hoạch): a copy of the year's latest version under the next revision number.
    The earlier versions stay as they were (the plan's history)."""
    with transaction.atomic():
        latest = (
            YearPlan.objects.select_for_update()
            .filter(province=plan.province, year=plan.year)
            .order_by("-revision")
            .first()
        )
        revised = YearPlan.objects.create(
            province=latest.province,
            year=latest.year,
            revision=latest.revision + 1,
            adopted_on=adopted_on,
            document=document,
            note=note,
            created_by=user,
        )
        PlanTarget.objects.bulk_create(
            [
                PlanTarget(
                    plan=revised,
                    district_id=t.district_id,
                    communes_to_standard=t.communes_to_standard,
                    average_criteria=t.average_criteria,
                    lift_from_cutoff=t.lift_from_cutoff,
                )
                for t in latest.targets.all()
            ]
        )
        PlanCommune.objects.bulk_create(
            [PlanCommune(plan=revised, commune_id=c.commune_id) for c in latest.communes.all()]
        )
    return revised


def plan_communes_from_registrations(*, plan: YearPlan) -> int:
    """Name in the plan every commune registered for its year (Registration); returns how many were added."""
    registered = Registration.objects.filter(year=plan.year, commune__province=plan.province).values_list(
        "commune_id", flat=True
    )
    named = set(plan.communes.values_list("commune_id", flat=True))
    rows = [PlanCommune(plan=plan, commune_id=pk) for pk in registered if pk not in named]
    PlanCommune.objects.bulk_create(rows)
    return len(rows)


# --- reviews ---------------------------------------------------------------------------------------------------


def review_create(*, group: CommuneGroup, year: int, held_on: datetime.date, title: str, user) -> Review:
    """A review of the group's communes as its saved filter finds them now (the list is kept with the review)."""
    from .selectors import group_communes

    communes, scores = group_communes(group.params, year=year)
    with transaction.atomic():
        review = Review.objects.create(group=group, year=year, held_on=held_on, title=title, created_by=user)
        ReviewEntry.objects.bulk_create(
            [ReviewEntry(review=review, commune=c, criteria_met=scores.count(c.pk)) for c in communes]
        )
    return review


# --- calendar feed ---------------------------------------------------------------------------------------------


def calendar_feed_for(*, user) -> CalendarFeed:
    """The user's feed, created with a fresh secret token the first time."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        feed = CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    return feed


def calendar_feed_reset(*, user) -> CalendarFeed:
    """A new secret token: the old address stops working at once."""
    feed = calendar_feed_for(user=user)
    feed.token = secrets.token_urlsafe(32)
    feed.save()
    return feed
