"""On Postgres, timestamps load through psycopg's C parser with exactly the
values (and the UTC label) Django's own loader gives. Runs in CI's Postgres
+ Redis pass; there is nothing to compare on SQLite."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from tandem.todos.models import Todo

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Postgres only (CI's Postgres + Redis pass runs it)"
)

TIMESTAMPS = [
    "2026-12-06 09:00:00+00",
    "2026-12-06 09:00:00.123456+00",
    "2026-12-06 09:00:00.5+00",
    "2026-12-06 10:00:00+01",
    "2000-02-29 12:00:00-05:30",
    "1969-12-31 23:59:59.999999+00",
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
    None,
]


def _select_all(cursor) -> tuple:
    cursor.execute("SELECT " + ", ".join(["%s::timestamptz"] * len(TIMESTAMPS)), TIMESTAMPS)
    return cursor.fetchone()


@pytest.mark.django_db
def test_timestamps_load_as_djangos_own_loader_loads_them():
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    from tandem.api.pgloaders import UtcTimestamptzLoader

    with connection.cursor() as cursor:
        ours = _select_all(cursor)
        oid = connection.connection.adapters.types["timestamptz"].oid
        assert connection.connection.adapters.get_loader(oid, Format.TEXT) is UtcTimestamptzLoader
    with connection.cursor() as cursor:
        register_tzloader(connection.timezone, cursor.cursor)  # Django's, on this cursor only
        djangos = _select_all(cursor)

    assert [v.isoformat() if v else v for v in ours] == [v.isoformat() if v else v for v in djangos]
    assert all(v.tzinfo is datetime.UTC for v in ours if v is not None)


@pytest.mark.django_db
def test_a_saved_todo_reads_back_the_instant_it_was_given(user):
    moment = datetime.datetime(2026, 12, 6, 9, 30, 15, 250, tzinfo=datetime.UTC)
    todo = Todo.objects.create(owner=user, title="t")
    Todo.objects.filter(pk=todo.pk).update(created=moment)

    assert Todo.objects.values_list("created", flat=True).get(pk=todo.pk) == moment
