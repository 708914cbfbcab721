from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Recognition workflow")

    def ready(self) -> None:
        from . import notices  # noqa: F401  (registers the workflow's notification kinds)
