"""The office's work in a real browser: plan an inspection, see it on the calendar, record a finding and a request,
the district officer answers, the office closes it. Only clicks, selects and typing into forms after login."""

import datetime

import pytest

from operations.models import Inspection, InspectionRequest
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_inspect_request_answer_close(open_session, live_server, office, district_officer, commune, small_set):
    start = datetime.date(2014, 9, 10)  # the test criteria set covers 2013-2015
    staff = open_session(office, PASSWORD)
    staff.click("#nav-operations")
    staff.click('.nav-tabs a:text-is("Kiểm tra")')
    staff.click("#plan-inspection")
    staff.fill("[name=title]", "Kiểm tra xã Tùng Ảnh")
    staff.check("[name=subjects] >> nth=1")
    staff.fill("[name=planned_start]", f"{start:%d/%m/%Y}")
    staff.fill("[name=planned_end]", f"{start + datetime.timedelta(days=1):%d/%m/%Y}")
    staff.select_option("[name=visit_communes]", str(commune.pk))
    staff.click("#object-form button[type=submit]")
    staff.wait_for_selector("#inspection-status")
    inspection = Inspection.objects.get()

    staff.click("#show-on-calendar")
    staff.wait_for_selector("#calendar a:has-text('Kiểm tra xã Tùng Ảnh')")
    staff.click("#calendar a:has-text('Kiểm tra xã Tùng Ảnh')")
    staff.wait_for_selector("#visit-table")

    staff.click(f"#visit-table [data-commune='{commune.code}'] a >> nth=0")
    staff.click("#add-finding")
    staff.select_option("[name=criterion]", label="1. Giao thông")
    staff.fill("[name=recorded_value]", "85")
    staff.fill("[name=found_value]", "70")
    staff.fill("[name=observation]", "Đường trục xã chưa cứng hóa như báo cáo")
    staff.click("#object-form button[type=submit]")
    staff.wait_for_selector("#finding-table td.not-met")
    staff.click("#add-request")
    staff.fill("[name=text]", "Rà soát lại số liệu tiêu chí giao thông")
    staff.fill("[name=deadline]", f"{datetime.date.today() + datetime.timedelta(days=30):%d/%m/%Y}")
    staff.click("#object-form button[type=submit]")
    staff.wait_for_selector("#request-table [data-status=open]")
    assert InspectionRequest.objects.get(inspection=inspection).district_id == commune.district_id

    officer = open_session(district_officer, PASSWORD)
    officer.click("#notification-bell")
    officer.click("form button >> text=/Kiểm tra xã Tùng Ảnh/")
    officer.fill("#answer-form [name=answer]", "Xã đã rà soát, điều chỉnh số liệu về 70 %")
    officer.click("#answer-form button[type=submit]")
    officer.wait_for_selector("#request-status[data-status=answered]")

    staff.reload()
    staff.click("#request-table a >> nth=0")
    staff.click("#close-form button[type=submit]")
    staff.wait_for_selector("#request-status[data-status=done]")
    assert InspectionRequest.objects.get().status == "done"
