"""Two people editing the same commune-year: the second save is refused, shows what changed, overwrites nothing."""

from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from communes.locking import StaleVersion
from communes.models import Assessment, CommuneYear
from tests.conftest import client_for

from .conftest import ALL_MET, YEAR, record


def entry_url(commune) -> str:
    return reverse("communes:entry", args=[commune.pk, YEAR])


def field(ind, code: str) -> str:
    return f"ind_{ind[code].pk}"


def posted(form) -> dict[str, str]:
    """The data a browser would post back unchanged: every field as its widget writes it into the page."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is not None and not isinstance(bound.field.widget, forms.Select):
            value = bound.field.widget.format_value(value)
        data[bound.html_name] = "" if value is None else str(value)
    return data


def opened_form(client, commune) -> dict[str, str]:
    return posted(client.get(entry_url(commune)).context["form"])


def percent(commune, ind, code: str):
    return Assessment.objects.get(commune=commune, year=YEAR, indicator=ind[code]).percent


def test_the_second_save_from_the_same_version_is_refused_and_shows_the_first(commune, ind, office, district_officer):
    record(commune, ALL_MET)
    first, second = client_for(office), client_for(district_officer)
    first_form, second_form = opened_form(first, commune), opened_form(second, commune)
    assert first_form["version"] == second_form["version"] == "1"

    assert first.post(entry_url(commune), {**first_form, field(ind, "1.1"): "90"}).status_code == 302
    response = second.post(entry_url(commune), {**second_form, field(ind, "1.1"): "71", field(ind, "3.1"): "4"})

    assert response.status_code == 409
    assert percent(commune, ind, "1.1") == Decimal("90.00")  # the first save stands
    assert percent(commune, ind, "3.1") == Decimal("5.00")  # and nothing of the second was written
    changes = response.context["changes"]
    assert [(c["indicator"].code, c["user"]) for c in changes] == [("1.1", office)]
    assert CommuneYear.of(commune, YEAR).version == 2


def test_the_refused_form_keeps_the_second_persons_other_values_and_shows_the_first_ones(
    commune, ind, office, district_officer
):
    record(commune, ALL_MET)
    first, second = client_for(office), client_for(district_officer)
    first_form, second_form = opened_form(first, commune), opened_form(second, commune)
    first.post(entry_url(commune), {**first_form, field(ind, "1.1"): "90"})
    response = second.post(entry_url(commune), {**second_form, field(ind, "1.1"): "71", field(ind, "3.1"): "4"})
    form = response.context["form"]
    assert form["version"].value() == 2
    assert form[field(ind, "1.1")].value() == Decimal("90.00")  # theirs, seen before saving again
    assert form[field(ind, "3.1")].value() == Decimal("4")  # ours, kept

    again = posted(form)
    assert second.post(entry_url(commune), again).status_code == 302
    assert (percent(commune, ind, "1.1"), percent(commune, ind, "3.1")) == (Decimal("90.00"), Decimal("4.00"))


def test_the_service_refuses_an_old_version_with_who_changed_what(commune, ind, office):
    record(commune, {"1.1": Decimal("60")})
    version = CommuneYear.of(commune, YEAR).version
    record(commune, {"1.1": Decimal("75"), "1.2": True}, user=office, expected_version=version)
    with pytest.raises(StaleVersion) as stale:
        record(commune, {"1.1": Decimal("10")}, expected_version=version)
    changes = {c.indicator.code: (c.value, c.user) for c in stale.value.changes}
    assert changes == {"1.1": (Decimal("75.00"), office), "1.2": (True, office)}
    assert percent(commune, ind, "1.1") == Decimal("75.00")


def test_a_cleared_value_is_reported_as_cleared(commune, ind, office):
    record(commune, {"1.1": Decimal("60")})
    version = CommuneYear.of(commune, YEAR).version
    record(commune, {"1.1": None}, user=office)
    with pytest.raises(StaleVersion) as stale:
        record(commune, {"1.1": Decimal("10")}, expected_version=version)
    assert [(c.indicator.code, c.value) for c in stale.value.changes] == [("1.1", None)]


def test_a_save_that_changes_nothing_keeps_the_version(commune, ind):
    record(commune, ALL_MET)
    version = CommuneYear.of(commune, YEAR).version
    assert record(commune, ALL_MET, expected_version=version) == 0
    assert CommuneYear.of(commune, YEAR).version == version


def test_a_form_from_before_any_value_carries_version_zero(district_officer, commune, ind):
    client = client_for(district_officer)
    assert opened_form(client, commune)["version"] == "0"
    assert client.post(entry_url(commune), {field(ind, "1.1"): "75", "version": "0"}).status_code == 302
    assert client.post(entry_url(commune), {field(ind, "1.1"): "76", "version": "0"}).status_code == 409
    assert percent(commune, ind, "1.1") == Decimal("75.00")
