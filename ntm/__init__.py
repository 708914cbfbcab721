"""NTM Tracker project package; the Celery app is loaded with Django (ntm.celery)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
