"""Registered reminders run together; one that fails does not stop the others."""

import datetime

from django.core.management import call_command

from notifications import kinds, reminders
from notifications.models import Notification
from notifications.services import notify

kinds.register("test.due", "Đến hạn: %(what)s")


def test_reminders_run_once_per_key_and_a_failing_one_is_skipped(district_officer, monkeypatch, capsys):
    def due(*, today):
        return notify(recipients=[district_officer], kind="test.due", params={"what": "báo cáo"}, key=f"due:{today}")

    def broken(*, today):
        raise RuntimeError("boom")

    monkeypatch.setattr(reminders, "_REMINDERS", [])
    reminders.register(broken)
    reminders.register(due)
    day = datetime.date(2014, 6, 15)
    assert list(reminders.reminders_send(today=day).values()) == [0, 1]
    call_command("send_reminders", "--today", "15/06/2014")
    assert Notification.objects.filter(recipient=district_officer, kind="test.due").count() == 1
    assert "due: 0" in capsys.readouterr().out.replace(
        "test_reminders_run_once_per_key_and_a_failing_one_is_skipped.<locals>.", ""
    )
