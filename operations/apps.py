from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """The office's own work: the year's plan, the work calendar, inspections, reviews, the document register."""

    name = "operations"
    verbose_name = _("Office operations")

    def ready(self) -> None:
        from notifications import reminders
        from ntm.lib.reference import reference_after_migrate

        from .reference import reference_load

        reference_after_migrate(self, reference_load)

        from . import calendar, notices, panels  # noqa: F401  (notification kinds, calendar sources, scorecard panel)
        from .services import requests_overdue_notify

        reminders.register(requests_overdue_notify)

        from .versions import connect

        connect()  # the dashboard's cached page is keyed by the version these signals renew

    def seed_demo(self, *, province, users, stdout) -> None:
        from .demo import operations_seed

        operations_seed(province=province, users=users, stdout=stdout)
