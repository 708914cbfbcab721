"""The `year` path converter: a year in a URL exists only while a criteria set is in force for it.

`/workflow/communes/58/40000/actions/submit/` or a year 2200 gave a 500 or created a year nobody can
judge; with this converter every such URL is a 404 before the view runs. A year is in force when any
criteria set (national or a province's own) covers it. Importing this module registers the converter.
"""

from django.urls import register_converter

FIRST_YEAR, LAST_YEAR = 1900, 2999  # outside these no set can exist: no query is made


class YearInForceConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR or not year_in_force(year):
            raise ValueError(f"no criteria set is in force in {year}")
        return year

    def to_url(self, value) -> str:
        return str(value)


def year_in_force(year: int) -> bool:
    """Whether any criteria set (national or provincial) covers `year`."""
    from .models import CriteriaSet

    return CriteriaSet.objects.filter(year_from__lte=year, year_to__gte=year).exists()


register_converter(YearInForceConverter, "year")
