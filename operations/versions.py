"""The version of the office's work figures (the dashboard's inspections, plan and reviews section).

Any save or deletion of an operations record renews the installation province's `ScoreVersion` of the
pseudo-year `OPERATIONS`, inside the writing transaction, as the scores' writes renew theirs: the cached
dashboard page (dashboard/cache.py) is keyed by it, so an inspection recorded shows on the next request.
Bulk writes of the services (plan targets, review entries) run in the transaction of a saved plan or review,
whose signal renews the version.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from communes.summary import versions_bump
from provinces.selectors import default_province

OPERATIONS = 1  # the "year" of the version: year 0 is the province-wide one (communes/signals.py)


def operations_changed(sender=None, raw: bool = False, **kwargs) -> None:
    """Renew the operations version of the installation's province (nothing while a fixture loads)."""
    if raw:
        return
    province = default_province()
    if province is not None:
        versions_bump([(province.pk, OPERATIONS)])


def connect() -> None:
    """Listen to every model of the operations app (and their many-to-many tables)."""
    for model in apps.get_app_config("operations").get_models():
        uid = f"operations-version-{model._meta.label}"
        post_save.connect(operations_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(operations_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                operations_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )
