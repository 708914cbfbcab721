"""The dashboard says how many targets of the year's set are not verified against the official text."""

from django.urls import reverse

from criteria.models import Target
from tests.conftest import client_for


def test_the_dashboard_counts_the_unverified_targets_of_the_years_set(office, commune, small_set):
    Target.objects.filter(pk__in=Target.objects.order_by("pk").values("pk")[:2]).update(verified=True)

    response = client_for(office).get(reverse("dashboard:home"), {"year": 2014})

    board = response.context["board"]
    assert (board.targets_unverified, board.targets_total) == (4, 6)
    page = response.content.decode()
    assert 'id="unverified-targets"' in page and "verified__exact=0" in page


def test_no_notice_when_every_target_is_verified(leadership, commune, small_set):
    Target.objects.update(verified=True)

    page = client_for(leadership).get(reverse("dashboard:home"), {"year": 2014}).content.decode()

    assert 'id="unverified-targets"' not in page
