"""notify(): rows for the people concerned, one per reminder key, e-mail after the commit, never breaking the step."""

import pytest
from django.core import mail
from django.utils import translation

from notifications import kinds
from notifications.models import Notification
from notifications.services import notifications_mark_read, notify

kinds.register("test.reminder", "Hạn nộp báo cáo của %(commune)s")


@pytest.fixture
def with_email(district_officer, office):
    district_officer.email, office.email = "huyen@example.vn", "vanphong@example.vn"
    district_officer.save(), office.save()
    return district_officer


def test_each_recipient_gets_one_row_and_one_mail_after_the_commit(
    with_email, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=[with_email, office, with_email], kind="test.reminder", params={"commune": "Xã A"})
        assert mail.outbox == []  # nothing leaves before the step commits
    assert created == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["huyen@example.vn", "vanphong@example.vn"]
    assert "Hạn nộp báo cáo của Xã A" in mail.outbox[0].subject
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_a_reminder_key_reaches_each_user_once(with_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(recipients=[with_email], kind="test.reminder", params={"commune": "Xã A"}, key="due:1")
        second = notify(recipients=[with_email], kind="test.reminder", params={"commune": "Xã A"}, key="due:1")
    assert (first, second) == (1, 0)
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_inactive_users_and_unknown_kinds(with_email, leadership):
    leadership.is_active = False
    leadership.save()
    assert notify(recipients=[leadership], kind="test.reminder") == 0
    with pytest.raises(ValueError, match="unknown notification kind"):
        notify(recipients=[with_email], kind="no.such.kind")


def test_a_mail_server_that_fails_does_not_raise(with_email, settings, django_capture_on_commit_callbacks, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens on 9
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(recipients=[with_email], kind="test.reminder", params={"commune": "Xã A"}) == 1
    notification = Notification.objects.get()
    assert notification.emailed_at is None and not notification.is_read
    assert "notification e-mail not sent" in caplog.text


def test_the_sentence_follows_the_readers_language(with_email):
    notify(recipients=[with_email], kind="commune_year.verified", params={"commune": "Xã A", "year": "2014"})
    notification = Notification.objects.get()
    with translation.override("vi"):
        vietnamese = notification.text
    with translation.override("en"):
        english = notification.text
    assert "2014" in vietnamese and "2014" in english and vietnamese != english


def test_mark_read_touches_only_the_users_own(with_email, office):
    notify(recipients=[with_email, office], kind="test.reminder", params={"commune": "Xã A"})
    theirs = Notification.objects.get(recipient=office)
    assert notifications_mark_read(user=with_email, ids=[theirs.pk]) == 0
    assert notifications_mark_read(user=with_email) == 1
    assert Notification.objects.get(recipient=office).read_at is None
