from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("National criteria")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (rules_changed after every save of a rule)
