"""Pages on both sides of 1/7/2025: the communes of the year, the former district filter, district pages."""

from django.urls import reverse

from tests.conftest import client_for


def _directory(user, **params):
    response = client_for(user).get(reverse("communes:list"), params)
    assert response.status_code == 200
    return response


def _names(response) -> set[str]:
    return {row.commune.name for row in response.context["rows"]}


def test_the_directory_of_2026_lists_the_new_communes(office, reformed):
    assert _names(_directory(office, year=2026)) == {"Xã Đức Thọ", "Xã Kỳ Tây Mới"}


def test_the_directory_of_2014_lists_the_communes_of_that_time(office, reformed):
    assert _names(_directory(office, year=2014)) == {"Xã Tùng Ảnh", "Xã Đức Lạng", "Xã Kỳ Tây"}


def test_after_the_reform_the_district_filter_is_the_former_district(office, reformed, district):
    response = _directory(office, year=2026, district=district.pk)

    assert _names(response) == {"Xã Đức Thọ"}
    assert response.context["form"].former_districts
    page = response.content.decode()
    assert "Former district" in page or "Huyện cũ" in page
    assert district.name in page  # the new commune's row names the district it came from


def test_before_the_reform_the_district_filter_is_the_district(office, reformed, district):
    response = _directory(office, year=2014, district=district.pk)

    assert _names(response) == {"Xã Tùng Ảnh", "Xã Đức Lạng"}
    assert not response.context["form"].former_districts


def test_a_district_page_still_works_for_a_year_before_the_reform(office, reformed, district):
    response = client_for(office).get(reverse("dashboard:district", args=[district.pk]), {"year": 2014})

    assert response.status_code == 200
    assert 'id="district-gone"' not in response.content.decode()


def test_a_district_page_for_a_later_year_says_districts_no_longer_exist(office, reformed, district):
    response = client_for(office).get(reverse("dashboard:district", args=[district.pk]), {"year": 2026})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="district-gone"' in page and "30/06/2025" in page
    assert reverse("communes:scorecard", args=[reformed.duc_tho.pk]) in page
    assert reverse("communes:scorecard", args=[reformed.ky_tay.pk]) not in page


def test_the_district_procedure_page_for_a_later_year_says_so_too(office, reformed, district):
    import datetime

    from criteria.models import CriteriaSet

    CriteriaSet.objects.create(  # a year URL needs a set in force (issue #11): the 2026-2030 one, bare
        code="QD51", title="Bộ tiêu chí 2026-2030", decision_number="51/2025/QĐ-TTg",
        decision_date=datetime.date(2025, 12, 31), year_from=2026, year_to=2030,
    )  # fmt: skip
    response = client_for(office).get(reverse("workflow:district_year", args=[district.pk, 2026]))

    assert response.status_code == 200 and 'id="district-gone"' in response.content.decode()


def test_the_dashboard_api_knows_no_district_in_a_later_year(office, reformed, district):
    response = client_for(office).get(reverse("dashboard:api"), {"district": district.code, "year": 2026})

    assert response.status_code == 404


def test_the_dashboard_of_2026_has_the_new_communes_and_no_district_rows(office, reformed):
    response = client_for(office).get(reverse("dashboard:home"), {"year": 2026})

    board = response.context["board"]
    assert {c.name for c in board.communes} == {"Xã Đức Thọ", "Xã Kỳ Tây Mới"}
    assert board.districts == [] and 'id="no-districts"' in response.content.decode()


def test_searching_a_district_name_in_2026_finds_the_communes_formed_from_it(office, reformed, other_district):
    assert _names(_directory(office, year=2026, q="ky anh")) == {"Xã Kỳ Tây Mới"}
