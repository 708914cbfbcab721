"""Bulk deletes that keep their history (django-simple-history writes one row per delete, one query each)."""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

BATCH_SIZE = 2000


def bulk_delete_with_history(queryset: QuerySet, *, user=None, when: datetime.datetime | None = None) -> int:
    """Delete the rows of a history-tracked model in one statement, with a '-' history row each, atomically.

    Only for models nothing else points to (no cascades, no delete signals but simple_history's). Returns rows deleted.
    """
    model = queryset.model
    historical = model.history.model
    when = when or timezone.now()
    with transaction.atomic():
        rows = list(queryset.select_for_update())
        historical.objects.bulk_create(
            [
                historical(
                    history_date=when,
                    history_type="-",
                    history_user=user,
                    history_change_reason=None,
                    **{field.attname: getattr(row, field.attname) for field in historical.tracked_fields},
                )
                for row in rows
            ],
            batch_size=BATCH_SIZE,
        )
        return queryset._raw_delete(queryset.db)  # the rows just read and locked, in one statement
