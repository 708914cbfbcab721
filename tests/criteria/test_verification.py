"""The verification readings of 30/11/2026 in the criteria fixture: values added with their source, values
contradicted kept and flagged disputed with both readings, shown apart from unverified ones."""

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from communes.models import Commune
from criteria.fixture_builder import apply_verification
from criteria.loader import criteria_load
from criteria.models import Target
from tests.conftest import client_for


@pytest.fixture
def loaded(db):
    criteria_load(json.loads(settings.NTM_CRITERIA_FIXTURE.read_text(encoding="utf-8")))


def _target(set_code: str, code: str, target_class: str, from_year=None) -> Target:
    return Target.objects.get(
        indicator__criterion__criteria_set__code=set_code,
        indicator__code=code,
        target_class=target_class,
        from_year=from_year,
        province=None,
    )


def _reading(set_code, criterion, code, targets, quote="«quote»"):
    return {
        "set": set_code,
        "criterion": criterion,
        "indicator_code": code,
        "targets": targets,
        "source": {"title": "Báo X", "url_or_repo_path": "https://example.org/x", "quote_vi": quote},
    }


def test_a_missing_value_is_added_unverified_with_its_source_and_a_contradiction_is_flagged():
    fixture = {
        "sets": [
            {
                "code": "NTM_2009_491",
                "criteria": [
                    {
                        "number": 11,
                        "indicators": [
                            {
                                "code": "11.1",
                                "kind": "percentage",
                                "targets": [
                                    {"class": "BTB", "from_year": None, "value": "7", "verified": False, "note": ""},
                                    {"class": "DBSH", "from_year": None, "value": "3", "verified": False, "note": ""},
                                ],
                            }
                        ],
                    }
                ],
            }
        ]
    }
    apply_verification(fixture, [_reading("NTM_2009_491", 11, "11.1", {"BTB": 5, "DBSH": 3, "TN": 7})])
    targets = {t["class"]: t for t in fixture["sets"][0]["criteria"][0]["indicators"][0]["targets"]}
    assert targets["BTB"]["value"] == "7" and targets["BTB"]["disputed"] is True
    assert "7 is kept" in targets["BTB"]["note"] and "reads 5" in targets["BTB"]["note"]
    assert "https://example.org/x" in targets["BTB"]["note"] and "«quote»" in targets["BTB"]["note"]
    assert "disputed" not in targets["DBSH"]  # agrees: left as it was
    assert targets["TN"]["value"] == "7" and targets["TN"]["verified"] is False
    assert targets["TN"]["note"].startswith("Added from a secondary source: Báo X <https://example.org/x>")


def test_the_fixture_carries_the_added_thresholds_with_their_provenance(loaded):
    income_2022 = _target("NTM_2021_318", "10.1", "BTB", 2022)
    assert income_2022.value == Decimal("39") and not income_2022.verified and not income_2022.disputed
    assert "Added from a secondary source" in income_2022.note and "39 triệu" in income_2022.note
    assert _target("NTM_2021_318", "10.1", "", 2022).value == Decimal("48")
    assert _target("NTM_2016_1980", "11.1", "BTB").value == Decimal("5")
    assert _target("NTM_2016_1980", "11.1", "TDMNPB").value == Decimal("12")
    assert _target("NTM_2013_342", "10.1", "BTB", 2015).value == Decimal("18")
    assert _target("NTM_2013_342", "10.1", "BTB", 2014).value == Decimal("17")  # MARD's yearly value stays


def test_contradicted_values_are_kept_and_flagged_disputed_with_both_readings(loaded):
    poverty = _target("NTM_2009_491", "11.1", "BTB")
    assert poverty.value == Decimal("7") and poverty.disputed
    assert "7 is kept" in poverty.note and "reads 5" in poverty.note and "agro.gov.vn" in poverty.note
    assert _target("NTM_2009_491", "2.2", "TN").disputed and _target("NTM_2009_491", "2.2", "TN").value == 50
    assert not _target("NTM_2009_491", "2.2", "BTB").disputed  # 70 in both
    assert _target("NTM_2013_342", "11.1", "BTB").disputed  # 342/2013 carries 491's criterion 11
    national_2020 = _target("NTM_2013_342", "10.1", "", 2020)
    assert national_2020.disputed and "44 is kept" in national_2020.note and "reads 40" in national_2020.note


def test_the_admin_lists_disputed_targets_apart_from_unverified_ones(loaded, office):
    client = client_for(office)
    url = reverse("admin:criteria_target_changelist")
    page = client.get(url, {"disputed__exact": "1"})
    assert page.status_code == 200
    shown = page.context["cl"].result_count
    assert shown == Target.objects.filter(disputed=True).count() == 9
    assert "⚑" in page.content.decode()
    unverified = client.get(url, {"disputed__exact": "0", "verified__exact": "0"}).content.decode()
    assert "⚠" in unverified


def test_the_scorecard_flags_a_disputed_target_apart(province, office, loaded):
    commune = Commune.objects.create(code="18256", name="Xã Tùng Ảnh", province=province)
    page = client_for(office).get(reverse("communes:scorecard", args=[commune.pk]), {"year": 2011}).content.decode()
    assert 'id="disputed-note"' in page
    poverty = _row(page, "11.1")
    assert "data-disputed" in poverty and "reads 5" in poverty
    assert "data-disputed" not in _row(page, "2.1") and "unverified-flag" in _row(page, "2.1")  # merely unverified


def _row(page: str, code: str) -> str:
    row = page[page.index(f'data-indicator="{code}"') :]
    return row[: row.index("</tr>")]
