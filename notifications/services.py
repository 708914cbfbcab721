"""Sending notifications: rows in the same transaction as the step that caused them, e-mail after it commits.

Sending never breaks the step: a mail server that refuses or does not answer is logged and the
notification stays in the app (its `emailed_at` stays empty).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from . import kinds
from .models import Notification
from .selectors import bell_forget

logger = logging.getLogger(__name__)


def notify(*, recipients: Iterable, kind: str, params: dict | None = None, url: str = "", key: str = "") -> int:
    """Tell each recipient (users; duplicates and inactive users skipped) that `kind` happened.

    `params` fill the kind's sentence (`notifications.kinds`); `url` is where the notification leads (a path).
    With a `key`, a user who already had a notification with that key gets no second one (reminders).
    Returns the number of notifications created. E-mails go out after the current transaction commits,
    to recipients with an address, in the site's language; failures are logged, never raised.
    """
    if not kinds.is_registered(kind):
        raise ValueError(f"unknown notification kind {kind!r}: register it in notifications.kinds")
    params = params or {}
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not users:
        return 0
    if key:
        already = set(
            Notification.objects.filter(recipient_id__in=users, key=key).values_list("recipient_id", flat=True)
        )
        users = {pk: user for pk, user in users.items() if pk not in already}
    rows = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, params=params, url=url, key=key) for user in users.values()],
        ignore_conflicts=bool(key),
    )
    bell_forget(users)
    to_mail = [pk for pk, user in users.items() if user.email]
    if to_mail:
        transaction.on_commit(lambda: _send_mail(to_mail, kind=kind, params=params, url=url, key=key))
    return len(rows)


def _send_mail(user_ids: list[int], *, kind: str, params: dict, url: str, key: str) -> None:
    try:
        notifications = _latest_per_recipient(user_ids, kind, key)
        with translation.override(settings.LANGUAGE_CODE):
            subject = f"[NTM Tracker] {kinds.render(kind, params)}"[:200]
            link = f"{settings.SITE_URL.rstrip('/')}{url}" if url and settings.SITE_URL else url
            lines = [kinds.render(kind, params)]
            if link:
                lines.append(gettext("Open: %(link)s") % {"link": link})
            lines.append(gettext("You receive this e-mail because you use NTM Tracker."))
            body = "\n\n".join(lines)
        messages = [
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [n.recipient.email]) for n in notifications
        ]
        sent = get_connection(fail_silently=False).send_messages(messages) or 0
        if sent:
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
    except Exception:
        logger.warning("notification e-mail not sent (%s)", kind, exc_info=True)


def _latest_per_recipient(user_ids: list[int], kind: str, key: str) -> list[Notification]:
    latest: dict[int, Notification] = {}
    for notification in Notification.objects.filter(
        recipient_id__in=user_ids, kind=kind, key=key, emailed_at__isnull=True
    ).select_related("recipient"):
        current = latest.get(notification.recipient_id)
        if current is None or notification.created_at > current.created_at:
            latest[notification.recipient_id] = notification
    return list(latest.values())


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None); returns how many changed."""
    rows = Notification.objects.for_user(user).unread()
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    bell_forget([user.pk])
    return rows.update(read_at=timezone.now())
