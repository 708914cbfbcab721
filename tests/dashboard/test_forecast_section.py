"""The dashboard's forecast: counts and list for registered communes, every commune on request."""

import pytest
from django.urls import reverse

from communes.models import Assessment, Commune, Registration
from communes.summary import scores_rebuild
from tests.conftest import client_for

CLIMB = [(2011, 50, 9, 12), (2012, 58, 11, 10), (2013, 66, 13, 8)]  # 1.1 %, 2.1 million VND, 3.1 % poor
FLAT = [(2011, 60, 10, 10), (2012, 60, 10, 10), (2013, 60, 10, 10)]


def _history(commune, ind, rows):
    for year, paved, money, poor in rows:
        Assessment.objects.create(commune=commune, indicator=ind["1.1"], year=year, percent=paved)
        Assessment.objects.create(commune=commune, indicator=ind["1.2"], year=year, yes_no=True)
        Assessment.objects.create(commune=commune, indicator=ind["2.1"], year=year, amount=money)
        Assessment.objects.create(commune=commune, indicator=ind["3.1"], year=year, percent=poor)


@pytest.fixture
def histories(province, district, small_set, ind):
    small_set.year_from = 2011
    small_set.save()
    climbing = Commune.objects.create(code="80001", name="Xã Lên Dốc", province=province, district=district)
    flat = Commune.objects.create(code="80002", name="Xã Đi Ngang", province=province, district=district)
    unregistered = Commune.objects.create(code="80003", name="Xã Chưa Đăng Ký", province=province, district=district)
    _history(climbing, ind, CLIMB)
    _history(flat, ind, FLAT)
    _history(unregistered, ind, FLAT)
    Registration.objects.create(commune=climbing, year=2015)
    Registration.objects.create(commune=flat, year=2015)
    scores_rebuild(province=province)


def test_registered_communes_are_forecast_with_counts_and_deciding_indicators(office, histories):
    data = client_for(office).get(reverse("dashboard:api"), {"year": 2013}).json()["forecast"]
    assert data["everyone"] is False and data["total"] == 2
    assert data["counts"] == {"off_track": 1, "at_risk": 0, "on_track": 1}
    rows = {r["code"]: r for r in data["communes"]}
    assert rows["80001"]["outlook"] == "on_track" and rows["80001"]["target_year"] == 2015
    assert set(rows["80001"]["deciding_indicators"]) == {"1.1", "2.1", "3.1"}  # carried over the line by trend
    assert rows["80002"]["outlook"] == "off_track" and rows["80002"]["criteria_short"] == [1, 2, 3]
    assert [r["code"] for r in data["communes"]] == ["80002", "80001"]  # off track first


def test_every_commune_on_request(office, histories):
    client = client_for(office)
    page = client.get(reverse("dashboard:home"), {"year": 2013}).content.decode()
    assert 'id="forecast-all"' in page and 'data-commune="80003" data-outlook' not in page
    page = client.get(reverse("dashboard:home"), {"year": 2013, "forecast": "all"}).content.decode()
    assert 'data-commune="80003" data-outlook="off_track"' in page and 'id="forecast-registered"' in page
    assert 'data-outlook="off_track">' in page
