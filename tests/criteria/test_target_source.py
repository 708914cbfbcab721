"""A target's source (where its value comes from) is edited in the admin and kept in its history."""

import pytest
from django.urls import reverse

from criteria.models import Target
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_office_records_a_targets_source_in_the_admin_and_the_history_keeps_it(office, small_set):
    target = Target.objects.get(indicator__criterion__criteria_set=small_set, indicator__code="1.1", target_class="BTB")
    client = client_for(office)
    response = client.post(
        reverse("admin:criteria_target_change", args=[target.pk]),
        {
            "indicator": target.indicator_id,
            "target_class": target.target_class,
            "from_year": "",
            "province": "",
            "value": "70",
            "verified": "on",
            "source": "QĐ 342/QĐ-TTg, phụ lục",
            "note": "",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.verified, target.source) == (True, "QĐ 342/QĐ-TTg, phụ lục")
    assert target.history.latest("history_date").source == "QĐ 342/QĐ-TTg, phụ lục"
    listing = client.get(reverse("admin:criteria_target_changelist")).content.decode()
    assert "QĐ 342/QĐ-TTg, phụ lục" in listing


def test_the_indicator_page_edits_the_source_of_each_target(office, ind):
    page = client_for(office).get(reverse("admin:criteria_indicator_change", args=[ind["1.1"].pk])).content.decode()
    assert 'name="targets-0-source"' in page
