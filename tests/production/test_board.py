"""The "Production" and "Enterprises" dashboard sections agree with an independent count on generated data."""

import datetime
import random
from decimal import Decimal

import pytest

from communes.models import Commune
from production.models import Enterprise, ModelYear, ProductionModel
from production.selectors import enterprise_board, production_board

YEAR = 2014


def _size(revenue: Decimal) -> str | None:
    """Counted from 100 million, medium from 500, large from 1,000 (the shipped default), written out here."""
    if revenue >= 1000:
        return "large"
    if revenue >= 500:
        return "medium"
    if revenue >= 100:
        return "small"
    return None


def generate(province, districts, n: int, seed: int = 3) -> dict:
    """n communes with random models and figures in 2013 and 2014; returns what the board should say."""
    rng = random.Random(seed)
    expected = {"all_sizes": {d.pk: 0 for d in districts}, "none": {d.pk: 0 for d in districts}, "sector": {}}
    expected["under_floor"] = 0
    for i in range(n):
        district = districts[i % len(districts)]
        commune = Commune.objects.create(code=f"7{i:04d}", name=f"Xã Sinh {i}", province=province, district=district)
        sizes = set()
        for j in range(rng.randint(0, 5)):
            sector = rng.choice(["livestock", "aquaculture", "crafts"])
            model = ProductionModel.objects.create(
                name=f"Mô hình {i}-{j}", commune=commune, owner_kind="farm", sector=sector, start_year=2012
            )
            revenue = Decimal(rng.choice([50, 99, 100, 300, 499, 500, 800, 1000, 2500]))
            ModelYear.objects.create(model=model, year=YEAR, revenue=revenue)
            ModelYear.objects.create(model=model, year=YEAR - 1, revenue=Decimal(2000))  # another year: ignored
            size = _size(revenue)
            if size is None:
                expected["under_floor"] += 1
            else:
                sizes.add(size)
                key = (sector, size)
                expected["sector"][key] = expected["sector"].get(key, 0) + 1
        if sizes == {"large", "medium", "small"}:
            expected["all_sizes"][district.pk] += 1
        if not sizes:
            expected["none"][district.pk] += 1
    return expected


@pytest.fixture
def generated(province, district, other_district, thresholds):
    return generate(province, [district, other_district], 40)


def test_shares_sectors_and_communes_without_models_match_an_independent_count(
    generated, province, district, other_district
):
    board = production_board(year=YEAR, province=province)
    rows = {row.district.pk: row for row in board.districts}
    for d in (district, other_district):
        assert rows[d.pk].communes == 20
        assert rows[d.pk].with_all_sizes == generated["all_sizes"][d.pk]
        assert rows[d.pk].share == round(100 * generated["all_sizes"][d.pk] / 20, 1)
        assert rows[d.pk].with_none == generated["none"][d.pk]
        assert len(board.without_models.get(d, [])) == generated["none"][d.pk]
    assert board.province.with_all_sizes == sum(generated["all_sizes"].values())
    for row in board.sectors:
        for size in ("large", "medium", "small"):
            assert row.sizes[size] == generated["sector"].get((row.sector, size), 0)
    assert board.under_floor == generated["under_floor"]
    assert board.target == Decimal(75)


def test_a_new_threshold_version_resizes_the_years_it_covers(province, district, commune, thresholds):
    from production.models import SizeThresholds
    from tests.resources_fixtures import make_model

    make_model(commune, revenue=700)
    assert production_board(year=YEAR, province=province).totals["medium"] == 1
    SizeThresholds.objects.create(
        valid_from=datetime.date(2014, 7, 1),
        counting_floor=Decimal(100),
        medium_from=Decimal(800),
        large_from=Decimal(2000),
        target_share=Decimal(80),
    )
    board = production_board(year=YEAR, province=province)
    assert board.totals == {"large": 0, "medium": 0, "small": 1}
    assert board.target == Decimal(80)
    assert production_board(year=2013, province=province).target == Decimal(75)


def test_communes_without_an_operating_enterprise_by_year(province, district, other_district):
    communes = [
        Commune.objects.create(code=f"6{i:04d}", name=f"Xã Doanh {i}", province=province, district=district)
        for i in range(4)
    ]
    day = datetime.date
    Enterprise.objects.create(  # operating since 2012
        name="HTX A", kind="cooperative", commune=communes[0], founded_on=day(2012, 5, 1), sector="crops"
    )
    Enterprise.objects.create(  # closed during 2013: counts at the end of 2012 only
        name="Công ty B",
        kind="enterprise",
        tax_code="3000000001",
        commune=communes[1],
        founded_on=day(2011, 1, 1),
        closed_on=day(2013, 3, 1),
        sector="processing",
    )
    Enterprise.objects.create(  # a cooperative group is not counted
        name="Tổ hợp tác C", kind="cooperative_group", commune=communes[2], founded_on=day(2011, 1, 1), sector="crafts"
    )
    Enterprise.objects.create(  # founded on the last day of 2014: operating on 31/12/2014
        name="Công ty D",
        kind="enterprise",
        tax_code="3000000002",
        commune=communes[3],
        founded_on=day(2014, 12, 31),
        sector="services",
    )
    board = enterprise_board(year=2014, first_year=2011, province=province)
    row = next(r for r in board.districts if r.district == district)
    assert row.without == {2011: 3, 2012: 2, 2013: 3, 2014: 2}
    assert board.province.without[2014] == 2  # other_district has no commune
    assert sorted(c.name for c in board.without_this_year[district]) == ["Xã Doanh 1", "Xã Doanh 2"]
    assert board.operating == {"enterprise": 1, "cooperative": 1, "cooperative_group": 1}
