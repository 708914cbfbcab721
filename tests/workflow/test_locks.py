"""Submitted, verified, appraised and recognised years cannot be changed: not by the form, a crafted POST,
the service, the admin, nor by attaching evidence; office staff reopen (or return) them first."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from communes.locking import YearLocked, commune_years_lock
from communes.models import Assessment, CommuneYear
from tests.conftest import client_for
from workflow.rules import Action
from workflow.services import commune_year_transition, evidence_add

from .conftest import DETAILS, YEAR, move_to, record

S = CommuneYear.State
LOCKED = [S.SUBMITTED, S.VERIFIED, S.APPRAISED, S.RECOGNISED]


def values(commune) -> dict[str, tuple]:
    return {
        a.indicator.code: (a.yes_no, a.percent, a.amount)
        for a in Assessment.objects.filter(commune=commune, year=YEAR).select_related("indicator")
    }


def entry_url(commune) -> str:
    return reverse("communes:entry", args=[commune.pk, YEAR])


@pytest.fixture(params=LOCKED)
def locked(request, complete, office):
    move_to(complete, request.param, office)
    return complete


def test_the_entry_form_of_a_locked_year_offers_no_form(locked, district_officer):
    response = client_for(district_officer).get(entry_url(locked))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert response.context["commune_year"].is_locked


@pytest.mark.parametrize("user_name", ["office", "district_officer"])
def test_a_crafted_post_to_a_locked_year_saves_nothing(request, locked, ind, user_name):
    before = values(locked)
    version = CommuneYear.of(locked, YEAR).version
    data = {f"ind_{ind['1.1'].pk}": "12", f"ind_{ind['1.2'].pk}": "", "version": str(version)}
    response = client_for(request.getfixturevalue(user_name)).post(entry_url(locked), data)
    assert response.status_code == 409
    assert values(locked) == before
    assert CommuneYear.of(locked, YEAR).version == version


def test_the_service_refuses_a_locked_year(locked, ind, office):
    before = values(locked)
    with pytest.raises(YearLocked) as refused:
        record(locked, {"1.1": Decimal("12"), "1.2": None}, user=office)
    assert [cy.commune_id for cy in refused.value.commune_years] == [locked.pk]
    assert values(locked) == before


def test_the_guard_lists_every_locked_commune_for_an_import(complete, second_commune, other_commune, office):
    move_to(complete, S.SUBMITTED, office)
    record(other_commune, {"1.1": 10})
    move_to(other_commune, S.VERIFIED, office)
    with pytest.raises(YearLocked) as refused, transaction.atomic():
        commune_years_lock(commune_ids=[complete.pk, second_commune.pk, other_commune.pk], year=YEAR)
    assert sorted(cy.commune_id for cy in refused.value.commune_years) == sorted([complete.pk, other_commune.pk])


@pytest.mark.django_db(transaction=True)
def test_the_guard_must_run_inside_a_transaction(commune):
    with pytest.raises(RuntimeError):
        commune_years_lock(commune_ids=[commune.pk], year=YEAR)


def test_the_admin_cannot_change_or_delete_a_value_of_a_locked_year(locked, office):
    assessment = Assessment.objects.filter(commune=locked, year=YEAR).first()
    client = client_for(office)
    change_url = reverse("admin:communes_assessment_change", args=[assessment.pk])
    response = client.post(change_url, {"commune": locked.pk, "indicator": assessment.indicator_id, "year": YEAR})
    assert response.status_code == 403
    delete_url = reverse("admin:communes_assessment_delete", args=[assessment.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_the_admin_cannot_add_a_value_to_a_locked_year(locked, ind, office):
    Assessment.objects.filter(commune=locked, year=YEAR, indicator=ind["2.1"]).delete()
    response = client_for(office).post(
        reverse("admin:communes_assessment_add"),
        {"commune": locked.pk, "indicator": ind["2.1"].pk, "year": YEAR, "amount": "30", "note": ""},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "year_locked" in [e.code for e in response.context["adminform"].form.non_field_errors().as_data()]
    assert not Assessment.objects.filter(commune=locked, year=YEAR, indicator=ind["2.1"]).exists()


def test_evidence_cannot_be_attached_to_a_locked_year(locked, ind, district_officer):
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", content_type="application/pdf")
    with pytest.raises(YearLocked):
        evidence_add(commune=locked, year=YEAR, indicator=ind["1.1"], upload=pdf, title="Biên bản", user=None)
    response = client_for(district_officer).post(
        reverse("workflow:evidence_upload", args=[locked.pk, YEAR]),
        {"indicator": ind["1.1"].pk, "title": "Biên bản", "file": pdf},
    )
    assert response.status_code == 409
    assert not locked.commune_years.get(year=YEAR).evidence.exists()


@pytest.mark.parametrize("state", [S.DRAFT, S.RETURNED])
def test_draft_and_returned_years_are_open_to_the_district(complete, office, district_officer, ind, state):
    move_to(complete, state, office)
    version = CommuneYear.of(complete, YEAR).version
    data = {f"ind_{ind['1.1'].pk}": "81", "version": str(version)}
    response = client_for(district_officer).post(entry_url(complete), data)
    assert response.status_code == 302
    assert values(complete)["1.1"] == (None, Decimal("81.00"), None)


def test_a_reopened_year_can_be_changed_again(complete, office):
    move_to(complete, S.RECOGNISED, office)
    with pytest.raises(YearLocked):
        record(complete, {"1.1": 90}, user=office)
    commune_year_transition(
        commune=complete, year=YEAR, action=Action.REOPEN, user=office, details=DETAILS[Action.REOPEN]
    )
    assert record(complete, {"1.1": 90}, user=office) == 1


def test_the_scorecard_hides_the_entry_link_of_a_locked_year(locked, district_officer):
    response = client_for(district_officer).get(reverse("communes:scorecard", args=[locked.pk]), {"year": YEAR})
    assert response.context["can_edit"] is False
    assert entry_url(locked) not in response.content.decode()
