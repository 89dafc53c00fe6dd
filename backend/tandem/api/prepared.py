"""Hot read queries, written with the ORM, compiled once per shape.

Building a queryset (`filter`, `order_by`, `values`) and compiling it to SQL
costs more CPU than running it: on the authenticated list it was most of
the request. A hot read is made of the same few shapes (this ordering, this
filter, with or without a cursor, this page size), only the values change.
So the ORM writes each shape's SQL once per process, with a marker in place
of every value that varies; the markers' positions in the compiled
parameters are remembered, and every later call binds the real values there
and runs the SQL, converting the columns with the ORM's own converters
(`.values()` rows, exactly as Django returns them).

The SQL is Django's and the values are still parameters (never text in the
SQL); a shape whose compilation does not hold every marker exactly as a
parameter is not cached, it runs through the ORM every time.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import QuerySet

_MAX_SHAPES = 4096
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_counter = itertools.count(1)


def _marker(value: Any) -> Any:
    """A value no real request sends, of the same type as `value`."""
    n = next(_counter)
    if isinstance(value, bool) or value is None:
        raise TypeError("booleans and None are part of a shape, not values")
    if isinstance(value, int):
        return -(7_340_000_000_000_000 + n)
    if isinstance(value, str):
        return f"\x1ftandem-marker-{n}\x1f"
    if isinstance(value, datetime.datetime):
        return datetime.datetime(1901, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(microseconds=n)
    if isinstance(value, datetime.date):
        return datetime.date(1, 1, 1) + datetime.timedelta(days=n)
    raise TypeError(f"no marker for {type(value).__name__}")


class _Compiled:
    __slots__ = ("alias", "converters", "names", "slots", "sql")

    def __init__(self, sql: str, slots: list, names: list[str], converters: dict, alias: str) -> None:
        self.sql = sql
        self.slots = slots  # per parameter: ("v", name, adapt) or ("c", constant)
        self.names = names
        self.converters = converters
        self.alias = alias


class PreparedQuery:
    """`rows(shape, build, values)`: the `.values()` rows of `build(values)`.

    `build` takes a dict like `values` and returns a `.values()` queryset
    (sliced if it needs a LIMIT); everything it does that does not come from
    `values` must be decided by `shape`, which names the compiled SQL.
    """

    def __init__(self) -> None:
        self._shapes: dict[Hashable, _Compiled | None] = {}

    def rows(
        self, shape: Hashable, build: Callable[[dict[str, Any]], QuerySet], values: dict[str, Any]
    ) -> list:
        compiled = self._shapes.get(shape, False)
        if compiled is False:
            compiled = self._compile(build, values)
            if len(self._shapes) >= _MAX_SHAPES:
                self._shapes.clear()
            self._shapes[shape] = compiled
        if compiled is None or any(
            isinstance(value, int) and not _INT64_MIN <= value <= _INT64_MAX for value in values.values()
        ):
            # The ORM knows what an integer no column can hold matches (nothing);
            # a driver would raise instead.
            return list(build(values))
        return self._run(compiled, values)

    @staticmethod
    def _compile(build: Callable[[dict[str, Any]], QuerySet], values: dict[str, Any]) -> _Compiled | None:
        markers = {name: _marker(value) for name, value in values.items()}
        queryset = build(markers)
        connection = connections[queryset.db]
        ops = connection.ops
        adapters: list[tuple[Callable[[Any], Any] | None, Any]] = [(None, lambda v: v)]
        adapters.append((ops.adapt_datetimefield_value, ops.adapt_datetimefield_value))
        adapters.append((ops.adapt_datefield_value, ops.adapt_datefield_value))
        found: dict[Any, tuple[str, Any]] = {}
        for name, marker in markers.items():
            for adapt, function in adapters:
                try:
                    adapted = function(marker)
                except (TypeError, ValueError, AttributeError):
                    continue
                if isinstance(adapted, (str, int, datetime.date)):
                    found.setdefault(_key(adapted), (name, adapt))
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):  # the ORM path decides
            return None
        slots: list = []
        seen: set[str] = set()
        for param in params:
            hit = found.get(_key(param))
            if hit is not None:
                slots.append(("v", hit[0], hit[1]))
                seen.add(hit[0])
            else:
                slots.append(("c", param))
        text_markers = [m for m in markers.values() if isinstance(m, str)]
        if seen != set(markers) or any(m in sql for m in text_markers):
            return None
        fields = [select[0] for select in compiler.select[: compiler.col_count]]
        query = queryset.query
        # As ValuesIterable names the columns.
        if query.selected:
            names = list(query.selected)
        else:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
        if not names or len(names) != len(fields):
            return None
        converters = {
            position: ([_cheaper(function, connection) for function in functions], expression)
            for position, (functions, expression) in compiler.get_converters(fields).items()
        }
        return _Compiled(sql, slots, names, converters, queryset.db)

    @staticmethod
    def _run(compiled: _Compiled, values: dict[str, Any]) -> list[dict[str, Any]]:
        connection = connections[compiled.alias]
        params = [
            (slot[1] if slot[0] == "c" else slot[2](values[slot[1]]) if slot[2] else values[slot[1]])
            for slot in compiled.slots
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        names = compiled.names
        if compiled.converters:
            # Column by column: the same functions in the same order for each
            # value, without re-reading the converter table per row.
            rows = [list(row) for row in rows]
            for position, (functions, expression) in compiled.converters.items():
                for function in functions:
                    for row in rows:
                        row[position] = function(row[position], expression, connection)
        return [dict(zip(names, row, strict=True)) for row in rows]


def _cheaper(function: Callable, connection: Any) -> Callable:
    """`function`, or a cheaper converter that returns the same values.

    On SQLite, Django's datetime converter checks the settings and the
    value's type, then makes the value aware, for every value; sqlite3 has
    already parsed the column into a naive UTC datetime (Django registers
    that parser), so with USE_TZ and the connection in UTC the zone is all
    it lacks. Anything else takes Django's converter."""
    if connection.vendor != "sqlite":
        return function
    # Imported here: the SQLite backend module imports the ORM, which this module's
    # importers (authentication, at app loading) may still be loading.
    from django.db.backends.sqlite3.operations import DatabaseOperations as SQLiteOperations

    if not (
        getattr(function, "__func__", None) is SQLiteOperations.convert_datetimefield_value
        and settings.USE_TZ
        and connection.timezone is datetime.UTC
    ):
        return function

    def convert(value: Any, expression: Any, connection: Any) -> Any:
        if value.__class__ is datetime.datetime and value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return function(value, expression, connection)

    return convert


def _key(value: Any) -> Any:
    # 1 == True and 1 == 1.0 in Python: the type is part of a marker's identity.
    return (type(value), value) if isinstance(value, (str, int, datetime.date)) else (type(value), id(value))
