"""The province dashboard is served as cached HTML, keyed by the versions of what it shows: a warm page costs a
handful of queries, and any write it shows (values, the office's work), another role or another language gets
its own page."""

import datetime

from django.urls import reverse

from communes.services import assessments_save
from criteria.models import Indicator, Target
from operations.models import Inspection, Visit
from tests.conftest import client_for

YEAR = 2014
D = datetime.date


def _dashboard(client, **params) -> str:
    response = client.get(reverse("dashboard:home"), {"year": YEAR, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_a_warm_page_is_served_without_computing_anything(office, commune, small_set, django_assert_max_num_queries):
    client = client_for(office)
    _dashboard(client)
    # The user with their role; the province with its years with data and their versions (the year's, the trend's,
    # the office's work), in one query; the bell's count is cached. The board, the office-work section and the year
    # selector come with the page.
    with django_assert_max_num_queries(2):
        _dashboard(client)


def test_an_inspection_held_shows_on_the_next_request(office, commune, small_set):
    client = client_for(office)
    assert 'data-figure="inspections_held">0<' in _dashboard(client)

    inspection = Inspection.objects.create(
        title="Kiểm tra đột xuất", lead=office, planned_start=D(2014, 4, 1), planned_end=D(2014, 4, 2),
        held_start=D(2014, 4, 1), status="held",
    )  # fmt: skip
    Visit.objects.create(inspection=inspection, commune=commune, visited_on=D(2014, 4, 1))

    page = _dashboard(client)
    assert 'data-figure="inspections_held">1<' in page and 'data-figure="communes_covered">1<' in page


def test_a_value_saved_shows_on_the_next_request(office, commune, small_set):
    client = client_for(office)
    assert "Xã Hòa Lạc" not in _dashboard(client).split('id="no-data-list"')[0]  # no values yet: no data

    values = {indicator.pk: 1 for indicator in Indicator.objects.filter(criterion__criteria_set=small_set)}
    assessments_save(commune=commune, year=YEAR, values=values, user=office)

    page = _dashboard(client)
    assert 'id="no-data-list"' not in page  # the only commune has values now


def test_each_role_and_language_gets_its_own_page(office, leadership, commune, small_set):
    Target.objects.filter(indicator__criterion__criteria_set=small_set).update(verified=False)
    as_office, as_leadership = client_for(office), client_for(leadership)
    check_link = "verified__exact=0"  # office staff are sent to the admin to check the unverified targets

    assert check_link in _dashboard(as_office)
    assert check_link not in _dashboard(as_leadership)  # the same data, already cached for office staff

    as_office.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _dashboard(as_office)
    assert "Inspections in 2014" in english and "Kiểm tra năm 2014" not in english
    vietnamese = _dashboard(as_leadership)
    assert "Kiểm tra năm 2014" in vietnamese and "Inspections in 2014" not in vietnamese


def test_signed_in_pages_work_while_the_cache_server_is_down(office, commune, small_set, settings):
    client = client_for(office)
    settings.CACHES = {  # nothing listens on port 1
        "default": {"BACKEND": "ntm.lib.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    assert "Tổng quan toàn tỉnh" in _dashboard(client)  # the session read from the database, the page computed
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 302  # signed out


def test_a_target_verified_shows_on_the_next_request_even_before_any_value(office, commune, small_set):
    """The count of unverified targets belongs to the rules, not to the values: a year nobody has entered anything
    for yet must still show the change."""
    Target.objects.filter(indicator__criterion__criteria_set=small_set).update(verified=False)
    client = client_for(office)
    assert 'id="unverified-targets"' in _dashboard(client)

    for target in Target.objects.filter(indicator__criterion__criteria_set=small_set):
        target.verified = True
        target.save()  # as the admin and the targets sheet save them

    assert 'id="unverified-targets"' not in _dashboard(client)


def test_a_district_renamed_shows_on_the_next_request(office, commune, district, small_set):
    values = {indicator.pk: 1 for indicator in Indicator.objects.filter(criterion__criteria_set=small_set)}
    assessments_save(commune=commune, year=YEAR, values=values, user=office)
    client = client_for(office)
    assert "Huyện Đức Thọ" in _dashboard(client)

    district.name = "Thị xã Đức Thọ"
    district.save()

    page = _dashboard(client)
    assert "Thị xã Đức Thọ" in page and "Huyện Đức Thọ" not in page
