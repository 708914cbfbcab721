from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionConfig(AppConfig):
    name = "production"
    verbose_name = _("Production models and enterprises")

    def ready(self) -> None:
        from ntm.lib.reference import reference_after_migrate

        from .reference import thresholds_load

        reference_after_migrate(self, thresholds_load)

    def seed_demo(self, *, province, users, stdout) -> None:
        """Demo production models (2011-2015) and enterprises for `seed_demo`."""
        from .demo import production_demo_seed

        counts = production_demo_seed(province=province, user=users.get("office"))
        stdout.write(f"production: {counts['models']} models, {counts['enterprises']} enterprises and cooperatives")
