"""`seed_bench` builds the national benchmark data set: deterministic, with values judged by the product's own rules
and a summary equal to a rebuild."""

import pytest
from django.core.management import CommandError, call_command

from communes.models import Assessment, Commune, CommuneYearScore, District
from communes.services import assessment_refresh_meets
from communes.summary import scores_rebuild
from criteria.selectors import TargetBook


def _seed(communes: int = 30, years: int = 3, seed: int = 7) -> None:
    call_command("load_criteria")
    call_command("seed_bench", "--communes", str(communes), "--years", str(years), "--seed", str(seed))


def _fingerprint() -> list[tuple]:
    return list(
        Assessment.objects.order_by("commune__code", "indicator__code", "year").values_list(
            "commune__code", "indicator__code", "year", "yes_no", "percent", "amount", "meets"
        )
    )


def test_it_builds_communes_in_districts_with_values_for_each_year(db):
    _seed()

    assert Commune.objects.count() == 30
    assert District.objects.count() == 3  # 14 communes a district
    assert set(Assessment.objects.values_list("year", flat=True).distinct()) == {2018, 2019, 2020}
    per_year = Assessment.objects.filter(year=2020).count()
    cells = 30 * Assessment.objects.filter(year=2020).values("indicator").distinct().count()
    assert 0.9 * cells <= per_year < cells  # about 97 % of the cells hold a value


def test_the_stored_results_are_those_the_rules_give_and_the_summary_equals_a_rebuild(db):
    _seed()

    sample = Assessment.objects.select_related("commune__province__region", "indicator__criterion__criteria_set")
    books = {}
    for row in sample.order_by("pk")[::37]:
        criteria_set = row.indicator.criterion.criteria_set
        book = books.setdefault(criteria_set.pk, TargetBook(criteria_set))
        stored = row.meets
        assert assessment_refresh_meets(row, book).meets == stored
    before = sorted(CommuneYearScore.objects.values_list("commune_id", "year", "criteria_met", "met_mask", "band"))
    scores_rebuild()
    after = sorted(CommuneYearScore.objects.values_list("commune_id", "year", "criteria_met", "met_mask", "band"))
    assert before == after and len(before) == 90


def test_the_same_seed_gives_the_same_rows(django_db_blocker, db):
    _seed(communes=15, years=2, seed=3)
    first = _fingerprint()
    Assessment.objects.all().delete()
    CommuneYearScore.objects.all().delete()
    Commune.objects.all().delete()
    District.objects.all().delete()
    from provinces.models import Province

    Province.objects.all().delete()
    _seed(communes=15, years=2, seed=3)
    assert _fingerprint() == first


def test_it_refuses_a_database_that_holds_communes(commune):
    with pytest.raises(CommandError, match="empty"):
        call_command("seed_bench", "--communes", "5", "--years", "1")
