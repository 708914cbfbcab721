"""Model instances read by SQL written once per process: for the few reads every signed-in request makes.

Compiling a queryset costs Django 0.4-1 ms each time, where the query itself answers in about 0.1 ms (the
user, the installation's province, the province's score versions: measured on the national data set, README
"Performance"). These reads are written here once, from the models' own metadata so a new field is read too,
and turned into the instances the ORM would make: each value goes through the converters the ORM applies (the
database backend's and the field's: SQLite's dates and aware datetimes, decimals, booleans), then `Model.from_db`.

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


_CONVERTERS: dict[tuple[str, type], list[tuple[int, list, object]]] = {}


def _converters(model) -> list[tuple[int, list, object]]:
    """[(field index, converters, column expression)] of the fields whose values the ORM converts, per backend."""
    key = (connection.vendor, model)
    if key not in _CONVERTERS:
        found = []
        for index, field in enumerate(model._meta.concrete_fields):
            column = field.get_col(model._meta.db_table)
            converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if converters:
                found.append((index, converters, column))
        _CONVERTERS[key] = found
    return _CONVERTERS[key]


def instance(model, row: tuple, start: int):
    """(the `model` instance read from `row[start:]`, the index after its columns); None for a row of NULLs (a
    LEFT JOIN that found nothing), as select_related gives."""
    attnames = [field.attname for field in model._meta.concrete_fields]
    end = start + len(attnames)
    values = list(row[start:end])
    if values[attnames.index(model._meta.pk.attname)] is None:
        return None, end
    for index, converters, column in _converters(model):
        for converter in converters:
            values[index] = converter(values[index], column, connection)
    return model.from_db(connection.alias, attnames, values), end
