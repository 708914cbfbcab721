"""Each step tells the people concerned: a submission the office, later steps the commune's district officers."""

import pytest
from django.core import mail

from communes.models import CommuneYear
from notifications.models import Notification
from workflow.rules import Action
from workflow.services import TransitionDetails, commune_year_transition

YEAR = 2014


@pytest.fixture
def emails(office, district_officer, other_district_officer):
    for user, address in (
        (office, "vp@example.vn"),
        (district_officer, "dt@example.vn"),
        (other_district_officer, "ka@example.vn"),
    ):
        user.email = address
        user.save()


def test_a_submission_notifies_the_office(
    emails, office, district_officer, commune, small_set, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        commune_year_transition(commune=commune, year=YEAR, action=Action.SUBMIT, user=district_officer)
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [
        (office.username, "commune_year.submitted")
    ]
    assert [m.to for m in mail.outbox] == [["vp@example.vn"]]
    assert "Xã Tùng Ảnh" in mail.outbox[0].subject and "2014" in mail.outbox[0].subject


def test_a_return_notifies_the_communes_district_and_no_other(
    emails, office, district_officer, commune, small_set, django_capture_on_commit_callbacks
):
    commune_year_transition(commune=commune, year=YEAR, action=Action.SUBMIT, user=district_officer)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        commune_year_transition(
            commune=commune,
            year=YEAR,
            action=Action.RETURN,
            user=office,
            details=TransitionDetails(reason="Thiếu biên bản"),
        )
    notification = Notification.objects.get()
    assert notification.recipient == district_officer and "Thiếu biên bản" in notification.text
    assert [m.to for m in mail.outbox] == [["dt@example.vn"]]


def test_a_failing_mail_server_never_breaks_the_step(
    emails, office, district_officer, commune, small_set, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with django_capture_on_commit_callbacks(execute=True):
        commune_year_transition(commune=commune, year=YEAR, action=Action.SUBMIT, user=district_officer)
        commune_year_transition(commune=commune, year=YEAR, action=Action.VERIFY, user=office)
    assert CommuneYear.objects.get(commune=commune, year=YEAR).state == CommuneYear.State.VERIFIED
    assert Notification.objects.filter(kind="commune_year.verified", recipient=district_officer).exists()


def test_the_person_who_took_the_step_is_not_notified(emails, office, commune, small_set):
    commune_year_transition(commune=commune, year=YEAR, action=Action.SUBMIT, user=office)
    assert not Notification.objects.filter(recipient=office).exists()
