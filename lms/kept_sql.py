"""Queries whose SQL is built once per process (issue 14).

For the small queries every request makes (the person's staff role, their permissions, a
lesson's enrolment), building the SQL with the ORM costs as much as running it, or several times
more. Where a query's shape never changes and only its ids do, it is built once per process and
database with stand-ins for those ids, and run with the real ids in their places. Its other
parameters (a constant, a list of role names) are kept as the ORM built them.

On PostgreSQL each is also a prepared statement, once per connection: the database then neither
parses nor plans it again (planning the permissions query cost five times running it).

Stand-ins are negative numbers, which no real id is, and each is checked to appear exactly as
often as the query is meant to read it: a change to the query (or to Django) that moved them
fails loudly on the first use instead of reading the wrong rows.
"""

from collections.abc import Callable
from functools import cache
from itertools import count
from threading import Lock

from django.db import connections
from django.db.models import QuerySet

_next_stand_in = count(-914_000_000_100, -1)


class KeptQuery:
    """`build(**stand_ins)` returns the queryset with each id named in `reads` replaced by a
    stand-in; `reads` says how many times its SQL reads each (`{"user": 3}`)."""

    def __init__(self, build: Callable[..., QuerySet], *, reads: dict[str, int]):
        self._build = build
        self._reads = reads
        self._stand_ins = {name: next(_next_stand_in) for name in reads}
        self._sql: dict[str, tuple[str, tuple]] = {}
        self._lock = Lock()

    def sql(self, alias: str, **ids: int) -> tuple[str, list]:
        """The SQL for database `alias`, and its parameters with `ids` in their places."""
        found = self._sql.get(alias)
        if found is None:
            found = self._compile(alias)
        sql, params = found
        values = {self._stand_ins[name]: value for name, value in ids.items()}
        if len(values) != len(self._stand_ins):
            raise TypeError(f"Expected the ids {sorted(self._stand_ins)}, got {sorted(ids)}.")
        return sql, [values.get(param, param) if type(param) is int else param for param in params]

    def rows(self, alias: str, **ids: int) -> list[tuple]:
        sql, params = self.sql(alias, **ids)
        with _cursor(connections[alias]) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, alias: str) -> tuple[str, tuple]:
        with self._lock:
            if alias not in self._sql:
                queryset = self._build(**self._stand_ins)
                sql, params = queryset.query.get_compiler(alias).as_sql()
                for name, times in self._reads.items():
                    if list(params).count(self._stand_ins[name]) != times:
                        raise RuntimeError(
                            f"The kept query no longer reads its {name} id {times} time(s)."
                        )
                self._sql[alias] = (sql, tuple(params))
            return self._sql[alias]


def _cursor(connection):
    """A cursor for a kept query: on PostgreSQL, one that asks psycopg to prepare its statement
    (parsed and planned once per connection instead of on every request; lms.settings lets only
    these be prepared, or none); elsewhere the connection's own. Django's wrapper around it, as
    `connection.cursor()` gives: its health check, its errors, the queries it logs (the tests
    count them)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    preparing, logging = _preparing_classes()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = preparing(connection.connection)
    return logging(raw, connection) if connection.queries_logged else connection.make_cursor(raw)


@cache
def _preparing_classes():
    # Imported here: the PostgreSQL backend imports psycopg, which a SQLite install may lack.
    from django.db.backends.postgresql.base import CursorDebugWrapper, ServerBindingCursor
    from django.db.backends.utils import CursorWrapper

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    class LoggingWrapper(CursorDebugWrapper):
        """Logs the statement with its parameters in their places, as every other query is
        logged (Django's own way reads them back from a cursor that binds on the client)."""

        def execute(self, sql, params=None):
            with self.debug_sql(self.db.ops.compose_sql(sql, params)):
                return CursorWrapper.execute(self, sql, params)

    return PreparingCursor, LoggingWrapper
