"""seed_demo: Hà Tĩnh's demo progress follows the real figures and is the same on every run."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from accounts.models import Profile
from communes.models import Assessment, Commune


@pytest.fixture
def seeded(db):
    call_command("load_criteria", verbosity=0)
    call_command("import_divisions", verbosity=0)
    call_command("seed_demo", verbosity=0)


def _criteria_met(year: int) -> dict[int, int]:
    """Criteria met per commune, counted independently of the app's selectors."""
    rows = (
        Assessment.objects.filter(year=year)
        .values("commune_id", "indicator__criterion_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(meets=True)))
    )
    met: dict[int, int] = {}
    for row in rows:
        met.setdefault(row["commune_id"], 0)
        met[row["commune_id"]] += row["total"] == row["met"]
    return met


def test_demo_follows_the_ha_tinh_figures(seeded):
    programme = Commune.objects.filter(in_programme=True).count()
    start, end_2013, end_2014 = _criteria_met(2011), _criteria_met(2013), _criteria_met(2014)
    assert len(end_2014) == programme == 170
    assert round(sum(start.values()) / programme, 1) == 4.1
    assert max(start.values()) < 10
    assert round(sum(end_2013.values()) / programme, 1) == 7.7
    assert sum(1 for n in end_2014.values() if n < 7) == 38
    assert min(end_2014.values()) >= 5
    assert sum(1 for n in end_2014.values() if n == 19) == 26


def test_recognised_communes_carry_a_decision(seeded):
    recognised = Commune.objects.exclude(recognition_date=None)
    assert recognised.filter(recognition_date__year__lte=2014).count() == 26
    assert recognised.count() == 52
    end_2015 = _criteria_met(2015)
    assert sum(1 for n in end_2015.values() if n == 19) == 55  # three await their decision
    assert not recognised.filter(recognition_decision="").exists()
    registered_2014 = Commune.objects.filter(registrations__year=2014)
    assert registered_2014.filter(recognition_date__year=2014).count() == 19
    assert registered_2014.filter(recognition_date__year=2015).count() == 4  # short in 2014, made it in 2015
    assert Commune.objects.filter(registrations__year=2015).exists()


def test_seed_is_deterministic(seeded):
    first = list(Assessment.objects.order_by("commune__code", "indicator_id", "year").values_list("meets", flat=True))
    call_command("seed_demo", verbosity=0)
    second = list(Assessment.objects.order_by("commune__code", "indicator_id", "year").values_list("meets", flat=True))
    assert first == second


def test_seed_creates_one_demo_user_per_role(seeded):
    assert sorted(Profile.objects.values_list("role", flat=True)) == ["district", "leadership", "office"]


def test_demo_registrations_are_dated_before_their_year_and_steps_within_it(seeded):
    from communes.models import CommuneYear, Registration

    registrations = list(Registration.objects.all())
    assert registrations
    assert all(r.registered_at.year == r.year - 1 and r.registered_at.month == 12 for r in registrations)
    steps = list(CommuneYear.objects.exclude(state=CommuneYear.State.DRAFT))
    assert steps and all(cy.changed_at is not None and cy.changed_at.year == cy.year for cy in steps)
    assert all(cy.changed_by is not None for cy in steps)


def test_demo_values_move_by_plausible_steps_from_year_to_year(seeded):
    """No percentage jumps down by more than 10 points in a year (100 % then 41 % is not believable), and a
    value meeting its target does not fall below it the next year under the same indicator code."""
    from criteria import rules

    series: dict[tuple[int, str], dict[int, Assessment]] = {}
    for a in Assessment.objects.filter(indicator__kind=rules.PERCENTAGE).select_related("indicator"):
        series.setdefault((a.commune_id, a.indicator.code), {})[a.year] = a
    drops = []
    for (commune_id, code), years in series.items():
        for year in sorted(years)[1:]:
            before, after = years.get(year - 1), years[year]
            if before is None or before.indicator.comparator != after.indicator.comparator:
                continue
            worse_is_higher = after.indicator.comparator in (rules.LE, rules.LT)
            change = (before.percent - after.percent) * (-1 if worse_is_higher else 1)
            if change > 10:
                drops.append((commune_id, code, year, before.percent, after.percent))
            if before.meets and after.meets is False and before.indicator.pk == after.indicator.pk:
                drops.append((commune_id, code, year, "met, then not"))
    assert len(series) > 1000
    assert drops == []
