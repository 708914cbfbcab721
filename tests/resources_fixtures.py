"""Fixtures shared by the tests of production, OCOP, capital and trainings (imported by their conftest.py).

Reference data ships with data migrations, but transactional tests (the browser tests) empty every table, so
each fixture loads what it needs with the apps' idempotent loaders.
"""

import datetime
from decimal import Decimal

import pytest

from capital.models import SourceSet
from capital.reference import sources_load
from ocop.models import OcopRule
from ocop.reference import rules_load
from production.models import ModelYear, ProductionModel, SizeThresholds
from production.reference import thresholds_load


@pytest.fixture
def thresholds(db) -> SizeThresholds:
    """The shipped default: counted from 100, medium from 500, large from 1,000 million VND; target 75 %."""
    thresholds_load()
    return SizeThresholds.objects.get(valid_from=datetime.date(2011, 1, 1))


@pytest.fixture
def ocop_rules(db) -> dict[str, OcopRule]:
    rules_load()
    return {rule.code: rule for rule in OcopRule.objects.all()}


@pytest.fixture
def source_sets(db) -> dict[str, SourceSet]:
    sources_load()
    return {s.code: s for s in SourceSet.objects.all()}


def make_model(commune, *, revenue=None, year: int = 2014, sector="livestock", name="Mô hình", start_year=2011):
    """A production model of `commune` with `revenue` (million VND) in `year` (no figures when None)."""
    model = ProductionModel.objects.create(
        name=name, commune=commune, owner_kind="household", sector=sector, start_year=start_year
    )
    if revenue is not None:
        ModelYear.objects.create(model=model, year=year, revenue=Decimal(str(revenue)))
    return model
