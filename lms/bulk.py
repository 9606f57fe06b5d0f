"""Fast inserts for generated data (`seed_demo`'s cohort, `seed_scale`), shared by every app.

`bulk_create` builds a model instance per row and, to learn the new ids, asks the database to
return them; for the tens of millions of rows of a 100,000-person programme that costs minutes.
Here ids are taken in advance (`Ids`), rows are plain tuples, and they are written with
PostgreSQL's `COPY` (psycopg's copy protocol: with `executemany` a 100,000-person build was still
unfinished after hours) or SQLite's `executemany` in batches. Values go through each field's own
conversion (`get_db_prep_save`) wherever the driver could not take the Python value as it is, so
dates, decimals and JSON are stored exactly as the ORM stores them, on SQLite and PostgreSQL alike.

Only for commands that generate data: nothing here checks a rule. The callers (each app's
`scale.py`) are responsible for writing only what that app's services would have written.
"""

from collections.abc import Iterable, Sequence
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, models

BATCH = 5000
# Fields whose Python value the drivers take as it is.
_PLAIN = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.ForeignKey,
    models.IntegerField,
    models.TextField,
)


class Ids:
    """Primary keys handed out in advance for a model, from one past the highest in use."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.next = (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1

    def take(self, count: int = 1) -> range:
        taken = range(self.next, self.next + count)
        self.next += count
        return taken


def insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert `rows` (tuples of values for `fields`, in that order, the primary key included)
    into `model`'s table in batches; returns how many rows were written."""
    meta = model._meta
    fields = [meta.get_field(name) for name in fields]
    convert = [None if isinstance(field, _PLAIN) else field.get_db_prep_save for field in fields]
    converted = [i for i, function in enumerate(convert) if function is not None]
    rows = (_converted(row, converted, convert) for row in rows) if converted else iter(rows)
    quote = connection.ops.quote_name
    table, columns = quote(meta.db_table), ", ".join(quote(field.column) for field in fields)
    # Table and column names come from the model, values are parameters (or copied data).
    if connection.vendor == "postgresql":
        return _copy(f"COPY {table} ({columns}) FROM STDIN", rows)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    written = 0
    with connection.cursor() as cursor:
        while batch := list(islice(rows, BATCH)):
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def _copy(statement: str, rows: Iterable[Sequence]) -> int:
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    return written


def _converted(row, indexes, convert):
    row = list(row)
    for i in indexes:
        row[i] = convert[i](row[i], connection=connection)
    return row


def reset_sequences(*models_written: type[models.Model]) -> None:
    """After inserting explicit ids: PostgreSQL's sequences must move past them (SQLite finds
    the highest id by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
