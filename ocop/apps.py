from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcopConfig(AppConfig):
    name = "ocop"
    verbose_name = _("OCOP products")

    def ready(self) -> None:
        from notifications import reminders
        from ntm.lib.reference import reference_after_migrate

        from . import notices  # noqa: F401  registers the notification kinds
        from .reference import rules_load
        from .services import ocop_expiry_reminders_send

        reference_after_migrate(self, rules_load)
        reminders.register(ocop_expiry_reminders_send)

    def seed_demo(self, *, province, users, stdout) -> None:
        """Demo OCOP products rated since 2020 (the programme started in 2018) for `seed_demo`."""
        from .demo import ocop_demo_seed

        count = ocop_demo_seed(province=province, user=users.get("office"))
        stdout.write(f"ocop: {count} products")
