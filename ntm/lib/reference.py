"""Reference data that must always exist (document types, OCOP rules, capital sources, size thresholds).

Each app ships its rows in a data migration that calls a loader `loader(apps)` creating only what is missing. The
same loader also runs after every `migrate` and after every flush of a test database (which empties every table
and then sends `post_migrate`, without `apps`):

    class OperationsConfig(AppConfig):
        def ready(self):
            reference_after_migrate(self, reference_load)
"""

from collections.abc import Callable

from django.db.models.signals import post_migrate


def reference_after_migrate(app_config, loader: Callable) -> None:
    """Run `loader(apps)` after the app is migrated and after a test flush (idempotent loaders only)."""

    def receiver(sender, apps=None, **kwargs) -> None:
        from django.apps import apps as global_apps

        loader(apps or global_apps)

    post_migrate.connect(receiver, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}-reference")
