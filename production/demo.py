"""Deterministic demo production models and enterprises for Hà Tĩnh, 2011-2015 (`seed_demo`).

Shaped on the sources (OPERATIONS.md §2.1, §2.4) and the 2014 instructions: models earn from 100 million
VND a year (a few start under the floor), are grouped by sector with livestock, aquaculture and vegetables
first, and the share of communes with large, medium and small models climbs from about 10 % in 2011 towards
the 75 % target, passing it in 2015 in the lowland districts while the mountain districts lag. Communes
without an operating enterprise or cooperative fall from about two thirds to under a fifth. Every value is
invented for the demo; nothing here is a real model or a real company.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from communes.models import Commune

from .models import Enterprise, ModelYear, ProductionModel, Sector

SEED = 2014
YEARS = (2011, 2012, 2013, 2014, 2015)
# Share of communes reaching "large" (and so all three sizes) by the end of each year; never: the rest.
LARGE_BY = [(2011, 0.10), (2012, 0.22), (2013, 0.38), (2014, 0.56), (2015, 0.74)]
MEDIUM_BY = [(2011, 0.30), (2012, 0.45), (2013, 0.62), (2014, 0.78), (2015, 0.90)]
# Communes with an enterprise or cooperative by the end of each year (first founding).
FIRST_ENTERPRISE_BY = [(2010, 0.25), (2011, 0.33), (2012, 0.44), (2013, 0.56), (2014, 0.70), (2015, 0.82)]
MOUNTAIN_DISTRICTS = {"439", "441", "444", "447"}  # Hương Sơn, Vũ Quang, Hương Khê, Kỳ Anh: behind the lowlands
NEVER = 9999
SECTOR_WEIGHTS = [
    (Sector.LIVESTOCK, 25),
    (Sector.AQUACULTURE, 10),
    (Sector.VEGETABLES_FRUIT, 20),
    (Sector.CROPS, 10),
    (Sector.FORESTRY, 5),
    (Sector.PROCESSING, 12),
    (Sector.CRAFTS, 8),
    (Sector.SERVICES, 7),
    (Sector.OTHER, 3),
]
NAMES = {
    Sector.LIVESTOCK: ["Trang trại chăn nuôi lợn", "Mô hình nuôi bò nhốt chuồng", "Trang trại gà thả vườn"],
    Sector.AQUACULTURE: ["Mô hình nuôi tôm thẻ chân trắng", "Mô hình nuôi cá nước ngọt", "Mô hình nuôi cua"],
    Sector.VEGETABLES_FRUIT: ["Mô hình trồng rau an toàn", "Vườn cam chanh", "Mô hình trồng dưa trong nhà lưới"],
    Sector.CROPS: ["Cánh đồng lúa chất lượng cao", "Mô hình trồng lạc", "Mô hình sản xuất nấm"],
    Sector.FORESTRY: ["Mô hình trồng keo", "Mô hình vườn ươm cây giống"],
    Sector.PROCESSING: ["Cơ sở chế biến nước mắm", "Xưởng chế biến gỗ", "Cơ sở chế biến kẹo cu đơ"],
    Sector.CRAFTS: ["Cơ sở mộc mỹ nghệ", "Cơ sở đan lát mây tre", "Lò rèn"],
    Sector.SERVICES: ["Dịch vụ làm đất và thu hoạch", "Cửa hàng vật tư nông nghiệp", "Điểm du lịch sinh thái"],
    Sector.OTHER: ["Mô hình nuôi ong lấy mật", "Mô hình trồng cây dược liệu"],
}
OWNERS = {"small": ["household", "farm", "cooperative_group"], "medium": ["farm", "cooperative"]}
OWNERS["large"] = ["enterprise", "cooperative"]
REVENUE = {"small": (110, 480), "medium": (520, 950), "large": (1050, 4200)}


def _year_for(rank: float, schedule: list[tuple[int, float]]) -> int:
    """The first year whose cumulative share exceeds the commune's rank (0..1), NEVER when none does."""
    for year, share in schedule:
        if rank < share:
            return year
    return NEVER


def _ranks(communes: list[Commune], rng: random.Random) -> dict[int, float]:
    """Each commune's place in the province (0 = first to get there), mountain districts later."""
    scores = {
        c.pk: rng.random() + (0.35 if c.district and c.district.code in MOUNTAIN_DISTRICTS else 0) for c in communes
    }
    order = sorted(communes, key=lambda c: (scores[c.pk], c.code))
    return {c.pk: index / len(order) for index, c in enumerate(order)}


def _sector(rng: random.Random) -> str:
    return rng.choices([s for s, _w in SECTOR_WEIGHTS], weights=[w for _s, w in SECTOR_WEIGHTS])[0]


def _short(name: str) -> str:
    return name.removeprefix("Xã ").removeprefix("Thị trấn ")


