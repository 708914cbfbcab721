"""Deterministic demo capital lines for Hà Tĩnh, 2011-2015 (`seed_demo`).

The shares follow what officials report (OPERATIONS.md §1.3, NOTES.md §5): policy credit about 57 % of what
is mobilised, the state budget about a fifth, community and residents about a tenth (cash and, in kind,
labour and donated goods), integrated funds, enterprises and other sources the rest. The province level holds
the provincial budget and part of the central budget and of the integrated funds; each district the rest in
proportion to its communes; Đức Thọ's communes report their own budget and contributions in 2014 and 2015.
Each year has its plan, its first-6-month result, the plan for the last 6 months, the year's result and, for
the budget, what was disbursed. The amounts are invented for the demo.
"""

import random
from decimal import Decimal

from django.db import transaction

from communes.models import Commune, District

from .models import BUDGET_CATEGORIES, CapitalLine, Kind, Level, Period, SourceSet

SEED = 2014
YEARS = (2011, 2012, 2013, 2014, 2015)
# Mobilised in the whole province per year, million VND.
TOTAL = {2011: 700_000, 2012: 900_000, 2013: 1_100_000, 2014: 1_300_000, 2015: 1_500_000}
SHARES = {
    "I.1": 0.03,
    "I.2": 0.04,
    "I.3": 0.03,
    "II.1": 0.04,
    "II.2": 0.025,
    "II.3": 0.015,
    "III": 0.08,
    "IV": 0.57,
    "V": 0.05,
    "VI.1": 0.06,
    "VI.2": 0.04,
    "VII": 0.02,
}
AT_PROVINCE = {"I.1": 0.3, "I.2": 0.3, "I.3": 0.3, "II.1": 1.0, "III": 0.4}  # the rest goes to the districts
COMMUNE_REPORTED = {"II.3", "VI.1", "VI.2"}
COMMUNE_DISTRICT, COMMUNE_YEARS = "440", (2014, 2015)
CENT = Decimal("0.1")


def _amount(value: float) -> Decimal:
    return Decimal(value).quantize(CENT)


def _lines_for(mobilised: float, *, source, year, place: dict, rng: random.Random, user) -> list[CapitalLine]:
    """The five figures of one source at one place for one year."""
    plan = mobilised * rng.uniform(0.92, 1.15)
    first_half = mobilised * rng.uniform(0.38, 0.48)
    lines = [
        (Kind.PLAN, Period.YEAR, plan),
        (Kind.MOBILISED, Period.YEAR, mobilised),
        (Kind.MOBILISED, Period.FIRST_HALF, first_half),
        (Kind.PLAN, Period.SECOND_HALF, max(plan - first_half, 0)),
    ]
    if source.category in BUDGET_CATEGORIES:
        lines.append((Kind.DISBURSED, Period.YEAR, plan * rng.uniform(0.82, 0.98)))
    return [
        CapitalLine(
            year=year,
            period=period,
            kind=kind,
            source=source,
            amount=_amount(value),
            in_kind=source.in_kind,
            entered_by=user,
            **place,
        )
        for kind, period, value in lines
    ]


@transaction.atomic
def capital_demo_seed(*, province, user=None) -> int:
    """Replace the demo years' capital lines with the demo ones; returns how many lines."""
    CapitalLine.objects.filter(year__in=YEARS).delete()
    rng = random.Random(SEED)
    districts = list(District.objects.current().filter(province=province).order_by("code"))
    communes = list(Commune.objects.current().filter(province=province, in_programme=True).order_by("code"))
    weight = {d.pk: sum(1 for c in communes if c.district_id == d.pk) for d in districts}
    total_weight = sum(weight.values()) or 1
    reporting = [c for c in communes if c.district and c.district.code == COMMUNE_DISTRICT]
    lines: list[CapitalLine] = []
    for year in YEARS:
        source_set = SourceSet.objects.for_year(year).first()
        if source_set is None:
            continue
        sources = {s.code: s for s in source_set.sources.all()}
        for code, share in SHARES.items():
            source = sources.get(code)
            if source is None:
                continue
            amount = TOTAL[year] * share * rng.uniform(0.9, 1.1)
            at_province = AT_PROVINCE.get(code, 0)
            if at_province:
                place = {"level": Level.PROVINCE}
                lines += _lines_for(amount * at_province, source=source, year=year, place=place, rng=rng, user=user)
            for district in districts:
                if not weight[district.pk]:
                    continue
                part = amount * (1 - at_province) * weight[district.pk] / total_weight * rng.uniform(0.7, 1.3)
                if code in COMMUNE_REPORTED and district.code == COMMUNE_DISTRICT and year in COMMUNE_YEARS:
                    for commune in reporting:
                        place = {"level": Level.COMMUNE, "district": district, "commune": commune}
                        each = part / len(reporting) * rng.uniform(0.6, 1.4)
                        lines += _lines_for(each, source=source, year=year, place=place, rng=rng, user=user)
                    continue
                place = {"level": Level.DISTRICT, "district": district}
                lines += _lines_for(part, source=source, year=year, place=place, rng=rng, user=user)
    CapitalLine.objects.bulk_create(lines, batch_size=2000)
    return len(lines)
