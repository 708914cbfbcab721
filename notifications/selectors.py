"""Reads of notifications shared by the bell and the list."""

import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from .models import Notification

logger = logging.getLogger(__name__)

BELL_SECONDS = 60  # bounds how long a count computed during a concurrent write could outlive it


def unread_count(user) -> int:
    """How many of the user's notifications are unread (0 for anonymous users).

    Kept in the cache per user (the bell is on every page); every write of a user's notifications forgets it
    (`bell_forget`), at once and again after the transaction commits. A count read by a request racing a write can
    survive that write by at most BELL_SECONDS; the notification list always reads the table.
    """
    if not user.is_authenticated:
        return 0
    key = _key(user.pk)
    try:
        count = cache.get(key)
    except Exception:  # the cache server down: count from the table
        logger.warning("bell cache unavailable", exc_info=True)
        return Notification.objects.for_user(user).unread().count()
    if count is None:
        count = Notification.objects.for_user(user).unread().count()
        try:
            cache.set(key, count, BELL_SECONDS)
        except Exception:
            logger.warning("bell cache unavailable", exc_info=True)
    return count


def bell_forget(user_ids: Iterable[int]) -> None:
    """Drop the cached unread counts of these users, now and once the current transaction commits."""
    keys = [_key(pk) for pk in set(user_ids)]
    if not keys:
        return

    def forget() -> None:
        try:
            cache.delete_many(keys)
        except Exception:
            logger.warning("bell cache unavailable", exc_info=True)

    forget()
    transaction.on_commit(forget)


def _key(user_id: int) -> str:
    return f"bell:{user_id}"
