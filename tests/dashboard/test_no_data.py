"""A commune-year with nothing recorded is "no data yet", never "0 criteria met"."""

from decimal import Decimal

from django.urls import reverse

from communes.services import assessments_save
from tests.conftest import client_for

YEAR = 2014


def _save(commune, ind, **values):
    assessments_save(commune=commune, year=YEAR, values={ind[code].pk: v for code, v in values.items()}, user=None)


def test_no_data_is_left_out_of_the_average_and_the_bands_and_counted_apart(
    office, commune, second_commune, other_commune, ind
):
    _save(commune, ind, **{"1.1": Decimal("80"), "1.2": True, "2.1": Decimal("20"), "3.1": Decimal("3")})  # 3 met
    _save(second_commune, ind, **{"1.1": Decimal("10")})  # 0 met, 3 indicators not assessed
    data = client_for(office).get(reverse("dashboard:api"), {"year": YEAR}).json()
    province = data["province"]
    assert province["communes"] == 3 and province["no_data"] == 1
    assert province["average_criteria_met"] == 1.5  # (3 + 0) / 2: the commune with nothing is not a zero
    assert province["bands"] == {"3": 1, "1-2": 0, "0": 1}
    assert data["no_data"] == [{"code": other_commune.code, "name": other_commune.name}]
    shares = {row["number"]: row["share_met"] for row in data["criteria"]}
    assert shares == {1: 50.0, 2: 50.0, 3: 50.0}


def test_pages_say_no_data_yet_and_count_what_is_not_assessed(office, commune, second_commune, ind, district):
    _save(commune, ind, **{"1.1": Decimal("80")})
    client = client_for(office)
    page = client.get(reverse("dashboard:district", args=[district.pk]), {"year": YEAR})
    rows = {row.commune.code: row for row in page.context["matrix"]}
    assert (rows[commune.code].has_data, rows[commune.code].not_assessed) == (True, 3)
    assert not rows[second_commune.code].has_data and rows[second_commune.code].band is None
    html = page.content.decode()
    assert html.count("data-no-data") == 1 and "chưa có số liệu" in html
    card = client.get(reverse("communes:scorecard", args=[second_commune.pk]), {"year": YEAR})
    assert "data-no-data" in card.content.decode() and card.context["scorecard"].band is None
    card = client.get(reverse("communes:scorecard", args=[commune.pk]), {"year": YEAR})
    assert card.context["scorecard"].not_assessed == 3
    assert "data-not-assessed>3<" in card.content.decode()
