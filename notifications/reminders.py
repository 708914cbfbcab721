"""Reminders that go out on their own (a deadline passed, a certificate about to expire).

An app registers a function `(*, today: datetime.date) -> int` (how many notifications it sent) that finds
what is due and calls `notify(..., key=...)` with a key naming the thing and the occasion, so a reminder
reaches each person once however often the check runs:

    reminders.register(inspection_requests_overdue_notify)

`reminders_send(today=...)` runs every registered function; `python manage.py send_reminders` calls it, and so
does the scheduled job of the deployment (README "Reminders").
"""

import datetime
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

Reminder = Callable[..., int]
_REMINDERS: list[Reminder] = []


def register(reminder: Reminder) -> Reminder:
    """Add a reminder function (usable as a decorator); registering the same function twice adds it once."""
    if reminder not in _REMINDERS:
        _REMINDERS.append(reminder)
    return reminder


def reminders_send(*, today: datetime.date) -> dict[str, int]:
    """Run every registered reminder for `today`; returns notifications sent per reminder (by name).

    One reminder that fails is logged and the others still run.
    """
    sent = {}
    for reminder in _REMINDERS:
        name = f"{reminder.__module__}.{reminder.__qualname__}"
        try:
            sent[name] = reminder(today=today)
        except Exception:
            logger.exception("reminder %s failed", name)
            sent[name] = 0
    return sent
