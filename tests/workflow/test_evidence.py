"""Evidence files: stored under names nobody can guess, served only to those who may read the dossier."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.models import CommuneYear
from tests.conftest import client_for
from workflow.models import Evidence
from workflow.services import evidence_add

from .conftest import YEAR, move_to
from .files import ACCEPTED, REFUSED


def attach(commune, indicator, kind: str = "pdf", **kwargs) -> Evidence:
    name, content, _type = ACCEPTED[kind]
    upload = SimpleUploadedFile(name, content)
    return evidence_add(commune=commune, year=YEAR, indicator=indicator, upload=upload, title="x", user=None, **kwargs)


def page_url(commune) -> str:
    return reverse("workflow:commune_year", args=[commune.pk, YEAR])


def upload_url(commune, year: int = YEAR) -> str:
    return reverse("workflow:evidence_upload", args=[commune.pk, year])


def post_file(client, commune, indicator, name: str, content: bytes, **extra):
    data = {
        "indicator": indicator.pk,
        "title": "Biên bản họp dân",
        "document_number": "12/BB-UBND",
        "document_date": "05/11/2014",
        "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        **extra,
    }
    return client.post(upload_url(commune), data)


def stored_files(media_root) -> list:
    folder = media_root / "evidence"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def evidence(commune, ind, district_officer):
    name, content, _type = ACCEPTED["pdf"]
    return evidence_add(
        commune=commune,
        year=YEAR,
        indicator=ind["1.2"],
        upload=SimpleUploadedFile(name, content),
        title="Quyết định phê duyệt quy hoạch",
        user=district_officer,
    )


@pytest.mark.parametrize("kind", list(ACCEPTED))
def test_every_accepted_kind_is_stored_under_a_random_name(district_officer, commune, ind, media_root, kind):
    name, content, content_type = ACCEPTED[kind]
    response = post_file(client_for(district_officer), commune, ind["1.1"], name, content)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.content_type, evidence.size) == (name, content_type, len(content))
    assert (evidence.document_number, evidence.document_date.isoformat()) == ("12/BB-UBND", "2014-11-05")
    assert evidence.uploaded_by == district_officer
    assert evidence.commune_year == CommuneYear.objects.get(commune=commune, year=YEAR)
    assert re.fullmatch(r"evidence/[0-9a-f]{32}", evidence.file.name)
    assert stored_files(media_root) == [media_root / evidence.file.name]
    assert (media_root / evidence.file.name).read_bytes() == content


@pytest.mark.parametrize("case", list(REFUSED))
def test_impostors_are_refused_and_nothing_is_stored(district_officer, commune, ind, media_root, case):
    name, content = REFUSED[case]
    response = post_file(client_for(district_officer), commune, ind["1.1"], name, content)
    assert response.status_code == 400
    assert "file" in response.context["evidence_form"].errors
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_a_renamed_executable_is_refused_by_the_service_too(commune, ind, media_root):
    name, content = REFUSED["windows executable named .pdf"]
    with pytest.raises(ValidationError) as refused:
        evidence_add(
            commune=commune,
            year=YEAR,
            indicator=ind["1.1"],
            upload=SimpleUploadedFile(name, content),
            title="x",
            user=None,
        )
    assert refused.value.code == "file_type"
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_files_over_the_configured_size_are_refused(settings, district_officer, commune, ind, media_root):
    settings.NTM_EVIDENCE_MAX_BYTES = 1000
    name, content, _type = ACCEPTED["pdf"]
    response = post_file(client_for(district_officer), commune, ind["1.1"], name, content + b"\x00" * 1000)
    assert response.status_code == 400
    assert [e.code for e in response.context["evidence_form"].errors.as_data()["file"]] == ["too_large"]
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_an_indicator_of_another_years_set_is_refused(district_officer, commune, ind):
    name, content, _type = ACCEPTED["pdf"]
    response = client_for(district_officer).post(
        upload_url(commune, 2016), {"indicator": ind["1.1"].pk, "title": "x", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 404  # no set applies to 2016 in the test data
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("user_name", ["office", "district_officer", "leadership"])
def test_those_who_read_the_dossier_download_the_file(request, evidence, user_name):
    response = client_for(request.getfixturevalue(user_name)).get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == ACCEPTED["pdf"][1]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]


def test_another_districts_officer_cannot_download(other_district_officer, evidence):
    assert client_for(other_district_officer).get(evidence.get_absolute_url()).status_code == 403


def test_anonymous_users_are_sent_to_log_in_instead_of_the_file(anonymous, evidence):
    response = anonymous.get(evidence.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_users_without_a_role_cannot_download(db, django_user_model, evidence):
    client = client_for(django_user_model.objects.create_user("khach", password="x"))
    assert client.get(evidence.get_absolute_url()).status_code == 403


def test_an_unknown_file_is_not_found(office, db):
    assert client_for(office).get(reverse("workflow:evidence_download", args=[4242])).status_code == 404


def test_media_files_are_not_served_at_any_public_url(office, evidence):
    for url in (f"/media/{evidence.file.name}", f"/{evidence.file.name}", f"/static/{evidence.file.name}"):
        assert client_for(office).get(url).status_code == 404


@pytest.mark.parametrize("user_name", ["other_district_officer", "leadership"])
def test_only_editors_of_the_commune_attach_files(request, commune, ind, media_root, user_name):
    name, content, _type = ACCEPTED["pdf"]
    response = post_file(client_for(request.getfixturevalue(user_name)), commune, ind["1.1"], name, content)
    assert response.status_code == 403
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_the_district_removes_a_file_of_an_open_year(
    district_officer, evidence, media_root, django_capture_on_commit_callbacks
):
    path = media_root / evidence.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(district_officer).post(reverse("workflow:evidence_delete", args=[evidence.pk]))
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert not path.exists()


def test_files_of_a_locked_year_cannot_be_removed(complete, ind, office, district_officer):
    name, content, _type = ACCEPTED["pdf"]
    evidence = evidence_add(
        commune=complete,
        year=YEAR,
        indicator=ind["1.1"],
        upload=SimpleUploadedFile(name, content),
        title="x",
        user=None,
    )
    move_to(complete, CommuneYear.State.SUBMITTED, office)
    response = client_for(district_officer).post(reverse("workflow:evidence_delete", args=[evidence.pk]))
    assert response.status_code == 409
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_other_districts_and_leadership_cannot_remove_files(other_district_officer, leadership, evidence):
    for user in (other_district_officer, leadership):
        assert client_for(user).post(reverse("workflow:evidence_delete", args=[evidence.pk])).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_the_commune_year_page_lists_files_under_their_indicator(district_officer, evidence, ind):
    ind["1.1"].needs_evidence = True
    ind["1.1"].save()
    response = client_for(district_officer).get(
        reverse("workflow:commune_year", args=[evidence.commune_year.commune_id, YEAR])
    )
    lines = {line.indicator.code: line for line in response.context["evidence_lines"]}
    assert [f.pk for f in lines["1.2"].files] == [evidence.pk]
    assert lines["1.1"].missing
    assert evidence.get_absolute_url() in response.content.decode()


def test_another_districts_officer_sees_no_file_on_the_page(other_district_officer, evidence):
    response = client_for(other_district_officer).get(page_url(evidence.commune_year.commune))
    assert response.status_code == 200
    assert response.context["evidence_lines"] == [] and response.context["evidence_form"] is None
    assert evidence.get_absolute_url() not in response.content.decode()


def test_a_missing_file_shows_a_page_saying_so_not_an_error(office, evidence):
    evidence.file.storage.delete(evidence.file.name)  # a restore without the media archive

    response = client_for(office).get(evidence.get_absolute_url())

    assert response.status_code == 404
    assert b'id="evidence-missing"' in response.content
    assert evidence.original_name in response.content.decode()


def test_the_admin_lists_the_records_whose_file_is_missing(office, evidence, commune, ind, district_officer):
    kept = evidence_add(
        commune=commune,
        year=YEAR,
        user=district_officer,
        upload=SimpleUploadedFile("con.pdf", ACCEPTED["pdf"][1]),
        indicator=ind["1.1"],
        title="Còn tệp",
    )
    evidence.file.storage.delete(evidence.file.name)

    response = client_for(office).get(reverse("admin:workflow_evidence_changelist"), {"file": "missing"})

    assert response.status_code == 200
    assert [row.pk for row in response.context["cl"].result_list] == [evidence.pk]
    assert kept.pk != evidence.pk
