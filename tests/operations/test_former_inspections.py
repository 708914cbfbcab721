"""A new commune's page lists the inspections of the former communes it was formed from (issue 14): date, kind,
former commune, findings and open requests, linked for the roles that may open inspections; in a constant number of
queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import Commune, Lineage
from operations import services
from operations.models import Finding, Inspection, InspectionRequest, Visit
from tests.conftest import client_for

D = datetime.date
REFORM = D(2025, 7, 1)


def _inspect(commune, *, title, day, lead, kind=Inspection.Kind.REGULAR, findings=1, overstated=0, requests=0):
    inspection = Inspection.objects.create(
        title=title,
        kind=kind,
        lead=lead,
        planned_start=day,
        planned_end=day,
        held_start=day,
        held_end=day,
        status=Inspection.Status.HELD,
    )
    visit = Visit.objects.create(inspection=inspection, commune=commune, visited_on=day)
    for n in range(findings):
        verdict = Finding.Verdict.OVERSTATED if n < overstated else Finding.Verdict.CONFIRMED
        Finding.objects.create(visit=visit, topic=f"Nội dung {n}", observation="Đã xem", verdict=verdict)
    for n in range(requests):
        services.request_create(
            request=InspectionRequest(
                inspection=inspection, text=f"Kiến nghị {n}", commune=commune, deadline=day + datetime.timedelta(30)
            ),
            user=lead,
        )
    return visit


def _new_commune(code: str, name: str, formed_from: list[Commune]) -> Commune:
    Commune.objects.filter(pk__in=[c.pk for c in formed_from]).update(valid_until=REFORM)
    new = Commune.objects.create(code=code, name=name, province=formed_from[0].province, valid_from=REFORM)
    Lineage.objects.bulk_create([Lineage(successor=new, predecessor=old) for old in formed_from])
    return new


@pytest.fixture
def merged(office, commune, second_commune):
    """Tùng Ảnh (a regular inspection in 2014 with two findings, one overstated, and an open request) and Đức Lạng
    (a surprise inspection in 2016, a request done) merged into a new commune."""
    _inspect(commune, title="Kiểm tra Tùng Ảnh", day=D(2014, 4, 2), lead=office, findings=2, overstated=1, requests=1)
    visit = _inspect(
        second_commune, title="Kiểm tra đột xuất Đức Lạng", day=D(2016, 5, 3), lead=office, kind="surprise"
    )
    done = services.request_create(
        request=InspectionRequest(
            inspection=visit.inspection, text="Đã xong", commune=second_commune, deadline=D(2016, 6, 1)
        ),
        user=office,
    )
    InspectionRequest.objects.filter(pk=done.pk).update(status=InspectionRequest.Status.DONE)
    return _new_commune("18256", "Xã Đức Thọ Mới", [commune, second_commune])


def _page(user, commune) -> str:
    response = client_for(user).get(reverse("communes:scorecard", args=[commune.pk]), {"year": 2026})
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str) -> str:
    start = page.index('id="former-inspections"')
    return page[start : page.index("</section>", start)]


def test_the_new_communes_page_lists_its_former_communes_inspections_newest_first(office, merged):
    section = _section(_page(office, merged))

    assert section.index("Kiểm tra đột xuất Đức Lạng") < section.index("Kiểm tra Tùng Ảnh")
    assert "03/05/2016" in section and "02/04/2014" in section
    assert "Xã Đức Lạng" in section and "Xã Tùng Ảnh" in section
    assert 'data-kind="surprise">đột xuất<' in section and 'data-kind="regular">thường xuyên<' in section
    rows = {row.commune.name: row for row in merged_rows(merged)}
    assert (rows["Xã Tùng Ảnh"].findings_count, rows["Xã Tùng Ảnh"].overstated_count) == (2, 1)
    assert (rows["Xã Tùng Ảnh"].open_requests, rows["Xã Đức Lạng"].open_requests) == (1, 0)  # a done one is not open
    assert 'data-findings="2"' in section and 'data-open-requests="1"' in section


def merged_rows(commune):
    from operations.selectors import former_communes_visits

    return former_communes_visits(commune)


@pytest.mark.parametrize("role", ["office", "leadership", "district_officer", "other_district_officer"])
def test_every_role_that_reads_the_page_may_open_the_inspections(request, role, merged):
    user = request.getfixturevalue(role)
    section = _section(_page(user, merged))

    for inspection in Inspection.objects.all():
        assert f'href="{inspection.get_absolute_url()}"' in section
        assert client_for(user).get(inspection.get_absolute_url()).status_code == 200


def test_the_link_follows_the_policy(monkeypatch, district_officer, merged):
    from accounts import policy

    monkeypatch.setattr(policy, "can_read_inspections", lambda user: False)
    section = _section(_page(district_officer, merged))

    assert "Kiểm tra Tùng Ảnh" in section and "/operations/inspections/" not in section


def test_inspections_only_planned_and_other_communes_inspections_are_left_out(office, merged, other_commune):
    Inspection.objects.create(
        title="Chỉ lên kế hoạch", lead=office, planned_start=D(2015, 1, 5), planned_end=D(2015, 1, 6)
    ).visits.create(commune=Commune.objects.get(name="Xã Tùng Ảnh"))
    _inspect(other_commune, title="Kiểm tra Kỳ Tây", day=D(2014, 6, 1), lead=office)

    section = _section(_page(office, merged))

    assert "Chỉ lên kế hoạch" not in section and "Kiểm tra Kỳ Tây" not in section


def test_a_commune_formed_from_uninspected_communes_shows_no_section(office, other_commune):
    new = _new_commune("18761", "Xã Kỳ Tây Mới", [other_commune])

    assert 'id="former-inspections"' not in _page(office, new)


def test_the_page_queries_do_not_grow_with_the_former_communes_inspected(
    office, district, commune, second_commune, other_commune
):
    fourth = Commune.objects.create(code="18262", name="Xã Đức Yên", province=commune.province, district=district)
    for n, old in enumerate([commune, second_commune, other_commune, fourth]):
        _inspect(old, title=f"Kiểm tra {n}", day=D(2014 + n, 3, 1), lead=office, findings=2, overstated=1, requests=2)
    one = _new_commune("18900", "Xã Một", [fourth])
    three = _new_commune("18901", "Xã Ba", [commune, second_commune, other_commune])
    client = client_for(office)
    url = {c: reverse("communes:scorecard", args=[c.pk]) for c in (one, three)}
    for commune_ in (one, three):  # warm the caches (scores, board versions) both pages share
        client.get(url[commune_], {"year": 2026})
    counts = {}
    for commune_ in (one, three):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url[commune_], {"year": 2026}).content.decode()
        counts[commune_.name] = len(queries)
        assert _section(page).count("data-visit=") == (1 if commune_ is one else 3)

    assert counts["Xã Một"] == counts["Xã Ba"]