@transaction.atomic
def production_demo_seed(*, province, user=None) -> dict[str, int]:
    """Replace the province's production models and enterprises with the demo ones; returns how many."""
    communes = list(
        Commune.objects.current()
        .filter(province=province, in_programme=True)
        .select_related("district")
        .order_by("code")
    )
    ProductionModel.objects.filter(commune__province=province).delete()
    Enterprise.objects.filter(commune__province=province).delete()
    rng = random.Random(SEED)
    ranks = _ranks(communes, rng)
    models, figures = [], []
    for commune in communes:
        crng = random.Random(f"{SEED}-production-{commune.code}")
        large_from = _year_for(ranks[commune.pk], LARGE_BY)
        medium_from = min(_year_for(ranks[commune.pk], MEDIUM_BY), large_from)
        plan = [("small", 2011 if ranks[commune.pk] < 0.95 else 2012) for _ in range(crng.randint(2, 5))]
        if ranks[commune.pk] > 0.985:
            plan = []  # a few communes have no effective model at all yet
        if medium_from != NEVER:
            plan += [("medium", medium_from)] + [("medium", min(medium_from + 1, 2015))] * crng.randint(0, 1)
        if large_from != NEVER:
            plan.append(("large", large_from))
        for size, first_year in plan:
            sector = _sector(crng)
            name = f"{crng.choice(NAMES[sector])} {_short(commune.name)}"
            model = ProductionModel(
                name=name,
                commune=commune,
                owner_kind=crng.choice(OWNERS[size]),
                owner_name="",
                sector=sector,
                start_year=first_year,
                supported=crng.random() < 0.4,
                created_by=user,
            )
            if model.supported:
                model.support_policy = "Chính sách hỗ trợ phát triển sản xuất của tỉnh (dữ liệu mẫu)"
            model.refresh_name_columns()
            models.append(model)
            low, high = REVENUE[size]
            revenue = Decimal(crng.uniform(low, high))
            for year in YEARS:
                if year < first_year:
                    continue
                grown = revenue * Decimal(1.08) ** (year - first_year)
                if year == first_year and size == "small" and crng.random() < 0.15:
                    grown = Decimal(crng.uniform(60, 95))  # a first year under the counting floor
                if size != "large":
                    grown = min(grown, Decimal(REVENUE[size][1]))
                figures.append(
                    (
                        model,
                        ModelYear(
                            year=year,
                            revenue=grown.quantize(Decimal("0.1")),
                            profit=(grown * Decimal(crng.uniform(0.08, 0.25))).quantize(Decimal("0.1")),
                            jobs=crng.randint(2, 8) * {"small": 1, "medium": 3, "large": 10}[size],
                            households=crng.randint(1, 4) * {"small": 1, "medium": 4, "large": 12}[size],
                        ),
                    )
                )
    ProductionModel.objects.bulk_create(models, batch_size=1000)
    for model, row in figures:
        row.model = model
    ModelYear.objects.bulk_create([row for _model, row in figures], batch_size=2000)
    enterprises = _enterprises(communes, rng)
    Enterprise.objects.bulk_create(enterprises, batch_size=1000)
    return {"models": len(models), "enterprises": len(enterprises)}


def _enterprises(communes: list[Commune], rng: random.Random) -> list[Enterprise]:
    ranks = _ranks(communes, random.Random(f"{SEED}-enterprises"))
    made = []
    number = 0
    for commune in communes:
        crng = random.Random(f"{SEED}-enterprise-{commune.code}")
        first = _year_for(ranks[commune.pk], FIRST_ENTERPRISE_BY)
        if first == NEVER:
            continue
        count = 1 + (crng.random() < 0.35) + (crng.random() < 0.1)
        for index in range(count):
            number += 1
            kind = (
                crng.choice(["enterprise", "cooperative", "cooperative", "cooperative_group"])
                if index
                else (crng.choice(["enterprise", "cooperative"]))
            )
            year = first if index == 0 else min(first + crng.randint(0, 3), 2015)
            founded = datetime.date(year, crng.randint(1, 12), crng.randint(1, 28))
            sector = _sector(crng)
            label = {"enterprise": "Công ty TNHH", "cooperative": "HTX", "cooperative_group": "Tổ hợp tác"}[kind]
            enterprise = Enterprise(
                name=f"{label} {crng.choice(NAMES[sector]).split(' ', 2)[-1]} {_short(commune.name)} {number}",
                kind=kind,
                commune=commune,
                tax_code=f"30{number:08d}" if kind == "enterprise" else "",
                registration_number=f"{commune.district.code if commune.district else ''}.{number:04d}/HTX"
                if kind != "enterprise"
                else "",
                founded_on=founded,
                sector=sector,
                members=crng.randint(12, 250) if kind != "enterprise" else None,
                employees=crng.randint(5, 120) if kind == "enterprise" else crng.randint(0, 15),
            )
            if index and crng.random() < 0.12:  # some later ones close again
                enterprise.closed_on = founded + datetime.timedelta(days=crng.randint(400, 1200))
            enterprise.refresh_name_columns()
            made.append(enterprise)
    return made
