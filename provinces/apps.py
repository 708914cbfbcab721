from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The project's own apps, whose text fields are stored in NFC (ntm.lib.stored_text).
PROJECT_APPS = {
    "provinces", "criteria", "communes", "accounts", "notifications", "dashboard", "excel", "workflow",
    "operations", "production", "ocop", "capital", "trainings", "ops",
}  # fmt: skip


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = _("Regions and provinces")

    def ready(self) -> None:
        from ntm.lib import stored_text

        stored_text.connect(PROJECT_APPS | {"auth"})
