"""The provincial dashboard, the district page and the JSON endpoint agree with an independent count."""

import datetime
import random

import pytest
from django.urls import reverse

from communes.models import Assessment, Commune, Registration
from communes.summary import scores_rebuild, scores_refresh
from criteria.models import Indicator
from tests.conftest import client_for

YEAR = 2014


def _generate(province, districts, small_set, n: int, seed: int = 7) -> dict[int, dict[int, set[int]]]:
    """n communes spread over the districts, random values for 2013 and 2014.

    Returns {year: {commune id: criterion numbers met}}, computed here from what was generated.
    """
    rng = random.Random(seed)
    indicators = list(Indicator.objects.filter(criterion__criteria_set=small_set).select_related("criterion"))
    expected: dict[int, dict[int, set[int]]] = {2013: {}, 2014: {}}
    rows = []
    for i in range(n):
        commune = Commune.objects.create(
            code=f"9{i:04d}",
            name=f"Xã Thử {i}",
            province=province,
            district=districts[i % len(districts)],
            recognition_decision="12/QĐ-UBND" if i % 7 == 0 else "",
            recognition_date=datetime.date(2013, 12, 20) if i % 7 == 0 else None,
        )
        if i % 5 == 0:
            Registration.objects.create(commune=commune, year=YEAR)
        for year in (2013, 2014):
            failed: set[int] = set()
            for indicator in indicators:
                ok = rng.random() < 0.6
                if not ok:
                    failed.add(indicator.criterion.number)
                rows.append(Assessment(commune=commune, indicator=indicator, year=year, meets=ok))
            expected[year][commune.pk] = {1, 2, 3} - failed
    Assessment.objects.bulk_create(rows)
    scores_rebuild(province=province)  # the summary a bulk write keeps (communes/summary.py)
    return expected


def _band(count: int) -> str:
    return {3: "3", 2: "1-2", 1: "1-2", 0: "0"}[count]


@pytest.fixture
def generated(province, district, other_district, small_set):
    return _generate(province, [district, other_district], small_set, 30)


def test_json_agrees_with_an_independent_count(office, generated, district, other_district):
    data = client_for(office).get(reverse("dashboard:api"), {"year": YEAR}).json()
    expected = generated[YEAR]
    counts = [len(met) for met in expected.values()]
    assert data["year"] == YEAR and data["criteria_set"] == "TEST_2013"
    assert data["province"]["communes"] == 30
    assert data["province"]["average_criteria_met"] == round(sum(counts) / 30, 2)
    for label in ("3", "1-2", "0"):
        assert data["province"]["bands"][label] == sum(1 for n in counts if _band(n) == label)
    assert sum(data["province"]["bands"].values()) == data["province"]["communes"]
    recognised = Commune.objects.exclude(recognition_date=None)
    assert data["province"]["recognised"] == recognised.count()
    assert data["province"]["all_criteria_met"] == sum(
        1 for pk, met in expected.items() if len(met) == 3 and not recognised.filter(pk=pk).exists()
    )
    for number in (1, 2, 3):
        row = next(c for c in data["criteria"] if c["number"] == number)
        assert row["communes_met"] == sum(1 for met in expected.values() if number in met)


def test_district_rows_add_up_to_the_province(office, generated):
    data = client_for(office).get(reverse("dashboard:api"), {"year": YEAR}).json()
    assert len(data["districts"]) == 2
    for key in ("communes", "recognised", "all_criteria_met"):
        assert sum(d[key] for d in data["districts"]) == data["province"][key]
    for label, count in data["province"]["bands"].items():
        assert sum(d["bands"][label] for d in data["districts"]) == count


def test_registered_communes_list_the_criteria_they_miss(office, generated):
    data = client_for(office).get(reverse("dashboard:api"), {"year": YEAR}).json()
    registered = {c.code: c.pk for c in Commune.objects.filter(registrations__year=YEAR)}
    assert {r["code"] for r in data["registered_this_year"]} == set(registered)
    for row in data["registered_this_year"]:
        assert row["missing_criteria"] == sorted({1, 2, 3} - generated[YEAR][registered[row["code"]]])


def test_a_commune_with_every_indicator_met_moves_to_the_top_band_at_once(office, generated):
    api = reverse("dashboard:api")
    before = client_for(office).get(api, {"year": YEAR}).json()["province"]["bands"]["3"]
    laggard = next(pk for pk, met in generated[YEAR].items() if len(met) < 3)
    Assessment.objects.filter(commune_id=laggard, year=YEAR).update(meets=True)
    scores_refresh(commune_ids=[laggard], year=YEAR)  # as every write path does, in its transaction
    after = client_for(office).get(api, {"year": YEAR}).json()["province"]["bands"]["3"]
    assert after == before + 1


