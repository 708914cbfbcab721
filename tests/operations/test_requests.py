"""Requests (kiến nghị): the district is told, answers, the office closes or reopens; overdue reminders go once."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from notifications.models import Notification
from operations import rules
from operations.models import InspectionRequest
from operations.selectors import overdue_requests
from operations.services import requests_overdue_notify
from tests.conftest import client_for
from tests.workflow.files import docx

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
D = datetime.date


def test_a_new_request_tells_the_responsible_district_only(district_officer, other_district_officer, request_open):
    assert request_open.district_id == district_officer.profile.district_id
    assert Notification.objects.filter(recipient=district_officer, kind="inspections.request_created").count() == 1
    assert not Notification.objects.filter(recipient=other_district_officer).exists()


def test_the_district_officer_answers_with_a_file_and_the_office_is_told(request_open, district_officer, office):
    response = client_for(district_officer).post(
        reverse("operations:request_answer", args=[request_open.pk]),
        {"answer": "Đã bổ sung biên bản", "upload": SimpleUploadedFile("bb.pdf", PDF)},
    )
    assert response.status_code == 302
    request_open.refresh_from_db()
    assert request_open.status == rules.RequestStatus.ANSWERED and request_open.answer == "Đã bổ sung biên bản"
    assert request_open.content_type == "application/pdf"
    assert Notification.objects.filter(recipient=office, kind="inspections.request_answered").exists()


def test_an_answer_file_of_another_kind_is_refused_naming_the_field(request_open, district_officer):
    response = client_for(district_officer).post(
        reverse("operations:request_answer", args=[request_open.pk]),
        {"answer": "Xem tệp", "upload": SimpleUploadedFile("bb.pdf", b"MZ\x90\x00 not a pdf")},
    )
    assert response.status_code == 400
    assert "Tệp:" in response.content.decode()
    request_open.refresh_from_db()
    assert request_open.status == rules.RequestStatus.OPEN and not request_open.answer_file


def test_another_district_cannot_answer(request_open, other_district_officer, leadership):
    url = reverse("operations:request_answer", args=[request_open.pk])
    assert client_for(other_district_officer).post(url, {"answer": "x"}).status_code == 403
    assert client_for(leadership).post(url, {"answer": "x"}).status_code == 403


def test_the_office_closes_and_reopens(district_officer, request_open, office):
    client = client_for(office)
    client.post(reverse("operations:request_close", args=[request_open.pk]), {"note": "Đạt"})
    request_open.refresh_from_db()
    assert request_open.status == rules.RequestStatus.DONE and request_open.closed_by == office
    client.post(reverse("operations:request_reopen", args=[request_open.pk]), {"note": "Thiếu chữ ký"})
    request_open.refresh_from_db()
    assert request_open.status == rules.RequestStatus.OPEN
    assert Notification.objects.filter(recipient=district_officer, kind="inspections.request_reopened").exists()


def test_overdue_reminder_goes_once_per_request_to_its_district(request_open, district_officer, other_district_officer):
    assert requests_overdue_notify(today=D(2014, 5, 1)) == 0  # due today: not overdue
    assert requests_overdue_notify(today=D(2014, 5, 2)) == 1
    assert requests_overdue_notify(today=D(2014, 5, 3)) == 0  # once per request
    assert Notification.objects.filter(recipient=district_officer, kind="inspections.request_overdue").count() == 1
    assert not Notification.objects.filter(recipient=other_district_officer).exists()


def test_answered_requests_are_not_reminded(request_open, district_officer):
    request_open.status = rules.RequestStatus.ANSWERED
    request_open.save()
    assert requests_overdue_notify(today=D(2014, 6, 1)) == 0


def test_the_work_queue_lists_overdue_requests_by_role(request_open, office, district_officer, other_district_officer):
    today = D(2014, 5, 2)
    assert overdue_requests(office, today=today) == [request_open]
    assert overdue_requests(district_officer, today=today) == [request_open]
    assert overdue_requests(other_district_officer, today=today) == []
    assert overdue_requests(office, today=D(2014, 4, 30)) == []


def test_the_list_filters_overdue(request_open, office, inspection, commune):
    InspectionRequest.objects.create(
        inspection=inspection, text="Khác", commune=commune, deadline=D(2099, 1, 1), district=commune.district
    )
    response = client_for(office).get(reverse("operations:request_list"), {"status": "overdue"})
    assert [r.pk for r in response.context["page_obj"]] == [request_open.pk]


def test_a_word_answer_is_accepted(request_open, district_officer):
    response = client_for(district_officer).post(
        reverse("operations:request_answer", args=[request_open.pk]),
        {"answer": "Báo cáo", "upload": SimpleUploadedFile("bc.docx", docx())},
    )
    assert response.status_code == 302
