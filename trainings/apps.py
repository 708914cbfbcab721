from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings and promotion events")

    def ready(self) -> None:
        from . import calendar  # noqa: F401  (trainings on the office's work calendar)

    def seed_demo(self, *, province, users, stdout) -> None:
        """Demo trainings, study tours and fairs 2011-2015 for `seed_demo`."""
        from .demo import trainings_demo_seed

        count = trainings_demo_seed(province=province, user=users.get("office"))
        stdout.write(f"trainings: {count} trainings and events")
