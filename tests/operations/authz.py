"""The office's work in the authorization matrix (tests/test_authorization_matrix.py).

Subjects: an inspection led by office staff visiting the commune of the district officer's own district, with a
finding and a request to that commune (answered, with a file); a document with a file; a calendar entry of the
own district; a plan; a commune group and its review; an uploaded Word template; the own officer's .ics token.
Office staff manage everything; every role reads; the own district's officer answers the request and keeps the
district's calendar entry; the other district's officer does not see that entry.
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from operations import services, word
from operations.models import (
    CalendarEntry,
    CommuneGroup,
    Document,
    DocumentType,
    Finding,
    Inspection,
    InspectionRequest,
    Visit,
    WordTemplate,
)
from tests.authz_rows import row

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n"

READ = {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 405, 405, 405, 405)}
OFFICE_FORM = {"GET": row("login", 403, 403, 403, 200), "POST": row("login", 403, 403, 403, 400)}
OFFICE_ACTION = {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 403, 403, 302)}
OFFICE_DOWNLOAD = {"GET": row("login", 403, 403, 403, 200), "POST": row("login", 405, 405, 405, 405)}

EXPECTED = {
    "operations:calendar": READ,
    "operations:calendar_events": {"GET": row("login", 400, 400, 400, 400), "POST": row("login", 405, 405, 405, 405)},
    "operations:agenda": READ,
    "operations:entry_create": {"GET": row("login", 403, 200, 200, 200), "POST": row("login", 403, 400, 400, 400)},
    "operations:entry_detail": {"GET": row("login", 200, 200, 403, 200), "POST": row("login", 405, 405, 405, 405)},
    "operations:entry_edit": {"GET": row("login", 403, 200, 403, 200), "POST": row("login", 403, 400, 403, 400)},
    "operations:entry_delete": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 302, 403, 302)},
    "operations:feed": READ,
    "operations:feed_reset": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 302, 302, 302, 302)},
    "operations:ics": {"GET": row(200, 200, 200, 200, 200), "POST": row(405, 405, 405, 405, 405)},
    "operations:inspection_list": READ,
    "operations:inspection_create": OFFICE_FORM,
    "operations:inspection_detail": READ,
    "operations:inspection_edit": OFFICE_FORM,
    "operations:inspection_step": OFFICE_ACTION,
    "operations:inspection_notice": READ,
    "operations:visit_create": OFFICE_FORM,
    "operations:visit_edit": OFFICE_FORM,
    "operations:visit_detail": READ,
    "operations:visit_record": READ,
    "operations:finding_create": OFFICE_FORM,
    "operations:finding_edit": OFFICE_FORM,
    "operations:finding_delete": OFFICE_ACTION,
    "operations:finding_list": READ,
    "operations:request_create": OFFICE_FORM,
    "operations:request_list": READ,
    "operations:request_detail": READ,
    "operations:request_answer": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 400, 403, 400)},
    "operations:request_close": OFFICE_ACTION,
    "operations:request_reopen": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 403, 403, 400)},
    "operations:request_file": READ,
    "operations:document_list": READ,
    "operations:document_create": OFFICE_FORM,
    "operations:document_next_number": {
        "GET": row("login", 403, 403, 403, 400),
        "POST": row("login", 405, 405, 405, 405),
    },
    "operations:document_detail": READ,
    "operations:document_edit": OFFICE_FORM,
    "operations:document_file": READ,
    "operations:plan_list": READ,
    "operations:plan_create": OFFICE_FORM,
    "operations:plan_detail": READ,
    "operations:plan_edit": OFFICE_FORM,
    "operations:plan_revise": OFFICE_ACTION,
    "operations:plan_communes": OFFICE_ACTION,
    "operations:review_list": READ,
    "operations:group_create": OFFICE_FORM,
    "operations:review_create": OFFICE_FORM,
    "operations:review_detail": {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 403, 403, 403, 400)},
    "operations:review_word": READ,
    "operations:templates": OFFICE_FORM,
    "operations:template_download": OFFICE_DOWNLOAD,
    "operations:template_reset": OFFICE_ACTION,
    "excel:documents": READ,
    "excel:inspections": READ,
    "excel:inspection_findings": READ,
    "excel:requests": READ,
    "excel:findings": READ,
    "excel:plans": READ,
    "excel:agenda": READ,
    "excel:review": READ,
}


def subjects(world) -> dict:
    users, commune, year = world["users"], world["commune"], world["year"]
    office, officer = users["office"], users["district_officer"]
    document = services.document_save(
        document=Document(
            doc_type=DocumentType.objects.get(code="ke_hoach"),
            number="12/KH-VPĐP",
            date=datetime.date(year, 3, 1),
            issuer="Văn phòng điều phối NTM tỉnh",
            summary="Kế hoạch kiểm tra năm 2014",
        ),
        upload=SimpleUploadedFile("ke-hoach.pdf", PDF),
        user=office,
    )
    inspection = Inspection.objects.create(
        title="Kiểm tra Đức Thọ",
        lead=office,
        planned_start=datetime.date(year, 4, 1),
        planned_end=datetime.date(year, 4, 3),
        held_start=datetime.date(year, 4, 1),
        legal_basis=document,
        status=Inspection.Status.HELD,
    )
    visit = Visit.objects.create(inspection=inspection, commune=commune, visited_on=datetime.date(year, 4, 1))
    finding = Finding.objects.create(
        visit=visit, topic="Sổ sách", recorded_value=Decimal("85"), found_value=Decimal("70"), observation="Thiếu"
    )
    request = services.request_create(
        request=InspectionRequest(
            inspection=inspection, text="Bổ sung hồ sơ", commune=commune, deadline=datetime.date(year, 5, 1)
        ),
        user=office,
    )
    services.request_answer(
        request=request, answer="Đã bổ sung", upload=SimpleUploadedFile("tra-loi.pdf", PDF), user=officer
    )
    entry = CalendarEntry.objects.create(
        title="Họp huyện",
        start_date=datetime.date(year, 4, 10),
        end_date=datetime.date(year, 4, 10),
        created_by=officer,
    )
    entry.districts.add(commune.district)
    plan = services.plan_create(
        province=commune.province, year=year, adopted_on=datetime.date(year, 1, 15), user=office
    )
    group = CommuneGroup.objects.create(name="Đăng ký 2014", params={"registered_year": str(year)})
    review = services.review_create(
        group=group, year=year, held_on=datetime.date(year, 6, 1), title="Rà soát", user=office
    )
    template = WordTemplate(kind=WordTemplate.Kind.INSPECTION_RECORD, uploaded_by=office)
    services.stored_file_attach(
        template, "file", SimpleUploadedFile("mau.docx", word.default_template()), services.DOCUMENT_KINDS
    )
    template.save()
    feed = services.calendar_feed_for(user=officer)
    inspection_kw, visit_kw = {"pk": inspection.pk}, {"pk": visit.pk}
    return {
        "operations:entry_detail": {"pk": entry.pk},
        "operations:entry_edit": {"pk": entry.pk},
        "operations:entry_delete": {"pk": entry.pk},
        "operations:ics": {"token": feed.token},
        "operations:inspection_detail": inspection_kw,
        "operations:inspection_edit": inspection_kw,
        "operations:inspection_step": inspection_kw,
        "operations:inspection_notice": inspection_kw,
        "operations:visit_create": inspection_kw,
        "operations:request_create": inspection_kw,
        "operations:visit_edit": {"pk": inspection.pk, "visit_pk": visit.pk},
        "operations:visit_detail": visit_kw,
        "operations:visit_record": visit_kw,
        "operations:finding_create": visit_kw,
        "operations:finding_edit": {"pk": visit.pk, "finding_pk": finding.pk},
        "operations:finding_delete": {"pk": visit.pk, "finding_pk": finding.pk},
        "operations:request_detail": {"pk": request.pk},
        "operations:request_answer": {"pk": request.pk},
        "operations:request_close": {"pk": request.pk},
        "operations:request_reopen": {"pk": request.pk},
        "operations:request_file": {"pk": request.pk},
        "operations:document_detail": {"pk": document.pk},
        "operations:document_edit": {"pk": document.pk},
        "operations:document_file": {"pk": document.pk},
        "operations:plan_detail": {"pk": plan.pk},
        "operations:plan_edit": {"pk": plan.pk},
        "operations:plan_revise": {"pk": plan.pk},
        "operations:plan_communes": {"pk": plan.pk},
        "operations:review_detail": {"pk": review.pk},
        "operations:review_word": {"pk": review.pk},
        "operations:template_download": {"kind": "inspection_record"},
        "operations:template_reset": {"kind": "inspection_record"},
        "excel:inspection_findings": inspection_kw,
        "excel:review": {"pk": review.pk},
    }
