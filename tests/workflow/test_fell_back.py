"""Recognised communes are watched: a later year missing a criterion puts them on the dashboard as fell back."""

import datetime
from decimal import Decimal

from django.urls import reverse

from communes.models import Commune
from tests.conftest import client_for

from .conftest import ALL_MET, record


def recognise(commune, year: int) -> None:
    Commune.objects.filter(pk=commune.pk).update(
        recognition_decision="12/QĐ-UBND", recognition_date=datetime.date(year, 12, 20), recognition_level="dat_chuan"
    )


def test_a_commune_recognised_earlier_that_misses_a_criterion_fell_back(
    office, commune, second_commune, other_commune, ind
):
    for place in (commune, second_commune, other_commune):
        record(place, ALL_MET, year=2013)
        recognise(place, 2013)
    record(commune, {**ALL_MET, "3.1": Decimal("9"), "2.1": Decimal("16")}, year=2014)  # loses 2 and 3
    record(second_commune, ALL_MET, year=2014)  # still meets everything
    # other_commune has no 2014 values: nothing to say yet
    data = client_for(office).get(reverse("dashboard:api"), {"year": 2014}).json()
    assert data["fell_back"] == [
        {"code": commune.code, "name": commune.name, "recognised_in": 2013, "criteria_lost": [2, 3]}
    ]
    page = client_for(office).get(reverse("dashboard:home"), {"year": 2014})
    assert [(row.commune, row.lost) for row in page.context["board"].fell_back] == [(commune, [2, 3])]


def test_the_year_of_recognition_itself_is_not_a_fall(office, commune, ind):
    record(commune, {**ALL_MET, "3.1": Decimal("9")}, year=2014)
    recognise(commune, 2014)
    data = client_for(office).get(reverse("dashboard:api"), {"year": 2014}).json()
    assert data["fell_back"] == []
