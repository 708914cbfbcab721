"""Reads of notifications shared by the bell and the list."""

from .models import Notification


def unread_count(user) -> int:
    """How many of the user's notifications are unread (0 for anonymous users)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).unread().count()
