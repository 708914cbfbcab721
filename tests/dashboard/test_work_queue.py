"""The work queue: what waits for whom, by district and reason, oldest first; each role sees its own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communes.models import Commune, CommuneYear, Registration
from tests.conftest import client_for
from tests.workflow.conftest import ALL_MET, YEAR, move_to, record
from workflow.queue import Waiting, work_counts, work_items

URL = reverse("dashboard:work_queue")


@pytest.fixture
def queue(office, commune, second_commune, other_commune, small_set):
    """Tùng Ảnh submitted; Đức Lạng registered, nothing sent; Kỳ Tây (other district) returned;
    a fourth commune verified; a fifth recognised (nothing waits)."""
    district = commune.district
    verified = Commune.objects.create(code="18262", name="Xã Đức Lập", province=district.province, district=district)
    done = Commune.objects.create(code="18265", name="Xã Đức Long", province=district.province, district=district)
    for c in (commune, verified, done, other_commune):
        record(c, ALL_MET)
    Registration.objects.create(commune=second_commune, year=YEAR)
    move_to(commune, CommuneYear.State.SUBMITTED, office)
    move_to(other_commune, CommuneYear.State.RETURNED, office)
    move_to(verified, CommuneYear.State.VERIFIED, office)
    move_to(done, CommuneYear.State.RECOGNISED, office)
    return {"submitted": commune, "registered": second_commune, "returned": other_commune, "verified": verified}


def _items(response) -> list[tuple[str, str]]:
    return [(item.commune.name, item.waiting.value) for item, _age in response.context["rows"]]


def test_office_staff_see_the_province_by_reason(office, queue):
    response = client_for(office).get(URL)
    assert response.status_code == 200
    assert sorted(_items(response)) == sorted(
        [
            ("Xã Tùng Ảnh", Waiting.SUBMITTED),
            ("Xã Đức Lạng", Waiting.NOT_SUBMITTED),
            ("Xã Kỳ Tây", Waiting.RETURNED),
            ("Xã Đức Lập", Waiting.VERIFIED),
        ]
    )
    counts = dict((district.code, row) for district, row in response.context["count_rows"])
    order = list(Waiting)
    assert counts["440"][order.index(Waiting.SUBMITTED)] == 1 and counts["440"][order.index(Waiting.VERIFIED)] == 1
    assert counts["449"][order.index(Waiting.RETURNED)] == 1
    assert sum(response.context["totals"]) == 4


def test_a_district_officer_sees_only_their_district(district_officer, queue):
    response = client_for(district_officer).get(URL)
    names = {name for name, _waiting in _items(response)}
    assert names == {"Xã Tùng Ảnh", "Xã Đức Lạng", "Xã Đức Lập"}
    assert "Xã Kỳ Tây" not in response.content.decode()
    assert [d.code for d, _row in response.context["count_rows"]] == ["440"]


def test_filters_by_district_reason_and_year(office, queue, other_district):
    client = client_for(office)
    assert _items(client.get(URL, {"waiting": Waiting.RETURNED})) == [("Xã Kỳ Tây", Waiting.RETURNED)]
    by_district = _items(client.get(URL, {"district": other_district.pk}))
    assert by_district == [("Xã Kỳ Tây", Waiting.RETURNED)]
    assert _items(client.get(URL, {"year": 2013})) == []
    response = client.get(URL, {"waiting": "nonsense"})
    assert response.status_code == 200 and response.context["filter"].form.errors


def test_a_registered_commune_leaves_the_queue_once_submitted(office, queue):
    move_to(queue["registered"], CommuneYear.State.SUBMITTED, office)
    waiting = {(i.commune.name, i.waiting) for i in work_items(communes=Commune.objects.all())}
    assert ("Xã Đức Lạng", Waiting.NOT_SUBMITTED) not in waiting
    assert ("Xã Đức Lạng", Waiting.SUBMITTED) in waiting


def test_each_item_shows_how_long_it_has_waited(office, queue):
    ten_days_ago = timezone.now() - datetime.timedelta(days=10, hours=1)
    CommuneYear.objects.filter(commune=queue["submitted"], year=YEAR).update(changed_at=ten_days_ago)
    response = client_for(office).get(URL, {"waiting": Waiting.SUBMITTED})
    ((item, age),) = response.context["rows"]
    assert (item.commune, age) == (queue["submitted"], 10)
    assert 'data-age="10"' in response.content.decode()


def test_oldest_first_and_counts_by_district(office, queue):
    items = work_items(communes=Commune.objects.all())
    assert [i.since for i in items] == sorted(i.since for i in items)
    counts = work_counts(items)
    assert sum(sum(c.values()) for c in counts.values()) == len(items) == 4


def test_the_district_page_shows_its_work_with_a_link_to_the_queue(district_officer, queue, district):
    response = client_for(district_officer).get(reverse("dashboard:district", args=[district.pk]))
    work = dict((waiting.value, count) for waiting, count in response.context["district_work"])
    assert work[Waiting.SUBMITTED] == 1 and work[Waiting.NOT_SUBMITTED] == 1 and work[Waiting.RETURNED] == 0
    assert f"{URL}?district={district.pk}&amp;waiting=submitted" in response.content.decode()


def test_a_district_officer_lands_on_their_district_and_office_staff_on_the_province(
    district_officer, office, leadership, district
):
    assert client_for(district_officer).get(reverse("dashboard:landing"))["Location"] == reverse(
        "dashboard:district", args=[district.pk]
    )
    assert client_for(office).get(reverse("dashboard:landing"))["Location"] == reverse("dashboard:home")
    assert client_for(leadership).get(reverse("dashboard:landing"))["Location"] == reverse("dashboard:home")


def test_overdue_inspection_requests_are_on_the_work_queue(office, district_officer, other_district_officer, commune):
    from operations.models import Inspection, InspectionRequest

    inspection = Inspection.objects.create(
        title="Kiểm tra Đức Thọ",
        kind="regular",
        planned_start=datetime.date(2014, 5, 1),
        planned_end=datetime.date(2014, 5, 2),
        lead=office,
    )
    late = InspectionRequest.objects.create(
        inspection=inspection,
        text="Bổ sung biên bản",
        responsible_kind="district",
        district=commune.district,
        deadline=datetime.date(2014, 6, 1),
    )
    for user, seen in ((office, True), (district_officer, True), (other_district_officer, False)):
        response = client_for(user).get(URL)
        assert (late in response.context["overdue_requests"]) == seen
        assert (f'data-request="{late.pk}"' in response.content.decode()) == seen
