from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExcelConfig(AppConfig):
    name = "excel"
    verbose_name = _("Excel imports and exports")

    def ready(self) -> None:
        from .jobs import register_jobs

        register_jobs()
