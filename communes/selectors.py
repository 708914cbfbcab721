"""Reads shared by several commune and dashboard views."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from .models import Commune, CommuneYearScore, ScoreVersion


def assessment_years() -> list[int]:
    """Years with recorded values, newest first; this year when nothing is recorded yet.

    Read from the score versions (a row per province and year whose scores were ever written: a few hundred
    rows), not from the millions of assessments.
    """
    has_scores = CommuneYearScore.objects.filter(province_id=OuterRef("province_id"), year=OuterRef("year"))
    versions = ScoreVersion.objects.filter(year__gt=0).filter(Exists(has_scores))
    years = sorted(set(versions.order_by().values_list("year", flat=True).distinct()), reverse=True)
    return years or [datetime.date.today().year]


def selected_year(raw: str | None, years: list[int]) -> int:
    """The ?year= parameter when it is a sensible year, else the newest year with data."""
    try:
        year = int(raw or "")
    except ValueError:
        return years[0]
    return year if 2000 <= year <= 2100 else years[0]


def programme_communes(province=None) -> QuerySet[Commune]:
    """Current communes in the programme, with their district, in Vietnamese order."""
    communes = (
        Commune.objects.current()
        .filter(in_programme=True)
        .select_related("district")
        .with_recognised_year()
        .order_by("sort_name", "code")  # an annotated (grouped) query drops Meta.ordering
    )
    if province is not None:
        communes = communes.filter(province=province)
    return communes
