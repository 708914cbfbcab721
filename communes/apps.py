from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "communes"
    verbose_name = _("Districts, communes and assessments")

    def ready(self) -> None:
        from criteria.impact import register_probe

        from . import signals  # noqa: F401  (a change of rules recomputes the scores it affects)
        from .summary import results_impact_probe

        register_probe(results_impact_probe)
