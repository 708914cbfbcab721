"""The "Production and resources" page: its figures are the sections' selectors (checked against independent
counts in each app's tests), it shows them, and it runs the same number of queries as the data grows."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from capital.models import CapitalLine, CapitalSource
from communes.models import Commune
from ocop.models import OcopProduct, OcopRating
from ocop.rules import add_months
from production.models import Enterprise
from tests.conftest import client_for
from tests.production.test_board import generate
from tests.resources_fixtures import make_model
from trainings.models import Training

YEAR = 2014


def _grow(province, districts, n: int, source_sets, ocop_rules) -> None:
    """n communes with models, enterprises, OCOP products, capital lines and trainings."""
    generate(province, districts, n, seed=n)
    leaf = CapitalSource.objects.get(source_set=source_sets["NTM_2011_2015"], code="IV")
    rule = ocop_rules["148/2023"]
    for i, commune in enumerate(Commune.objects.filter(code__startswith="7")):
        Enterprise.objects.create(
            name=f"HTX {i}", kind="cooperative", commune=commune, founded_on=datetime.date(2012, 1, 1), sector="crops"
        )
        product = OcopProduct.objects.create(name=f"SP {i}", commune=commune, group="food")
        day = add_months(datetime.date.today(), -12)  # valid for two more years
        OcopRating(
            product=product,
            rule=rule,
            score_a=Decimal(30),
            score_b=Decimal(20),
            score_c=Decimal(25),
            level="province",
            decision_number="1",
            decision_date=day,
            recognised_on=day,
        ).save()
        CapitalLine.objects.create(
            year=YEAR,
            period="year",
            kind="mobilised",
            level="commune",
            commune=commune,
            district=commune.district,
            source=leaf,
            amount=Decimal(10 + i),
        )
        training = Training.objects.create(
            title=f"Lớp {i}",
            kind="course",
            level="commune",
            organiser="UBND xã",
            starts_on=datetime.date(YEAR, 3, 1),
            ends_on=datetime.date(YEAR, 3, 1),
            participants=30,
        )
        training.communes.set([commune])


def test_the_page_shows_each_section(
    leadership,
    province,
    district,
    other_district,
    thresholds,
    source_sets,
    ocop_rules,
):
    _grow(province, [district, other_district], 10, source_sets, ocop_rules)
    response = client_for(leadership).get(reverse("dashboard:resources"), {"year": YEAR})
    assert response.status_code == 200
    page = response.content.decode()
    for section in ("production", "enterprises", "ocop", "capital", "trainings"):
        assert f'id="section-{section}"' in page
    ctx = response.context
    assert ctx["production"].province.communes == 10
    assert ctx["capital"].current.total == sum(Decimal(10 + i) for i in range(10))
    assert ctx["trainings"].total.year.participants == 300
    assert ctx["ocop"].province.valid == 10
    assert 'id="resources-chart-data"' in page


@pytest.mark.parametrize("communes", [6, 60])
def test_the_page_runs_a_fixed_number_of_queries(
    communes,
    office,
    province,
    district,
    other_district,
    thresholds,
    source_sets,
    ocop_rules,
    django_assert_max_num_queries,
):
    _grow(province, [district, other_district], communes, source_sets, ocop_rules)
    client = client_for(office)
    client.get(reverse("dashboard:resources"), {"year": YEAR})  # warm the session
    with django_assert_max_num_queries(23):
        assert client.get(reverse("dashboard:resources"), {"year": YEAR}).status_code == 200


def test_the_main_dashboard_links_to_the_page(leadership, commune, small_set):
    page = client_for(leadership).get(reverse("dashboard:home")).content.decode()
    assert 'id="resources-link"' in page


@pytest.mark.parametrize(
    "url_name",
    [
        "production:model_list",
        "production:enterprise_list",
        "ocop:list",
        "capital:list",
        "capital:report",
        "trainings:list",
    ],
)
@pytest.mark.parametrize("communes", [6, 60])
def test_the_lists_run_a_fixed_number_of_queries(
    url_name,
    communes,
    office,
    province,
    district,
    other_district,
    thresholds,
    source_sets,
    ocop_rules,
    django_assert_max_num_queries,
):
    _grow(province, [district, other_district], communes, source_sets, ocop_rules)
    client = client_for(office)
    client.get(reverse(url_name), {"year": YEAR})
    with django_assert_max_num_queries(10):
        assert client.get(reverse(url_name), {"year": YEAR}).status_code == 200


def test_a_new_model_moves_the_share(office, province, commune, thresholds):
    make_model(commune, revenue=2000)
    make_model(commune, revenue=700)
    client = client_for(office)
    before = client.get(reverse("dashboard:resources"), {"year": YEAR}).context["production"].province.share
    make_model(commune, revenue=150)
    after = client.get(reverse("dashboard:resources"), {"year": YEAR}).context["production"].province.share
    assert (before, after) == (0.0, 100.0)
