"""A commune is proposed for recognition only with every criterion met and every required evidence given."""

from decimal import Decimal
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.models import CommuneYear
from tests.conftest import client_for
from workflow.proposal import proposal_check, proposal_gaps
from workflow.rules import Action
from workflow.services import evidence_add

from .conftest import ALL_MET, DETAILS, YEAR, move_to, record
from .files import ACCEPTED


def test_the_gaps_are_the_criteria_not_met_and_the_indicators_without_evidence():
    criteria = [SimpleNamespace(number=n) for n in (1, 2, 3)]
    indicators = [SimpleNamespace(pk=pk) for pk in (10, 11, 12)]
    not_met, missing = proposal_gaps(
        criteria=criteria, met_numbers={1, 3}, needs_evidence=indicators, evidenced_ids={11}
    )
    assert [c.number for c in not_met] == [2]
    assert [i.pk for i in missing] == [10, 12]
    assert proposal_gaps(criteria=criteria, met_numbers={1, 2, 3}, needs_evidence=[], evidenced_ids=[]) == ([], [])


def test_the_check_reads_the_values_and_the_evidence(commune, ind):
    record(commune, {**ALL_MET, "3.1": Decimal("9")})
    ind["1.2"].needs_evidence = True
    ind["1.2"].save()
    check = proposal_check(commune=commune, year=YEAR)
    assert not check.complete
    assert [c.number for c in check.criteria_not_met] == [3]
    assert [i.code for i in check.evidence_missing] == ["1.2"]
    record(commune, {"3.1": Decimal("5")})
    name, content, _type = ACCEPTED["pdf"]
    upload = SimpleUploadedFile(name, content)
    evidence_add(commune=commune, year=YEAR, indicator=ind["1.2"], upload=upload, title="QĐ quy hoạch", user=None)
    assert proposal_check(commune=commune, year=YEAR).complete


def test_a_year_without_a_criteria_set_is_never_complete(commune, small_set):
    assert not proposal_check(commune=commune, year=2030).complete


def test_recognition_waits_for_the_evidence_and_the_page_lists_what_is_missing(complete, ind, office):
    ind["1.2"].needs_evidence = True
    ind["1.2"].save()
    move_to(complete, CommuneYear.State.VERIFIED, office)
    url = reverse("workflow:transition", args=[complete.pk, YEAR, Action.APPRAISE.value])
    version = CommuneYear.of(complete, YEAR).version
    data = {"version": version, "council_date": "10/12/2014", "council_result": "approved"}
    response = client_for(office).post(url, data)
    assert response.status_code == 409
    assert [i.code for i in response.context["check"].evidence_missing] == ["1.2"]
    assert CommuneYear.of(complete, YEAR).state == CommuneYear.State.VERIFIED
    assert DETAILS[Action.APPRAISE].council_result == "approved"
