"""Model instances read by SQL written once per process: for the few reads every signed-in request makes.

Compiling a queryset costs Django 0.4-1 ms each time, where the query itself answers in about 0.1 ms (the
user, the installation's province, the province's score versions: measured on the national data set, README
"Performance"). These reads are written here once, from the models' own metadata so a new field is read too,
and turned into the same instances the ORM would make (`Model.from_db`: no save, no signal differs).

    sql = f"SELECT {select_list(Province, 'p')} FROM {table(Province)} p WHERE p.id = %s"
    province, _end = instance(Province, row, 0)
"""

from django.db import connection


def table(model) -> str:
    """The model's table name, quoted."""
    return connection.ops.quote_name(model._meta.db_table)


def select_list(model, alias: str) -> str:
    """Every concrete column of `model` qualified by `alias`, in field order: the order `instance` reads."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def instance(model, row: tuple, start: int):
    """(the `model` instance read from `row[start:]`, the index after its columns); None for a row of NULLs (a
    LEFT JOIN that found nothing), as select_related gives."""
    attnames = [field.attname for field in model._meta.concrete_fields]
    end = start + len(attnames)
    values = row[start:end]
    if values[attnames.index(model._meta.pk.attname)] is None:
        return None, end
    return model.from_db(connection.alias, attnames, values), end
