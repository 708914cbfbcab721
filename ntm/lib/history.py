"""History rows written in bulk (django-simple-history writes one row per save or delete, one query each)."""

import datetime

from django.db import connections, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
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


def history_copy(
    queryset: QuerySet,
    *,
    user=None,
    when: datetime.datetime | None = None,
    history_type: str = "~",
    created_above_pk: int | None = None,
) -> int:
    """One history row per row of `queryset`, copied inside the database by one INSERT ... SELECT.

    The bulk twin of `bulk_history_create` for writes made in SQL: no row is loaded into Python. Rows are
    recorded as `history_type`, except that rows whose primary key is above `created_above_pk` are
    recorded as created ('+'). Returns the rows recorded.
    """
    historical = queryset.model.history.model
    connection = connections[queryset.db]
    fields = historical.tracked_fields
    query, params = queryset.order_by().values_list(*(f.attname for f in fields)).query.sql_with_params()
    columns = [f.column for f in fields]
    columns += [historical._meta.get_field(name).column for name in ("history_user", "history_date")]
    kind, kind_params = "%s", [history_type]
    if created_above_pk is not None:
        pk_column = queryset.model._meta.pk.column
        kind, kind_params = f"CASE WHEN w.{pk_column} > %s THEN '+' ELSE %s END", [created_above_pk, history_type]
    date = historical._meta.get_field("history_date").get_db_prep_value(when or timezone.now(), connection)
    sql = (
        f"INSERT INTO {historical._meta.db_table} ({', '.join(columns)}, history_type, history_change_reason) "
        f"SELECT w.*, %s, %s, {kind}, NULL FROM ({query}) AS w"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk if user else None, date, *kind_params, *params])
        return cursor.rowcount


def history_update_copy(queryset: QuerySet, assignments: dict[str, str], *, user=None, when=None) -> int:
    """Update the rows of `queryset` and record a '~' history row of each, in one statement on PostgreSQL.

    `assignments` maps a column to an SQL expression over the row (e.g. {"version": "version + 1"}); trusted
    code only, never user input. PostgreSQL runs `WITH w AS (UPDATE ... RETURNING ...) INSERT INTO history
    SELECT ... FROM w`; other databases an UPDATE then `history_copy`. Returns the rows updated.
    """
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        ids = list(queryset.values_list("pk", flat=True))
        rows = queryset.model.objects.filter(pk__in=ids)
        rows.update(**{column: RawSQL(expression, []) for column, expression in assignments.items()})
        return history_copy(rows, user=user, when=when)
    model = queryset.model
    historical = model.history.model
    fields = historical.tracked_fields
    where, params = queryset.order_by().values("pk").query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = model._meta.pk.column
    sets = ", ".join(f"{column} = {expression}" for column, expression in assignments.items())
    returning = ", ".join(f"{table}.{connection.ops.quote_name(f.column)}" for f in fields)
    columns = [f.column for f in fields]
    columns += [historical._meta.get_field(name).column for name in ("history_user", "history_date")]
    date = historical._meta.get_field("history_date").get_db_prep_value(when or timezone.now(), connection)
    sql = (
        f"WITH w AS (UPDATE {table} SET {sets} WHERE {pk_column} IN ({where}) RETURNING {returning}) "
        f"INSERT INTO {historical._meta.db_table} ({', '.join(columns)}, history_type, history_change_reason) "
        f"SELECT w.*, %s, %s, '~', NULL FROM w"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, user.pk if user else None, date])
        return cursor.rowcount


def bulk_history_rows(model, rows: list, *, created: set[int], user=None, when=None) -> list:
    """One history row per saved row of `model` ('+' when its pk is in `created`, else '~'), written by one
    bulk INSERT: the twin of simple_history's `bulk_history_create`, for a write mixing inserts and updates."""
    historical = model.history.model
    when = when or timezone.now()
    return historical.objects.bulk_create(
        [
            historical(
                history_date=when,
                history_type="+" if row.pk in created else "~",
                history_user=user,
                history_change_reason=None,
                **{field.attname: getattr(row, field.attname) for field in historical.tracked_fields},
            )
            for row in rows
        ],
        batch_size=BATCH_SIZE,
    )


def current_history_user():
    """The user of the request being served (django-simple-history's middleware keeps it), or None: the author of
    history rows written in bulk on behalf of a change made through a page (e.g. a recomputation after a target
    is corrected in the admin)."""
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
