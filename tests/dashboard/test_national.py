"""The national dashboard: every province on the server side by side, each judged as its own dashboard judges it,
for office staff and leadership only, cached under every province's versions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from communes.models import Commune, District
from communes.services import assessments_save
from criteria import rules
from criteria.models import CriteriaSet, Criterion, CriterionGroup, Indicator, Target
from dashboard.national import nation_build, national_stamp
from dashboard.selectors import dashboard_build
from operations.versions import OPERATIONS
from provinces.models import Province
from tests.conftest import client_for

YEAR = 2014
ALL_MET = {"1.1": Decimal("80"), "1.2": True, "2.1": Decimal("20"), "3.1": Decimal("3")}
ONE_MET = {"1.1": Decimal("80"), "1.2": True, "2.1": Decimal("5"), "3.1": Decimal("30")}


def _save(commune, ind, values, year=YEAR):
    assessments_save(commune=commune, year=year, values={ind[k].pk: v for k, v in values.items()}, user=None)


def _province(region, code: str, name: str, communes: int) -> tuple[Province, list[Commune]]:
    province = Province.objects.create(code=code, name=name, region=region, report_cutoff=5)
    district = District.objects.create(code=f"{code}7", name=f"Huyện {name}", province=province, kind="huyen")
    made = [
        Commune.objects.create(code=f"{code}{n:03d}", name=f"Xã {name} {n}", province=province, district=district)
        for n in range(communes)
    ]
    return province, made


@pytest.fixture
def quang_binh(region):
    """A second province on the server: three communes."""
    return _province(region, "44", "Tỉnh Quảng Bình", 3)


@pytest.fixture
def two_provinces(commune, second_commune, quang_binh, ind):
    """Hà Tĩnh: Tùng Ảnh meets everything (recognised in 2013), Đức Lạng one criterion. Quảng Bình: two communes
    meet everything, one has no data."""
    _save(commune, ind, ALL_MET)
    _save(second_commune, ind, ONE_MET)
    commune.recognition_date = datetime.date(2013, 12, 20)
    commune.save()
    _province_, communes = quang_binh
    for c in communes[:2]:
        _save(c, ind, ALL_MET)
    return quang_binh


def test_each_province_row_is_its_own_dashboards_headline(province, two_provinces):
    other, _communes = two_provinces
    nation = nation_build(year=YEAR, years=[YEAR])

    rows = {row.code: row for row in nation.provinces}
    assert [row.name for row in nation.provinces] == ["Tỉnh Hà Tĩnh", "Tỉnh Quảng Bình"]  # Vietnamese order
    for p in (province, other):
        board = dashboard_build(year=YEAR, years=[YEAR], province=p)
        assert rows[p.code].current == board.current
        assert rows[p.code].previous == board.previous
    assert (rows["42"].current.recognised, rows["42"].current.average_criteria_met) == (1, 2.0)
    assert (rows["44"].current.no_data, rows["44"].current.all_criteria_met) == (1, 2)


def test_the_country_is_the_sum_of_its_provinces(province, two_provinces):
    nation = nation_build(year=YEAR, years=[2013, YEAR])

    assert nation.current.communes == 5 and nation.current.no_data == 1
    assert nation.current.recognised == 1 and nation.current.all_criteria_met == 2  # the recognised one apart
    assert nation.current.average_criteria_met == round((3 + 1 + 3 + 3) / 4, 2)
    assert nation.current.bands == {"3": 3, "1-2": 1, "0": 0}
    met = {row.number: row.communes_met for row in nation.criteria}
    assert met == {1: 4, 2: 3, 3: 3}
    assert [(p.year, p.recognised) for p in nation.trend] == [(2013, 1), (2014, 1)]


def test_a_province_with_its_own_set_is_judged_by_it(region, province, commune, ind, quang_binh):
    other, communes = quang_binh
    own = CriteriaSet.objects.create(
        code="QB_2014", title="Bộ tiêu chí Quảng Bình", decision_number="1/QĐ-UBND", year_from=2014, year_to=2015,
        province=other,
    )  # fmt: skip
    group = CriterionGroup.objects.create(criteria_set=own, code="I", name="Hạ tầng", order=0)
    roads = Criterion.objects.create(criteria_set=own, group=group, number=1, name="Giao thông")
    paved = Indicator.objects.create(criterion=roads, code="1.1", text="Đường", kind=rules.PERCENTAGE, unit="%")
    Target.objects.create(indicator=paved, value=Decimal("50"))
    assessments_save(commune=communes[0], year=YEAR, values={paved.pk: Decimal("60")}, user=None)
    _save(commune, ind, ONE_MET)

    nation = nation_build(year=YEAR, years=[YEAR])

    rows = {row.code: row for row in nation.provinces}
    assert rows["44"].own_set == "QB_2014" and rows["42"].own_set == ""
    assert rows["44"].current.no_data == 2 and rows["44"].current.average_criteria_met == 1.0
    assert [row.code for row in nation.own_set_provinces] == ["44"]
    assert nation.current.no_data == 2 + 0


def test_a_province_that_no_longer_exists_is_left_out(province, commune, ind, quang_binh):
    other, _communes = quang_binh
    Province.objects.filter(pk=other.pk).update(valid_until=datetime.date(2014, 6, 30))
    _save(commune, ind, ALL_MET)

    assert [row.code for row in nation_build(year=YEAR, years=[YEAR]).provinces] == ["42"]


def test_its_queries_do_not_grow_with_the_country(
    region, province, commune, ind, django_assert_num_queries, django_assert_max_num_queries
):
    _save(commune, ind, ALL_MET)
    with django_assert_max_num_queries(9) as small:
        nation_build(year=YEAR, years=[2013, YEAR])
    for n in range(3):
        _p, communes = _province(region, f"5{n}", f"Tỉnh Thử {n}", 4)
        for c in communes:
            _save(c, ind, ONE_MET)
    with django_assert_num_queries(len(small.captured_queries)):
        nation = nation_build(year=YEAR, years=[2013, YEAR])
    assert nation.current.communes == 13


def _national(client, **params):
    return client.get(reverse("dashboard:national"), {"year": YEAR, **params})


def test_office_staff_and_leadership_read_it_district_officers_do_not(
    office, leadership, district_officer, anonymous, two_provinces
):
    for user in (office, leadership):
        page = _national(client_for(user)).content.decode()
        assert 'data-province="42"' in page and 'data-province="44"' in page
    assert _national(client_for(district_officer)).status_code == 403
    assert _national(anonymous).status_code == 302


def test_a_province_row_opens_that_provinces_dashboard(office, district_officer, two_provinces):
    other, _communes = two_provinces
    client = client_for(office)
    page = _national(client).content.decode()
    link = f"{reverse('dashboard:home')}?province={other.pk}&amp;year={YEAR}"
    assert link in page

    board = client.get(reverse("dashboard:home"), {"province": other.pk, "year": YEAR}).content.decode()
    assert "Tỉnh Quảng Bình" in board and f'name="province" value="{other.pk}"' in board
    assert 'id="download-summary"' not in board  # the workbooks are the installation's province's
    own = client.get(reverse("dashboard:home"), {"year": YEAR}).content.decode()
    assert 'id="download-summary"' in own and 'id="national-link"' in own
    assert client_for(district_officer).get(reverse("dashboard:home"), {"province": other.pk}).status_code == 403
    assert client.get(reverse("dashboard:home"), {"province": "x"}).status_code == 404


def test_a_warm_page_costs_the_user_and_one_stamp(office, two_provinces, django_assert_max_num_queries):
    client = client_for(office)
    _national(client)
    with django_assert_max_num_queries(4):  # the user, their role, the stamp, the bell
        assert _national(client).status_code == 200


def test_a_value_saved_in_any_province_shows_on_the_next_request(office, ind, two_provinces):
    _other, communes = two_provinces
    client = client_for(office)
    before = _national(client).content.decode().split('data-province="44"')[1].split("</tr>")[0]
    assert 'data-figure="average">3,00<' in before  # two communes meeting all three

    _save(communes[2], ind, ONE_MET)

    row = _national(client).content.decode().split('data-province="44"')[1].split("</tr>")[0]
    assert 'data-figure="average">2,33<' in row  # (3 + 3 + 1) / 3, written the Vietnamese way


def test_the_office_works_version_does_not_renew_the_stamp(province, two_provinces):
    from communes.summary import versions_bump

    stamp, every = national_stamp(exclude_years=[OPERATIONS]), national_stamp()
    versions_bump([(province.pk, OPERATIONS)])
    assert national_stamp(exclude_years=[OPERATIONS]) == stamp
    assert national_stamp() != every  # nothing excluded: every version counts
    versions_bump([(province.pk, 2013)])
    assert national_stamp(exclude_years=[OPERATIONS]) != stamp


def test_a_write_in_one_province_recomputes_only_that_province(province, ind, two_provinces):
    from dashboard.cache import parts_cached

    other, communes = two_provinces
    computed: list[list[str]] = []

    def recording(provinces, year, trend_years, compute):
        def counted(missing):
            computed.append(sorted(p.code for p in missing))
            return compute(missing)

        return parts_cached(provinces, year, trend_years, counted)

    nation_build(year=YEAR, years=[2013, YEAR], parts=recording)
    assert computed == [["42", "44"]]
    nation_build(year=YEAR, years=[2013, YEAR], parts=recording)
    assert computed == [["42", "44"]]  # both from the cache

    _save(communes[2], ind, ONE_MET)
    served = nation_build(year=YEAR, years=[2013, YEAR], parts=recording)
    assert computed == [["42", "44"], ["44"]]
    assert served == nation_build(year=YEAR, years=[2013, YEAR])  # the cached parts add up as computed ones
    assert served.current.no_data == 0


def test_the_json_gives_the_same_figures(office, district_officer, anonymous, two_provinces):
    client = client_for(office)
    body = client.get(reverse("dashboard:national_api"), {"year": YEAR}).json()
    nation = nation_build(year=YEAR, years=[2013, YEAR])

    assert body["year"] == YEAR and body["criteria_set"] == "TEST_2013" == nation.criteria_set_code
    assert body["country"]["communes"] == 5 and body["country"]["average_criteria_met"] == 2.5
    assert [(p["code"], p["recognised"], p["own_set"]) for p in body["provinces"]] == [("42", 1, None), ("44", 0, None)]
    assert {c["number"]: c["communes_met"] for c in body["criteria"]} == {1: 4, 2: 3, 3: 3}
    assert client_for(district_officer).get(reverse("dashboard:national_api")).status_code == 403
    assert anonymous.get(reverse("dashboard:national_api")).status_code == 401
