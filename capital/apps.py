from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapitalConfig(AppConfig):
    name = "capital"
    verbose_name = _("Programme capital")

    def seed_demo(self, *, province, users, stdout) -> None:
        """Demo capital lines 2011-2015 shaped on the reported shares, for `seed_demo`."""
        from .demo import capital_demo_seed

        count = capital_demo_seed(province=province, user=users.get("office"))
        stdout.write(f"capital: {count} capital lines")
