"""A district's page for a year: every commune's state, and one step for many at once, each checked."""

import pytest
from django.urls import reverse

from communes.models import Commune, CommuneYear
from tests.conftest import client_for
from workflow.rules import Action
from workflow.services import commune_year_transition

from .conftest import ALL_MET, DETAILS, YEAR, move_to, record, state_of

S = CommuneYear.State


def page_url(district, year: int = YEAR) -> str:
    return reverse("workflow:district_year", args=[district.pk, year])


def bulk(action: str, communes, reason: str = "", versions: dict | None = None) -> dict:
    data = {"action": action, "communes": [c.pk for c in communes], "reason": reason}
    for commune in communes:
        version = (versions or {}).get(commune.pk, CommuneYear.of(commune, YEAR).version)
        data[f"version_{commune.pk}"] = str(version)
    return data


@pytest.fixture
def third_commune(district) -> Commune:
    return Commune.objects.create(code="18262", name="Xã Đức Hòa", province=district.province, district=district)


@pytest.fixture
def mixed(commune, second_commune, third_commune, ind, office):
    """Tùng Ảnh submitted, Đức Lạng submitted, Đức Hòa still a draft."""
    for place in (commune, second_commune, third_commune):
        record(place, ALL_MET)
    move_to(commune, S.SUBMITTED, office)
    move_to(second_commune, S.SUBMITTED, office)
    return commune, second_commune, third_commune


@pytest.mark.parametrize("user_name", ["office", "district_officer", "other_district_officer", "leadership"])
def test_every_role_reads_each_communes_state(request, district, mixed, user_name):
    response = client_for(request.getfixturevalue(user_name)).get(page_url(district))
    assert response.status_code == 200
    states = {row.commune.code: row.commune_year.state for row in response.context["rows"]}
    assert states == {"18256": S.SUBMITTED, "18259": S.SUBMITTED, "18262": S.DRAFT}
    assert (response.context["form"] is not None) is (user_name in ("office", "district_officer"))


def test_office_verifies_many_at_once_and_is_told_which_failed_and_why(district, mixed, office):
    response = client_for(office).post(page_url(district), bulk("verify", mixed))
    assert response.status_code == 200
    assert [state_of(c) for c in mixed] == [S.VERIFIED, S.VERIFIED, S.DRAFT]
    assert {c.code for c in response.context["done"]} == {"18256", "18259"}
    assert [commune.code for commune, _reason in response.context["failed"]] == ["18262"]


def test_office_returns_many_with_one_reason(district, mixed, office):
    response = client_for(office).post(page_url(district), bulk("return", mixed[:2], reason="Thiếu hồ sơ"))
    assert response.status_code == 200
    for commune in mixed[:2]:
        commune_year = CommuneYear.of(commune, YEAR)
        assert (commune_year.state, commune_year.return_reason) == (S.RETURNED, "Thiếu hồ sơ")


def test_returning_many_without_a_reason_changes_nothing(district, mixed, office):
    response = client_for(office).post(page_url(district), bulk("return", mixed[:2]))
    assert response.status_code == 400
    assert [state_of(c) for c in mixed[:2]] == [S.SUBMITTED, S.SUBMITTED]


def test_a_commune_changed_since_the_page_was_opened_is_left_alone(district, mixed, office):
    commune, second, _third = mixed
    versions = {c.pk: CommuneYear.of(c, YEAR).version for c in mixed}
    # After the page was opened, someone reopens Đức Lạng, corrects it and submits it again.
    commune_year_transition(
        commune=second, year=YEAR, action=Action.REOPEN, user=office, details=DETAILS[Action.REOPEN]
    )
    commune_year_transition(commune=second, year=YEAR, action=Action.SUBMIT, user=office)
    response = client_for(office).post(page_url(district), bulk("verify", [commune, second], versions=versions))
    assert state_of(commune) == S.VERIFIED
    assert state_of(second) == S.SUBMITTED  # not verified from a stale page
    assert [c.code for c, _reason in response.context["failed"]] == [second.code]


def test_a_district_officer_submits_and_verifies_the_communes_of_the_district(district, mixed, district_officer):
    client = client_for(district_officer)
    client.post(page_url(district), bulk("submit", [mixed[2]]))
    assert state_of(mixed[2]) == S.SUBMITTED
    client.post(page_url(district), bulk("verify", mixed))
    assert [state_of(c) for c in mixed] == [S.VERIFIED] * 3


def test_a_district_officer_cannot_return_from_the_district_page(district, mixed, district_officer):
    response = client_for(district_officer).post(page_url(district), bulk("return", mixed[:1], reason="x"))
    assert response.status_code == 400  # not a choice offered to district officers
    assert state_of(mixed[0]) == S.SUBMITTED


@pytest.mark.parametrize("user_name", ["other_district_officer", "leadership"])
def test_other_districts_and_leadership_cannot_act(request, district, mixed, user_name):
    response = client_for(request.getfixturevalue(user_name)).post(page_url(district), bulk("verify", mixed))
    assert response.status_code == 403
    assert [state_of(c) for c in mixed] == [S.SUBMITTED, S.SUBMITTED, S.DRAFT]


def test_anonymous_users_are_sent_to_log_in(anonymous, district, small_set):
    response = anonymous.get(page_url(district))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("n", [3, 30])
def test_the_page_runs_a_fixed_number_of_queries(office, district, small_set, n, django_assert_max_num_queries):
    for i in range(n):
        Commune.objects.create(code=f"7{i:04d}", name=f"Xã Thử {i}", province=district.province, district=district)
    client = client_for(office)
    with django_assert_max_num_queries(13):  # 12, and the year converter's check that a set covers the year
        assert client.get(page_url(district)).status_code == 200
