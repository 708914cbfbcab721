from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "communes"
    verbose_name = _("Districts, communes and assessments")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (a change of rules recomputes the scores it affects)
