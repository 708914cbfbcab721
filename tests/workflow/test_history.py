"""Every change leaves a history row with who, when, the old and the new value, bulk writes included."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext

from communes.models import Assessment, Commune, CommuneYear, Registration
from communes.services import assessments_recompute
from criteria.models import Target
from tests.conftest import client_for
from workflow.models import Evidence
from workflow.rules import Action
from workflow.services import (
    commune_year_transition,
    evidence_add,
    evidence_delete,
    registration_create,
    registration_delete,
)

from .conftest import ALL_MET, DETAILS, YEAR, move_to, record
from .files import ACCEPTED


@pytest.fixture(autouse=True)
def _a_set_in_force(small_set):
    """The year URLs exist only for years a criteria set covers (2013-2015 here)."""


def history_url(commune, year: int = YEAR) -> str:
    return reverse("workflow:history", args=[commune.pk, year])


def test_a_save_leaves_one_row_per_value_written_with_the_user(commune, ind, district_officer):
    assert record(commune, ALL_MET, user=district_officer) == 4  # one bulk insert
    rows = Assessment.history.filter(commune_id=commune.pk, year=YEAR)
    assert sorted((r.indicator.code, r.history_type) for r in rows) == [
        ("1.1", "+"),
        ("1.2", "+"),
        ("2.1", "+"),
        ("3.1", "+"),
    ]
    assert {r.history_user for r in rows} == {district_officer}


def test_bulk_updates_and_clears_leave_a_row_each_with_the_old_value_still_readable(commune, ind, office):
    record(commune, ALL_MET, user=office)
    assert record(commune, {"1.1": Decimal("80"), "2.1": Decimal("16"), "1.2": None}, user=office) == 3
    rows = Assessment.history.filter(commune_id=commune.pk, year=YEAR).order_by("history_date", "history_id")
    latest = {r.indicator.code: r for r in rows}
    assert (latest["1.1"].history_type, latest["1.1"].percent) == ("~", Decimal("80.00"))
    assert (latest["2.1"].history_type, latest["2.1"].amount, latest["2.1"].meets) == ("~", Decimal("16.000"), False)
    assert latest["1.2"].history_type == "-" and latest["1.2"].history_user == office
    assert rows.count() == 4 + 3
    unchanged = record(commune, {"1.1": Decimal("80")}, user=office)
    assert unchanged == 0 and rows.count() == 7  # nothing written, nothing recorded


def test_the_history_tab_shows_old_and_new_values_and_who(commune, ind, office, district_officer):
    district_officer.first_name, district_officer.last_name = "Trần Thị", "Đức"
    district_officer.save()
    record(commune, {"1.1": Decimal("60")}, user=district_officer)
    record(commune, {"1.1": Decimal("75.5")}, user=office)
    response = client_for(district_officer).get(history_url(commune))
    assert response.status_code == 200
    values = [(r.kind, r.subject[:3], r.old, r.new, r.user) for r in response.context["rows"] if r.kind == "value"]
    assert values == [
        ("value", "1.1", "60 %", "75,5 %", office),
        ("value", "1.1", "—", "60 %", district_officer),
    ]
    assert "Trần Thị Đức" in response.content.decode()


def test_a_recomputation_after_a_target_change_is_recorded_in_bulk(commune, ind, office, small_set):
    record(commune, {"2.1": Decimal("16")}, user=office)  # 16 < 17: not met in 2014
    target = Target.objects.get(indicator=ind["2.1"], from_year=2014)
    target.value = Decimal("15")
    target._history_user = office
    target.save()  # the results it affects are recomputed in the same transaction (communes/summary.py)
    assert assessments_recompute(criteria_set=small_set) == 0  # nothing left to do
    latest = Assessment.history.filter(commune_id=commune.pk, indicator_id=ind["2.1"].pk).latest("history_date")
    assert (latest.history_type, latest.meets) == ("~", True)
    assert Target.history.filter(id=target.pk).latest("history_date").history_user == office
    rows = client_for(office).get(history_url(commune)).context["rows"]
    assert [(r.old, r.new) for r in rows if r.kind == "value"][0] == (gettext("Not met"), gettext("Met"))


def test_every_state_change_is_recorded_with_its_details(complete, office):
    move_to(complete, CommuneYear.State.RECOGNISED, office)
    commune_year_transition(
        commune=complete, year=YEAR, action=Action.REOPEN, user=office, details=DETAILS[Action.REOPEN]
    )
    rows = client_for(office).get(history_url(complete)).context["rows"]
    states = [(r.old, r.new, r.user) for r in rows if r.kind == "state"][::-1]
    labels = [str(label) for label in (CommuneYear.State.DRAFT.label, CommuneYear.State.SUBMITTED.label)]
    assert [state[:2] for state in states][0] == tuple(labels)
    assert len(states) == 5 and {state[2] for state in states} == {office}
    notes = [r.note for r in rows if r.kind == "state"]
    assert notes[0] == "Sửa số liệu thu nhập." and "3456/QĐ-UBND" in notes[1]


def test_the_commune_record_keeps_its_changes(commune, office):
    commune.recognition_decision, commune.recognition_date = "12/QĐ-UBND", datetime.date(2013, 12, 20)
    commune._history_user = office
    commune.save()
    rows = [r for r in client_for(office).get(history_url(commune)).context["rows"] if r.kind == "commune"]
    changed = {(r.old, r.new) for r in rows}
    assert ("—", "12/QĐ-UBND") in changed and ("—", "20/12/2013") in changed


def test_registrations_and_evidence_are_recorded(commune, ind, office):
    registration = registration_create(commune=commune, year=YEAR, user=office)
    registration_delete(registration=registration, user=office)
    name, content, _type = ACCEPTED["pdf"]
    evidence = evidence_add(
        commune=commune,
        year=YEAR,
        indicator=ind["1.1"],
        upload=SimpleUploadedFile(name, content),
        title="BB",
        user=office,
    )
    evidence_delete(evidence=evidence, user=office)
    assert [r.history_type for r in Registration.history.order_by("history_date")] == ["+", "-"]
    assert [r.history_type for r in Evidence.history.order_by("history_date")] == ["+", "-"]
    kinds = [r.kind for r in client_for(office).get(history_url(commune)).context["rows"]]
    assert kinds.count("registration") == 2 and kinds.count("evidence") == 2


def test_the_gso_import_records_every_commune_it_creates(db):
    call_command("import_divisions", verbosity=0)
    assert Commune.history.filter(history_type="+").count() == Commune.objects.count() > 200


def test_the_demo_seed_records_its_bulk_writes(db):
    call_command("load_criteria", verbosity=0)
    call_command("import_divisions", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert Assessment.history.count() == Assessment.objects.count()
    assert CommuneYear.history.count() == CommuneYear.objects.count() > 0
    assert Registration.history.count() == Registration.objects.count() > 0
    recognised = Commune.objects.exclude(recognition_date=None)
    assert Commune.history.filter(history_type="~", recognition_date__isnull=False).count() >= recognised.count()
    assert CommuneYear.objects.filter(state="recognised").count() == recognised.count() == 52
    assert CommuneYear.objects.filter(state="appraised", year=2015).count() == 3


@pytest.mark.parametrize("user_name", ["office", "district_officer", "leadership"])
def test_office_leadership_and_the_communes_district_read_the_history(request, commune, user_name):
    client = client_for(request.getfixturevalue(user_name))
    assert client.get(history_url(commune)).status_code == 200
    scorecard = client.get(reverse("communes:scorecard", args=[commune.pk]), {"year": YEAR})
    assert history_url(commune) in scorecard.content.decode()


def test_another_districts_officer_neither_sees_the_tab_nor_opens_the_history(other_district_officer, commune):
    client = client_for(other_district_officer)
    assert client.get(history_url(commune)).status_code == 403
    scorecard = client.get(reverse("communes:scorecard", args=[commune.pk]), {"year": YEAR})
    assert history_url(commune) not in scorecard.content.decode()


def test_anonymous_users_are_sent_to_log_in(anonymous, commune):
    response = anonymous.get(history_url(commune))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_leadership_reads_the_admin_history_but_cannot_revert_from_it(leadership, office, commune, ind):
    record(commune, {"1.1": Decimal("60")}, user=office)
    record(commune, {"1.1": Decimal("75")}, user=office)
    assessment = Assessment.objects.get(commune=commune, indicator=ind["1.1"])
    first = Assessment.history.filter(id=assessment.pk).earliest("history_date")
    client = client_for(leadership)
    assert client.get(reverse("admin:communes_assessment_history", args=[assessment.pk])).status_code == 200
    url = reverse("admin:communes_assessment_simple_history", args=[assessment.pk, first.history_id])
    response = client.post(url, {"commune": commune.pk, "indicator": ind["1.1"].pk, "year": YEAR, "percent": "60"})
    assert response.status_code == 403
    assert Assessment.objects.get(pk=assessment.pk).percent == Decimal("75.00")
