"""A notification saved or deleted one at a time (the admin, `Notification.save`) forgets its recipient's cached
unread count; the services' bulk writes forget it themselves (notifications/services.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Notification
from .selectors import bell_forget


@receiver([post_save, post_delete], sender=Notification, dispatch_uid="notification_bell_forget")
def notification_written(sender, instance: Notification, **kwargs) -> None:
    bell_forget([instance.recipient_id])