def test_json_for_one_district(office, generated, district):
    data = client_for(office).get(reverse("dashboard:api"), {"year": YEAR, "district": district.code}).json()
    assert data["province"]["communes"] == 15
    assert [d["code"] for d in data["districts"]] == [district.code]


def test_dashboard_page_shows_the_same_figures_as_the_json(office, generated):
    client = client_for(office)
    data = client.get(reverse("dashboard:api"), {"year": YEAR}).json()
    page = client.get(reverse("dashboard:home"), {"year": YEAR})
    board = page.context["board"]
    assert board.current.communes == data["province"]["communes"]
    assert board.current.bands == data["province"]["bands"]
    assert f'data-figure="recognised">{data["province"]["recognised"]}<' in page.content.decode()


def test_under_cutoff_counts_communes_below_the_province_cutoff(office, generated, province):
    province.report_cutoff = 2
    province.save()
    board = client_for(office).get(reverse("dashboard:home"), {"year": YEAR}).context["board"]
    assert board.current.under_cutoff == sum(1 for met in generated[YEAR].values() if len(met) < 2)


def test_previous_year_is_shown_beside_the_current_one(office, generated):
    board = client_for(office).get(reverse("dashboard:home"), {"year": YEAR}).context["board"]
    counts_2013 = [len(m) for m in generated[2013].values()]
    assert board.previous.average_criteria_met == round(sum(counts_2013) / 30, 2)
    assert board.average_change == round(board.current.average_criteria_met - board.previous.average_criteria_met, 2)


def test_district_page_matrix_marks_each_criterion(office, generated, district):
    page = client_for(office).get(reverse("dashboard:district", args=[district.pk]), {"year": YEAR})
    assert page.status_code == 200
    for row in page.context["matrix"]:
        met = generated[YEAR][row.commune.pk]
        assert row.cells == [n in met for n in (1, 2, 3)]
        assert row.commune.district_id == district.pk


@pytest.mark.parametrize("user_fixture", ["office", "district_officer", "other_district_officer", "leadership"])
def test_every_role_reads_the_dashboard_and_district_pages(request, user_fixture, generated, district):
    client = client_for(request.getfixturevalue(user_fixture))
    assert client.get(reverse("dashboard:home")).status_code == 200
    assert client.get(reverse("dashboard:district", args=[district.pk])).status_code == 200
    assert client.get(reverse("dashboard:api")).status_code == 200


def test_anonymous_is_sent_to_login_and_the_api_answers_401(anonymous, district):
    for url in (reverse("dashboard:home"), reverse("dashboard:district", args=[district.pk])):
        response = anonymous.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert anonymous.get(reverse("dashboard:api")).status_code == 401


def test_users_without_a_role_get_403(db, django_user_model):
    client = client_for(django_user_model.objects.create_user("khach", password="x"))
    assert client.get(reverse("dashboard:home")).status_code == 403
    assert client.get(reverse("dashboard:api")).status_code == 403


@pytest.mark.parametrize("n", [10, 200])
def test_dashboard_runs_a_fixed_number_of_queries(
    office, province, district, other_district, small_set, n, django_assert_max_num_queries
):
    _generate(province, [district, other_district], small_set, n)
    client = client_for(office)
    home, api, page = (
        reverse("dashboard:home"),
        reverse("dashboard:api"),
        reverse("dashboard:district", args=[district.pk]),
    )
    # Computed (nothing cached yet): user, role and the bell (3; the session comes from the cache); the years, the
    # province and the versions (3); the board from the summary (12); the year selector's sets (1); the office-work
    # section (7); the forecast of the registered communes (6: their classes, the target year's set, its criteria,
    # indicators and targets, and the values of the last years; raw values, which the summary does not keep).
    with django_assert_max_num_queries(33):
        assert client.get(home, {"year": YEAR}).status_code == 200
    # From the cache, as HTML: the user with their role; the province with its years and versions (the bell's
    # count is cached).
    with django_assert_max_num_queries(2):
        assert client.get(home, {"year": YEAR}).status_code == 200
    # The JSON of the same board, from the cache: the user with their role; the province with its years and
    # versions.
    with django_assert_max_num_queries(2):
        assert client.get(api, {"year": YEAR}).status_code == 200
    # The district's own board (computed, with its forecast: 6), its matrix (5) and its work (2).
    with django_assert_max_num_queries(33):
        assert client.get(page, {"year": YEAR}).status_code == 200
