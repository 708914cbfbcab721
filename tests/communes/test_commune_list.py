"""The commune directory (communes:list): access, search, Vietnamese order, filters, pages, queries."""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from communes.directory import communes_in_vietnamese_order
from communes.forms import NO_DATA
from communes.models import Assessment, Commune, Registration
from communes.summary import scores_refresh
from criteria.models import Indicator
from tests.conftest import client_for

URL = reverse("communes:list")


def _commune(name: str, code: str, district=None, province=None, **fields) -> Commune:
    province = province or district.province
    return Commune.objects.create(code=code, name=name, province=province, district=district, **fields)


def _listed(response) -> list[str]:
    """Commune names on the page, in the order shown."""
    return [row.commune.name for row in response.context["rows"]]


def _score(commune: Commune, criteria_set, year: int, meets: bool) -> None:
    """Record every indicator of the set as met (or not) for the commune in `year`."""
    for indicator in Indicator.objects.filter(criterion__criteria_set=criteria_set):
        Assessment.objects.create(commune=commune, indicator=indicator, year=year, yes_no=meets, meets=meets)
    scores_refresh(commune_ids=[commune.pk], year=year)  # what every write path does after writing values


# Access


@pytest.mark.parametrize("role", ["office", "district_officer", "other_district_officer", "leadership"])
def test_every_role_can_read_the_directory(request, role, commune, other_commune):
    response = client_for(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    assert set(_listed(response)) == {"Xã Tùng Ảnh", "Xã Kỳ Tây"}


def test_anonymous_visitor_is_sent_to_the_login_page(anonymous, commune):
    response = anonymous.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_user_without_a_role_is_refused(django_user_model, commune):
    roleless = django_user_model.objects.create_user("khach", password="x")
    assert client_for(roleless).get(URL).status_code == 403


# Search, accents ignored


def test_search_without_accents_finds_communes_named_and_in_the_district(
    office, district, other_district, commune, other_commune
):
    _commune("Xã Kỳ Anh", "18770", province=district.province)  # no district: a post-2025 unit
    response = client_for(office).get(URL, {"q": "ky anh"})
    assert set(_listed(response)) == {"Xã Kỳ Tây", "Xã Kỳ Anh"}


def test_search_by_district_name_lists_its_communes(office, commune, second_commune, other_commune):
    response = client_for(office).get(URL, {"q": "duc tho"})
    assert set(_listed(response)) == {"Xã Tùng Ảnh", "Xã Đức Lạng"}


def test_search_with_accents_works_too(office, district, other_district, commune, second_commune, other_commune):
    _commune("Xã Đức Yên", "18770", other_district)
    response = client_for(office).get(URL, {"q": "Đức"})
    # Đức Lạng and Đức Yên by name, Tùng Ảnh by its district Huyện Đức Thọ.
    assert set(_listed(response)) == {"Xã Tùng Ảnh", "Xã Đức Lạng", "Xã Đức Yên"}


def test_search_needs_every_word(office, commune, second_commune, other_commune):
    response = client_for(office).get(URL, {"q": "duc lang"})
    assert _listed(response) == ["Xã Đức Lạng"]


def test_digits_search_the_start_of_the_gso_code(office, commune, second_commune, other_commune):
    response = client_for(office).get(URL, {"q": "1825"})
    assert set(_listed(response)) == {"Xã Tùng Ảnh", "Xã Đức Lạng"}


def test_a_name_typed_as_displayed_with_its_kind_is_found(office, district, other_district, commune, other_commune):
    _commune("Xã Hòa Lạc", "18771", other_district)
    assert _listed(client_for(office).get(URL, {"q": "Xã Hòa Lạc"})) == ["Xã Hòa Lạc"]
    # The district's kind too: every commune of Huyện Đức Thọ, none of Kỳ Anh.
    assert set(_listed(client_for(office).get(URL, {"q": "Huyện Đức Thọ"}))) == {"Xã Tùng Ảnh"}
    assert _listed(client_for(office).get(URL, {"q": "thị trấn hoà lạc"})) == ["Xã Hòa Lạc"]


def test_names_with_the_accents_as_typed_come_first(office, district):
    for code, name in [("18801", "Xã An Lộc"), ("18802", "Xã Ân Lộc"), ("18803", "Xã An Lốc")]:
        _commune(name, code, district)
    # Without accents typed they are in Vietnamese order (sắc before nặng, a before â): An Lốc, An Lộc, Ân Lộc.
    assert _listed(client_for(office).get(URL, {"q": "an loc"})) == ["Xã An Lốc", "Xã An Lộc", "Xã Ân Lộc"]
    assert _listed(client_for(office).get(URL, {"q": "Ân Lộc"})) == ["Xã Ân Lộc", "Xã An Lốc", "Xã An Lộc"]
    assert _listed(client_for(office).get(URL, {"q": "An Lộc"})) == ["Xã An Lộc", "Xã An Lốc", "Xã Ân Lộc"]


# Vietnamese order

SCRAMBLED = ["Xã Đức Lạng", "Xã Dương Thủy", "Xã An Lộc", "Xã Ân Phú", "Xã Ba Đình"]
VIETNAMESE_ORDER = ["Xã An Lộc", "Xã Ân Phú", "Xã Ba Đình", "Xã Dương Thủy", "Xã Đức Lạng"]


def test_directory_lists_communes_in_vietnamese_order(office, district):
    for index, name in enumerate(SCRAMBLED):
        _commune(name, f"1900{index}", district)
    response = client_for(office).get(URL)
    assert _listed(response) == VIETNAMESE_ORDER


def test_icu_collation_orders_names_in_vietnamese_order(district):
    assert connection.vendor == "postgresql"  # the test database: this is the ICU branch
    for index, name in enumerate(SCRAMBLED):
        _commune(name, f"1900{index}", district)
    ordered = communes_in_vietnamese_order(Commune.objects.all())
    assert [c.name for c in ordered] == VIETNAMESE_ORDER


def test_sqlite_sort_key_gives_the_same_order_as_the_icu_collation(district):
    """The SQLite branch orders by `sort_name`; on the same rows it must agree with ICU."""
    names = [
        *SCRAMBLED,
        "Phường Bắc Hà",
        "Xã Bắc Sơn",
        "Thị trấn Cẩm Xuyên",
        "Xã Cẩm Bình",
        "Xã Ba",
        "Xã Bà",
        "Xã Bả",
        "Xã Bã",
        "Xã Bá",
        "Xã Bạ",
        "Xã Ơn Hòa",
        "Xã Ô Lâm",
        "Xã Ông Ích",
        "Xã Ưng Hòe",
        "Xã Uy Nỗ",
        "Phường 3",
        "Xã Thạch Đài",
        "Xã Thạch Châu",
    ]
    for index, name in enumerate(names):
        _commune(name, f"19{index:03d}", district)
    communes = Commune.objects.all()
    by_collation = [c.name for c in communes_in_vietnamese_order(communes)]
    by_sort_key = [c.name for c in communes.order_by("sort_name", "code")]
    assert by_sort_key == by_collation
    assert [name for name in by_sort_key if name in VIETNAMESE_ORDER] == VIETNAMESE_ORDER


# Filters


def test_district_filter_lists_only_that_district(office, district, commune, second_commune, other_commune):
    response = client_for(office).get(URL, {"district": district.pk})
    assert set(_listed(response)) == {"Xã Tùng Ảnh", "Xã Đức Lạng"}


def test_band_filter_uses_criteria_met_in_the_chosen_year(office, small_set, commune, second_commune):
    _score(commune, small_set, 2014, meets=True)
    _score(second_commune, small_set, 2014, meets=False)
    client = client_for(office)

    top = client.get(URL, {"year": 2014, "band": "3"})
    assert _listed(top) == ["Xã Tùng Ảnh"]
    assert top.context["rows"][0].criteria_met == 3
    assert top.context["scores"].criteria_count == 3
    scorecard = reverse("communes:scorecard", args=[commune.pk])
    assert f'href="{scorecard}?year=2014"' in top.content.decode()

    bottom = client.get(URL, {"year": 2014, "band": "0"})
    assert _listed(bottom) == ["Xã Đức Lạng"]
    assert bottom.context["rows"][0].criteria_met == 0


def test_band_of_each_commune_is_shown_for_the_newest_year_by_default(office, small_set, commune, second_commune):
    _score(commune, small_set, 2013, meets=False)
    _score(commune, small_set, 2014, meets=True)
    response = client_for(office).get(URL)
    assert response.context["year"] == 2014
    bands = {row.commune.name: row.band for row in response.context["rows"]}
    assert bands == {"Xã Tùng Ảnh": "3", "Xã Đức Lạng": None}  # nothing recorded: no band, not "0 criteria met"
    assert "chưa có số liệu" in response.content.decode()


def test_communes_with_no_data_are_a_filter_of_their_own(office, small_set, commune, second_commune):
    _score(commune, small_set, 2014, meets=False)
    client = client_for(office)
    assert _listed(client.get(URL, {"year": 2014, "band": NO_DATA})) == ["Xã Đức Lạng"]
    assert _listed(client.get(URL, {"year": 2014, "band": "0"})) == ["Xã Tùng Ảnh"]


def test_registered_year_filter(office, commune, second_commune, other_commune):
    Registration.objects.create(commune=commune, year=2015)
    Registration.objects.create(commune=other_commune, year=2016)
    response = client_for(office).get(URL, {"registered_year": 2015})
    assert _listed(response) == ["Xã Tùng Ảnh"]
    assert ">2015<" in response.content.decode()  # a year, not the number 2.015


def test_recognised_filter_counts_recognitions_up_to_the_chosen_year(office, commune, second_commune, other_commune):
    Commune.objects.filter(pk=commune.pk).update(
        recognition_decision="3456/QĐ-UBND", recognition_date=datetime.date(2014, 12, 20)
    )
    Commune.objects.filter(pk=other_commune.pk).update(
        recognition_decision="120/QĐ-UBND", recognition_date=datetime.date(2016, 1, 15)
    )
    client = client_for(office)

    recognised = client.get(URL, {"year": 2014, "recognised": "yes"})
    assert _listed(recognised) == ["Xã Tùng Ảnh"]
    assert "3456/QĐ-UBND" in recognised.content.decode()
    assert "20/12/2014" in recognised.content.decode()

    not_yet = client.get(URL, {"year": 2014, "recognised": "no"})
    assert set(_listed(not_yet)) == {"Xã Đức Lạng", "Xã Kỳ Tây"}

    later = client.get(URL, {"year": 2016, "recognised": "yes"})
    assert set(_listed(later)) == {"Xã Tùng Ảnh", "Xã Kỳ Tây"}


def test_communes_outside_the_programme_are_hidden_unless_asked_for(office, district, commune):
    _commune("Phường Bắc Hà", "18300", district, kind=Commune.Kind.WARD, in_programme=False)
    client = client_for(office)
    assert _listed(client.get(URL)) == ["Xã Tùng Ảnh"]
    assert _listed(client.get(URL, {"in_programme": "no"})) == ["Phường Bắc Hà"]
    assert set(_listed(client.get(URL, {"in_programme": "any"}))) == {"Xã Tùng Ảnh", "Phường Bắc Hà"}


def test_former_communes_are_not_listed(office, district, commune):
    _commune("Xã Đức Hòa", "18262", district, valid_until=datetime.date(2019, 12, 1))
    assert _listed(client_for(office).get(URL)) == ["Xã Tùng Ảnh"]


# Pages and queries


def _many_communes(district, count: int) -> list[Commune]:
    return [_commune(f"Xã Thử {index:02d}", f"9{index:04d}", district) for index in range(count)]


def test_second_page_keeps_the_filter_on_its_links(office, district, other_district, other_commune):
    _many_communes(district, 60)
    response = client_for(office).get(URL, {"district": district.pk, "page": 2})
    assert response.context["page_obj"].paginator.count == 60
    assert len(response.context["rows"]) == 10
    assert _listed(response)[0] == "Xã Thử 50"
    links = [html.unescape(href) for href in re.findall(r'class="page-link" href="([^"]+)"', response.content.decode())]
    assert links
    for link in links:
        params = parse_qs(urlsplit(link).query)
        assert params["district"] == [str(district.pk)]
        assert "page" in params


@pytest.mark.parametrize("count", [10, 60])
def test_list_page_runs_a_bounded_number_of_queries(office, district, small_set, count, django_assert_max_num_queries):
    for index, commune in enumerate(_many_communes(district, count)):
        _score(commune, small_set, 2014, meets=index % 2 == 0)
    client = client_for(office)
    with django_assert_max_num_queries(15):
        response = client.get(URL, {"band": "3"})
    assert response.context["page_obj"].paginator.count == (count + 1) // 2
