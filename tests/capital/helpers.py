from decimal import Decimal

from capital.models import CapitalLine, CapitalSource


def source(source_sets, code: str, set_code: str = "NTM_2011_2015") -> CapitalSource:
    return CapitalSource.objects.get(source_set=source_sets[set_code], code=code)


def line(
    source_sets,
    code,
    amount,
    *,
    year=2014,
    kind="mobilised",
    period="year",
    level="district",
    district=None,
    commune=None,
    unit="",
    set_code="NTM_2011_2015",
) -> CapitalLine:
    src = source(source_sets, code, set_code)
    return CapitalLine.objects.create(
        year=year,
        period=period,
        kind=kind,
        level=level,
        district=district if level != "province" else None,
        commune=commune if level == "commune" else None,
        unit=unit,
        source=src,
        amount=Decimal(str(amount)),
        in_kind=src.in_kind,
    )
