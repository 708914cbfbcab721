"""The authorization matrix after 1/7/2025: a district officer's scope is the set of communes office staff
assigned to them (the new communes have no district); before, it was their district's communes (the main matrix,
`tests/test_authorization_matrix.py`, in 2014). Same vocabulary: `tests/authz_rows.py`."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts import policy
from communes.models import Commune
from criteria.models import Indicator
from tests.authz_rows import ROLES, row
from tests.communes.reform import make_reformed, make_set_2026
from tests.conftest import client_for
from tests.test_authorization_matrix import PDF
from workflow.services import evidence_add

YEAR = 2026

# The rows of the commune pages, as in 2014: the officer the commune is assigned to is "own", another is "other".
EXPECTED = {
    "communes:entry": {"GET": row("login", 403, 200, 403, 200), "POST": row("login", 403, 302, 403, 302)},
    "communes:scorecard": {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 405, 405, 405, 405)},
    "workflow:commune_year": {"GET": row("login", 200, 200, 200, 200), "POST": row("login", 405, 405, 405, 405)},
    "workflow:transition": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 400, 403, 400)},
    "workflow:evidence_upload": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 400, 403, 400)},
    "workflow:evidence_download": {"GET": row("login", 200, 200, 403, 200), "POST": row("login", 405, 405, 405, 405)},
    "workflow:evidence_delete": {"GET": row("login", 405, 405, 405, 405), "POST": row("login", 403, 302, 403, 302)},
}


@pytest.fixture
def world(
    db,
    office,
    district_officer,
    other_district_officer,
    leadership,
    commune,
    second_commune,
    other_commune,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    reformed = make_reformed(commune, second_commune, other_commune)
    set_2026 = make_set_2026()
    district_officer.profile.communes.add(reformed.duc_tho)
    other_district_officer.profile.communes.add(reformed.ky_tay)
    evidence = evidence_add(
        commune=reformed.duc_tho,
        year=YEAR,
        indicator=Indicator.objects.get(criterion__criteria_set=set_2026),
        upload=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        title="Biên bản",
        user=office,
    )
    subject = reformed.duc_tho.pk
    kwargs = {
        "communes:entry": {"pk": subject, "year": YEAR},
        "communes:scorecard": {"pk": subject},
        "workflow:commune_year": {"pk": subject, "year": YEAR},
        "workflow:transition": {"pk": subject, "year": YEAR, "action": "submit"},
        "workflow:evidence_upload": {"pk": subject, "year": YEAR},
        "workflow:evidence_download": {"pk": evidence.pk},
        "workflow:evidence_delete": {"pk": evidence.pk},
    }
    users = {
        "anonymous": None,
        "leadership": leadership,
        "district_officer": district_officer,
        "other_district_officer": other_district_officer,
        "office": office,
    }
    return {"users": users, "kwargs": kwargs, "reformed": reformed}


def _answer(world, name: str, role: str, method: str):
    user = world["users"][role]
    client = client_for(user) if user else Client()
    url = reverse(name, kwargs=world["kwargs"][name])
    response = client.get(url) if method == "GET" else client.post(url, {})
    if response.status_code == 302 and "/login" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_answer_after_the_reform_matches_the_matrix(world, name, method, role):
    assert _answer(world, name, role, method) == EXPECTED[name][method][role]


def test_the_scope_is_the_assigned_communes_not_the_former_district(world, district_officer, commune):
    reformed = world["reformed"]
    formed_from_own_district_unassigned = Commune.objects.create(
        code="18999", name="Xã Chưa Giao", province=commune.province, valid_from=reformed.duc_tho.valid_from
    )
    formed_from_own_district_unassigned.formed_from.add(commune)

    assert policy.can_edit_commune(district_officer, reformed.duc_tho)
    assert not policy.can_edit_commune(district_officer, formed_from_own_district_unassigned)
    assert not policy.can_edit_commune(district_officer, reformed.ky_tay)
    assert policy.can_edit_commune(district_officer, commune)  # its district's communes before the reform
    editable = policy.editable_communes(district_officer, Commune.objects.all())
    assert set(editable.values_list("name", flat=True)) == {"Xã Tùng Ảnh", "Xã Đức Lạng", "Xã Đức Thọ"}
