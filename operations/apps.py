from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """The office's own work: the year's plan, the work calendar, inspections, reviews, the document register."""

    name = "operations"
    verbose_name = _("Office operations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from notifications import reminders

        post_migrate.connect(_reference_after_migrate, sender=self, dispatch_uid="operations-reference")

        from . import calendar, notices, panels  # noqa: F401  (notification kinds, calendar sources, scorecard panel)
        from .services import requests_overdue_notify

        reminders.register(requests_overdue_notify)

    def seed_demo(self, *, province, users, stdout) -> None:
        from .demo import operations_seed

        operations_seed(province=province, users=users, stdout=stdout)


def _reference_after_migrate(sender, apps=None, **kwargs) -> None:
    """After `migrate`, and after a test database is flushed (which sends post_migrate without `apps`)."""
    from django.apps import apps as global_apps

    from .reference import reference_load

    reference_load(apps or global_apps)
