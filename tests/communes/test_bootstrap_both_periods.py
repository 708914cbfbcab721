"""`make run` (bootstrap_demo) loads Hà Tĩnh before and after 1/7/2025, and the 2026-2030 set."""

import datetime
import io

from django.core.management import call_command

from communes.management.commands import bootstrap_demo
from communes.models import Commune, District, Lineage
from criteria.models import CriteriaSet


def test_bootstrap_loads_both_periods_the_lineage_and_the_2026_set(db, monkeypatch):
    real = bootstrap_demo.call_command
    monkeypatch.setattr(  # the 2011-2015 demo values are seed_demo's own tests
        bootstrap_demo, "call_command", lambda name, *a, **kw: None if name == "seed_demo" else real(name, *a, **kw)
    )

    call_command("bootstrap_demo", stdout=io.StringIO())
    call_command("bootstrap_demo", stdout=io.StringIO())  # a second `make run` changes nothing

    assert Commune.objects.in_year(2014).count() == 209 and District.objects.in_year(2014).count() == 12
    assert Commune.objects.in_year(2026).count() == 69 and not District.objects.in_year(2026).exists()
    assert Commune.objects.filter(valid_until=datetime.date(2025, 7, 1)).count() == 209
    assert Lineage.objects.count() == 212
    assert CriteriaSet.objects.for_year(2026).get().decision_number == "51/2025/QĐ-TTg"
