"""The bell in the page header: the user's unread notifications, counted once per page."""

from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def bell(request) -> dict:
    """`unread_notifications`: counted only when a template shows it."""
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(request.user))}
