"""Pages of the office's work per role: documents (numbers, search, file types), calendar visibility and the
.ics feed, plans and revisions, Word outputs, the scorecard panel, the dashboard figures, query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as read_docx

from communes.models import Commune
from operations import services, word
from operations.models import CalendarEntry, Document, DocumentType, Finding, Inspection, InspectionRequest, Visit
from operations.selectors import inspection_figures
from tests.conftest import client_for

D = datetime.date
MARCH, SEPTEMBER = datetime.date(2014, 3, 1), datetime.date(2014, 9, 8)
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def _document(number: str, summary: str, *, code="ke_hoach", date=MARCH, user=None) -> Document:
    return services.document_save(
        document=Document(
            doc_type=DocumentType.objects.get(code=code),
            number=number,
            date=date,
            issuer="VPĐP NTM tỉnh",
            summary=summary,
        ),
        upload=None,
        user=user,
    )


def test_a_new_document_proposes_the_next_number_of_its_type_for_the_year(office):
    _document("11/KH-VPĐP", "Kế hoạch kiểm tra")
    _document("4/TB-VPĐP", "Thông báo", code="thong_bao")
    _document("30/KH-VPĐP", "Năm trước", date=D(2013, 12, 1))
    response = client_for(office).get(
        reverse("operations:document_next_number"),
        {"doc_type": DocumentType.objects.get(code="ke_hoach").pk, "year": 2014},
    )
    assert response.json() == {"sequence": 12, "number": "12/KH-VPĐP"}


def test_a_number_used_twice_is_refused_naming_the_field(office):
    _document("12/KH-VPĐP", "Một")
    doc_type = DocumentType.objects.get(code="ke_hoach")
    response = client_for(office).post(
        reverse("operations:document_create"),
        {
            "direction": "issued",
            "doc_type": doc_type.pk,
            "number": "12/KH-VPĐP",
            "date": "05/06/2014",
            "issuer": "VPĐP",
            "summary": "Hai",
        },
    )
    assert response.status_code == 400
    assert "Số và ký hiệu: Số 12 của loại này đã dùng trong năm 2014." in response.content.decode()
    assert Document.objects.count() == 1


def test_a_document_file_must_be_pdf_or_word(office):
    doc_type = DocumentType.objects.get(code="ke_hoach")
    data = {
        "direction": "issued",
        "doc_type": doc_type.pk,
        "number": "1/KH-VPĐP",
        "date": "05/06/2014",
        "issuer": "VPĐP",
        "summary": "Kế hoạch",
    }
    client = client_for(office)
    bad = client.post(reverse("operations:document_create"), {**data, "upload": SimpleUploadedFile("a.pdf", b"<html>")})
    assert bad.status_code == 400 and Document.objects.count() == 0
    assert 'value="Kế hoạch"' in bad.content.decode() or "Kế hoạch</textarea>" in bad.content.decode()
    good = client.post(reverse("operations:document_create"), {**data, "upload": SimpleUploadedFile("a.pdf", PDF)})
    assert good.status_code == 302 and Document.objects.get().content_type == "application/pdf"


def test_the_register_search_ignores_accents(office):
    _document("12/KH-VPĐP", "Kế hoạch kiểm tra công tác lãnh đạo")
    _document("3/TB-VPĐP", "Thông báo kết luận", code="thong_bao")
    client = client_for(office)
    found = client.get(reverse("operations:document_list"), {"q": "ke hoach lanh dao"}).context["page_obj"]
    assert [d.number for d in found] == ["12/KH-VPĐP"]
    found = client.get(reverse("operations:document_list"), {"q": "3/TB"}).context["page_obj"]
    assert [d.number for d in found] == ["3/TB-VPĐP"]


def _entry(title, *, district=None, commune=None, user=None, day=SEPTEMBER):
    entry = CalendarEntry.objects.create(title=title, start_date=day, end_date=day, created_by=user)
    if district:
        entry.districts.add(district)
    if commune:
        entry.communes.add(commune)
    return entry


def _titles(client, **params):
    response = client.get(reverse("operations:calendar_events"), {"start": "2014-09-01", "end": "2014-10-01", **params})
    assert response.status_code == 200
    return sorted(e["title"] for e in response.json())


def test_district_officers_see_the_entries_of_their_district(
    office, leadership, district_officer, other_district_officer, district, other_district, other_commune
):
    _entry("Họp Đức Thọ", district=district)
    _entry("Kiểm tra Kỳ Tây", commune=other_commune)
    _entry("Họp văn phòng")
    assert _titles(client_for(office)) == ["Họp văn phòng", "Họp Đức Thọ", "Kiểm tra Kỳ Tây"]
    assert _titles(client_for(leadership)) == ["Họp văn phòng", "Họp Đức Thọ", "Kiểm tra Kỳ Tây"]
    assert _titles(client_for(district_officer)) == ["Họp Đức Thọ"]
    assert _titles(client_for(other_district_officer)) == ["Kiểm tra Kỳ Tây"]
    assert _titles(client_for(office), district=other_district.pk) == ["Kiểm tra Kỳ Tây"]


def test_a_district_officer_adds_entries_of_their_own_district_only(district_officer, district, other_district):
    client = client_for(district_officer)
    data = {"title": "Tập huấn", "kind": "training", "start_date": "10/09/2014", "end_date": "10/09/2014"}
    assert (
        client.post(reverse("operations:entry_create"), {**data, "districts": [other_district.pk]}).status_code == 400
    )
    assert client.post(reverse("operations:entry_create"), {**data, "districts": [district.pk]}).status_code == 302
    assert list(CalendarEntry.objects.get().districts.all()) == [district]


def test_entry_dates_in_the_wrong_order_are_refused_naming_the_field(office):
    response = client_for(office).post(
        reverse("operations:entry_create"),
        {"title": "Họp", "kind": "meeting", "start_date": "10/09/2014", "end_date": "09/09/2014"},
    )
    assert response.status_code == 400
    assert "Ngày kết thúc:" in response.content.decode()


def test_planned_inspections_show_on_the_calendar(office, inspection):
    titles = (
        client_for(office)
        .get(reverse("operations:calendar_events"), {"start": "2014-03-31", "end": "2014-05-05"})
        .json()
    )
    assert [e["title"] for e in titles] == [inspection.title]
    assert titles[0]["start"] == "2014-04-01" and titles[0]["end"] == "2014-04-04"


def test_the_ics_feed_needs_the_current_token(district_officer, district):
    _entry("Họp Đức Thọ", district=district, day=datetime.date.today())
    client = client_for(district_officer)
    client.get(reverse("operations:feed"))
    feed = services.calendar_feed_for(user=district_officer)
    old = reverse("operations:ics", args=[feed.token])
    response = client_for(None).get(old)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Họp Đức Thọ" in response.content.decode()
    client.post(reverse("operations:feed_reset"))
    assert client_for(None).get(old).status_code == 404


def test_a_plan_revision_keeps_the_earlier_version(office, commune, district):
    plan = services.plan_create(province=commune.province, year=2014, adopted_on=D(2014, 1, 10), user=office)
    plan.targets.filter(district=district).update(communes_to_standard=3)
    revised = services.plan_revise(plan=plan, adopted_on=D(2014, 7, 1), user=office, note="Giảm chỉ tiêu")
    revised.targets.filter(district=district).update(communes_to_standard=2)
    assert revised.revision == 1
    assert plan.targets.get(district=district).communes_to_standard == 3
    response = client_for(office).get(reverse("operations:plan_detail", args=[revised.pk]))
    assert "Giảm chỉ tiêu" in response.content.decode() and response.context["progress"].revisions == [plan, revised]


def test_plan_against_actual_counts_recognitions_of_the_year(office, commune, second_commune, district):
    plan = services.plan_create(province=commune.province, year=2014, adopted_on=D(2014, 1, 10), user=office)
    plan.targets.filter(district=district).update(communes_to_standard=2)
    Commune.objects.filter(pk=commune.pk).update(recognition_decision="1/QĐ", recognition_date=D(2014, 11, 20))
    Commune.objects.filter(pk=second_commune.pk).update(recognition_decision="2/QĐ", recognition_date=D(2013, 11, 20))
    progress = client_for(office).get(reverse("operations:plan_detail", args=[plan.pk])).context["progress"]
    line = next(line for line in progress.lines if line.district == district)
    assert (line.target_standard, line.actual_standard, line.share_standard) == (2, 1, 50.0)
    assert progress.months[9] == (10, 0) and progress.months[10] == (11, 1)


def test_the_inspection_record_is_a_word_document_with_the_motto(office, visit):
    Finding.objects.create(
        visit=visit,
        topic="Hồ sơ",
        recorded_value=Decimal("85"),
        found_value=Decimal("70"),
        verdict="overstated",
        observation="Thiếu hồ sơ",
    )
    response = client_for(office).get(reverse("operations:visit_record", args=[visit.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = word.document_text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "BIÊN BẢN KIỂM TRA" in text and "ngày 01 tháng 4 năm 2014" in text and "85" in text
    assert "{{" not in text


def test_an_uploaded_template_replaces_the_default_and_needs_the_body_placeholder(office, visit):
    document = read_docx(io.BytesIO(word.default_template()))
    document.paragraphs[0].insert_paragraph_before("MẪU CỦA VĂN PHÒNG")
    buffer = io.BytesIO()
    document.save(buffer)
    client = client_for(office)
    url = reverse("operations:templates")
    empty = read_docx()
    empty.add_paragraph("Không có chỗ cho nội dung")
    plain = io.BytesIO()
    empty.save(plain)
    refused = client.post(url, {"kind": "inspection_record", "upload": SimpleUploadedFile("m.docx", plain.getvalue())})
    assert refused.status_code == 400 and "noi_dung" in refused.content.decode()
    client.post(url, {"kind": "inspection_record", "upload": SimpleUploadedFile("m.docx", buffer.getvalue())})
    text = word.document_text(client.get(reverse("operations:visit_record", args=[visit.pk])).content)
    assert "MẪU CỦA VĂN PHÒNG" in text


def test_the_scorecard_shows_the_year_findings(office, visit, small_set, commune):
    criterion = small_set.criteria.get(number=1)
    Finding.objects.create(
        visit=visit,
        criterion=criterion,
        recorded_value=85,
        found_value=70,
        verdict="overstated",
        observation="Đường chưa cứng hóa",
    )
    page = client_for(office).get(reverse("communes:scorecard", args=[commune.pk]), {"year": 2014}).content.decode()
    assert 'id="inspection-findings"' in page and "1. Giao thông" in page
    assert "1 phát hiện kiểm tra · 1 báo cáo cao hơn thực tế" in page
    other_year = client_for(office).get(reverse("communes:scorecard", args=[commune.pk]), {"year": 2013})
    assert 'id="inspection-findings"' not in other_year.content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_list_pages_run_a_constant_number_of_queries(office, district, commune, size, django_assert_max_num_queries):
    for n in range(size):
        inspection = Inspection.objects.create(
            title=f"KT {n}", lead=office, planned_start=D(2014, 4, 1), planned_end=D(2014, 4, 2)
        )
        visit = Visit.objects.create(inspection=inspection, commune=commune, visited_on=D(2014, 4, 1))
        Finding.objects.create(visit=visit, topic=f"Nội dung {n}", observation="—")
        _document(f"{n + 1}/KH-VPĐP", f"Kế hoạch {n}")
        _entry(f"Họp {n}", district=district)
    client = client_for(office)
    for name in ("inspection_list", "finding_list", "document_list", "request_list", "agenda"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"operations:{name}"), {"start": "01/09/2014"}).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("operations:calendar_events"), {"start": "2014-09-01", "end": "2014-10-01"}).status_code
            == 200
        )


def test_inspection_figures_match_an_independent_count(office, district, other_district, small_set):
    """Generated data: inspections of both kinds in two years, visits, findings and requests; each figure is
    counted again here from the rows created, not through the selector."""
    import random

    rng = random.Random(12)
    communes = [
        Commune.objects.create(
            code=f"9{n:04d}",
            name=f"Xã Thử {n}",
            province=district.province,
            district=district if n % 3 else other_district,
        )
        for n in range(30)
    ]
    criteria = list(small_set.criteria.all())
    expected = {
        "regular": 0,
        "surprise": 0,
        "covered": set(),
        "findings": {},
        "overstated": {},
        "open": {},
        "overdue": {},
    }
    today = D(2014, 10, 1)
    for n in range(12):
        year = 2014 if n % 4 else 2013
        held = n % 5 != 0
        kind = "surprise" if n % 3 == 0 else "regular"
        inspection = Inspection.objects.create(
            title=f"KT {n}",
            kind=kind,
            lead=office,
            planned_start=D(year, 3, 1),
            planned_end=D(year, 3, 5),
            held_start=D(year, 3, 2) if held else None,
            status="held" if held else "planned",
        )
        counted = year == 2014 and held
        if counted:
            expected[kind] += 1
        for commune in rng.sample(communes, 4):
            visit = Visit.objects.create(
                inspection=inspection, commune=commune, visited_on=D(year, 3, 2) if held else None
            )
            if counted:
                expected["covered"].add(commune.pk)
            for criterion in rng.sample(criteria, 2):
                verdict = rng.choice(["confirmed", "overstated", "understated"])
                Finding.objects.create(visit=visit, criterion=criterion, verdict=verdict, observation="—")
                if counted:
                    expected["findings"][criterion.number] = expected["findings"].get(criterion.number, 0) + 1
                    expected["overstated"][criterion.number] = expected["overstated"].get(criterion.number, 0) + (
                        verdict == "overstated"
                    )
            status = rng.choice(["open", "answered", "done"])
            deadline = D(2014, rng.choice([5, 12]), 1)
            services.request_create(
                request=InspectionRequest(inspection=inspection, text="Kiến nghị", commune=commune, deadline=deadline),
                user=office,
            )
            inspection.requests.filter(commune=commune).update(status=status)
            if year == 2014 and status != "done":
                expected["open"][commune.district_id] = expected["open"].get(commune.district_id, 0) + 1
                if status == "open" and deadline < today:
                    expected["overdue"][commune.district_id] = expected["overdue"].get(commune.district_id, 0) + 1
    figures = inspection_figures(year=2014, province=district.province, today=today)
    assert (figures.held_regular, figures.held_surprise) == (expected["regular"], expected["surprise"])
    assert figures.communes_covered == len(expected["covered"])
    assert figures.share_covered == round(
        100 * len(expected["covered"]) / Commune.objects.filter(in_programme=True).count(), 1
    )
    assert {r.number: r.findings for r in figures.criteria} == expected["findings"]
    assert {r.number: r.overstated for r in figures.criteria} == expected["overstated"]
    assert [r.overstated for r in figures.criteria] == sorted((r.overstated for r in figures.criteria), reverse=True)
    assert {r.district.pk: r.open for r in figures.requests} == expected["open"]
    assert {r.district.pk: r.overdue for r in figures.requests} == {
        k: expected["overdue"].get(k, 0) for k in expected["open"]
    }


def test_the_dashboard_shows_the_section(office, visit, small_set):
    visit.inspection.held_start, visit.inspection.status = D(2014, 4, 1), "held"
    visit.inspection.save()
    page = client_for(office).get(reverse("dashboard:home"), {"year": 2014}).content.decode()
    assert 'data-figure="inspections_held">1<' in page and 'data-figure="communes_covered">1<' in page
