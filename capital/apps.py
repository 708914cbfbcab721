from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapitalConfig(AppConfig):
    name = "capital"
    verbose_name = _("Programme capital")

    def ready(self) -> None:
        from ntm.lib.reference import reference_after_migrate

        from .reference import sources_load

        reference_after_migrate(self, sources_load)

    def seed_demo(self, *, province, users, stdout) -> None:
        """Demo capital lines 2011-2015 shaped on the reported shares, for `seed_demo`."""
        from .demo import capital_demo_seed

        count = capital_demo_seed(province=province, user=users.get("office"))
        stdout.write(f"capital: {count} capital lines")
