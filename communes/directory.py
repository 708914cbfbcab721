"""The commune directory's reads: accent-insensitive search, Vietnamese order and the filters.

Plain functions over a Commune queryset, so the view only wires them together.
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Collate, Replace

from ntm.lib.text import fold, normalize, strip_admin_prefix, vi_sort_key

from .forms import NO_DATA
from .models import Commune, Lineage, Registration
from .scoring import YearScores
from .selectors import in_district

# The kind prefixes of commune names, removed before collating so "Xã Ân Phú" sorts under Â, not X.
_NAME_PREFIXES = ("Xã ", "Phường ", "Thị trấn ", "Đặc khu ")


@dataclass
class DirectoryRow:
    """One line of the directory: the commune and its standing in the chosen year."""

    commune: Commune
    criteria_met: int
    band: str | None
    recognised: bool
    has_data: bool = True
    not_assessed: int = 0
    former_districts: tuple[str, ...] = ()  # a commune formed after 1/7/2025: the districts it came from


def _query_without_kind(text: str) -> str:
    """The typed query without a leading kind word: 'Xã Hòa Lạc' -> 'Hòa Lạc', 'Huyện Đức Thọ' -> 'Đức Thọ'."""
    text = normalize(text or "")
    stripped = strip_admin_prefix(text)
    return stripped if stripped.strip() else text


def communes_search(queryset: QuerySet[Commune], text: str) -> QuerySet[Commune]:
    """Communes whose name, or whose district's (or former district's) name, holds every word of `text`, accents
    ignored.

    A name typed as displayed, kind included ("Xã Hòa Lạc", "Huyện Đức Thọ"), is found: the leading kind word is
    dropped, as it is from the stored search name. Digits also match the start of the GSO code: "182" finds 18256.
    Each result carries `search_rank`: 0 when its name (or its district's) holds the query with the accents as typed,
    1 otherwise; `communes_in_vietnamese_order` puts the 0s first.
    """
    typed = _query_without_kind(text)
    words = fold(typed).split()
    if not words:
        return queryset
    by_name, by_district, by_former_district = Q(), Q(), Q()
    for word in words:
        by_name &= Q(search_name__contains=word)
        by_district &= Q(district__search_name__contains=word)
        by_former_district &= Q(predecessor__district__search_name__contains=word)
    formed = Lineage.objects.filter(by_former_district).values("successor")  # after 1/7/2025: the former district
    condition = by_name | by_district | Q(pk__in=formed)
    code = (text or "").strip()
    if code.isdigit():
        condition |= Q(code__startswith=code)
    accents_as_typed = Q(name__icontains=typed) | Q(district__name__icontains=typed)
    rank = Case(When(accents_as_typed, then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.filter(condition).annotate(search_rank=rank)


def communes_in_vietnamese_order(queryset: QuerySet[Commune]) -> QuerySet[Commune]:
    """Alphabetical by the name without its kind prefix, in Vietnamese order (a ă â ... d đ ...).

    After a search, the names matching the accents as typed come first (`communes_search`'s `search_rank`).

    PostgreSQL collates with ICU's Vietnamese rules; other databases (SQLite in
    development) use the stored `sort_name` key, which gives the same order.
    """
    first = ["search_rank"] if "search_rank" in queryset.query.annotations else []
    if connection.vendor != "postgresql":
        return queryset.order_by(*first, "sort_name", "code")
    short_name = F("name")
    for prefix in _NAME_PREFIXES:
        short_name = Replace(short_name, Value(prefix), Value(""))
    return queryset.order_by(*first, Collate(short_name, "vi-x-icu"), "code")


def communes_with_registration(queryset: QuerySet[Commune]) -> QuerySet[Commune]:
    """Each commune with `registered_for`: the latest year it registered for (None: never)."""
    latest = Registration.objects.filter(commune=OuterRef("pk")).order_by("-year").values("year")[:1]
    return queryset.annotate(registered_for=Subquery(latest))


def communes_filter(queryset: QuerySet[Commune], cleaned_data: dict[str, Any], scores: YearScores) -> QuerySet[Commune]:
    """Apply the directory's district, band, registered, recognised and programme filters.

    Fields missing from `cleaned_data` (left empty, or invalid) do not filter.
    """
    year = scores.year
    if district := cleaned_data.get("district"):
        queryset = in_district(queryset, district, year)
    if registered_year := cleaned_data.get("registered_year"):
        queryset = queryset.filter(registrations__year=registered_year)
    recognised = cleaned_data.get("recognised")
    if recognised in ("yes", "no"):
        by_year = queryset.with_recognised_year().recognised_by(year).values("pk")
        queryset = queryset.filter(pk__in=by_year) if recognised == "yes" else queryset.exclude(pk__in=by_year)
    in_programme = cleaned_data.get("in_programme")
    if in_programme in ("yes", "no"):
        queryset = queryset.filter(in_programme=in_programme == "yes")
    if band := cleaned_data.get("band"):
        wanted = None if band == NO_DATA else band
        ids = [pk for pk in queryset.values_list("pk", flat=True) if scores.band(pk) == wanted]
        queryset = queryset.filter(pk__in=ids)
    return queryset


def former_districts_of(commune_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Commune id -> names of the former districts of the communes it was formed from (one query)."""
    found: dict[int, set[str]] = {}
    if not commune_ids:
        return {}
    links = Lineage.objects.filter(successor__in=commune_ids, predecessor__district__isnull=False)
    for successor, name in links.values_list("successor_id", "predecessor__district__name").distinct():
        found.setdefault(successor, set()).add(name)
    return {pk: tuple(sorted(names, key=vi_sort_key)) for pk, names in found.items()}


def directory_rows(communes, scores: YearScores) -> list[DirectoryRow]:
    """The rows of one page, with criteria met, band and recognition as of the scores' year."""
    communes = list(communes)
    former = former_districts_of([c.pk for c in communes if c.district_id is None])
    return [
        DirectoryRow(
            commune=commune,
            criteria_met=scores.count(commune.pk),
            band=scores.band(commune.pk),
            recognised=commune.recognised_by(scores.year),
            has_data=scores.has_data(commune.pk),
            not_assessed=scores.not_assessed(commune.pk),
            former_districts=former.get(commune.pk, ()),
        )
        for commune in communes
    ]
