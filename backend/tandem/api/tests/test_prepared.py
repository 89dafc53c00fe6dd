"""Hot reads compiled once per shape give exactly the ORM's rows, for every value."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.api.prepared import PreparedQuery
from tandem.todos.models import Todo

FIELDS = ("id", "title", "notes", "done", "due_date", "created", "updated", "version")


def _todos(v):
    return (
        Todo.objects.filter(owner_id=v["owner"], created__lte=v["until"])
        .order_by("-created", "-id")
        .values(*FIELDS)[:10]
    )


@pytest.fixture
def two_owners(user, make_user):
    other = make_user("other@example.com")
    Todo.objects.create(owner=user, title="mine", due_date=datetime.date(2030, 1, 2), done=True)
    Todo.objects.create(owner=other, title="theirs", notes="o'clock")
    return user, other


def test_rows_equal_the_orm_rows_for_each_call_of_a_shape(two_owners):
    prepared = PreparedQuery()
    until = timezone.now()
    for owner in [*two_owners, *two_owners]:
        values = {"owner": owner.pk, "until": until}
        assert prepared.rows("todos", _todos, values) == list(_todos(values))
    assert [
        row["title"] for row in prepared.rows("todos", _todos, {"owner": two_owners[1].pk, "until": until})
    ] == ["theirs"]


def test_a_value_is_bound_as_a_parameter_never_written_into_the_sql(two_owners):
    prepared = PreparedQuery()
    build = lambda v: Todo.objects.filter(notes=v["notes"]).values("title")  # noqa: E731

    prepared.rows("by-notes", build, {"notes": "anything"})
    with CaptureQueriesContext(connection) as queries:
        rows = prepared.rows("by-notes", build, {"notes": "o'clock"})
        injected = prepared.rows("by-notes", build, {"notes": "x' OR '1'='1"})

    assert rows == [{"title": "theirs"}]
    assert injected == []
    assert len(queries.captured_queries) == 2
    compiled = prepared._shapes["by-notes"]
    assert compiled is not None
    assert "anything" not in compiled.sql
    assert "%s" in compiled.sql


def test_a_value_the_orm_rewrites_runs_through_the_orm_every_time(two_owners):
    prepared = PreparedQuery()
    build = lambda v: Todo.objects.filter(title__icontains=v["search"]).values("title")  # noqa: E731

    # icontains escapes and wraps the value ("%...%"): no marker survives, no SQL is kept.
    assert prepared.rows("search", build, {"search": "INE"}) == [{"title": "mine"}]
    assert prepared.rows("search", build, {"search": "%"}) == []
    assert prepared.rows("search", build, {"search": "the"}) == [{"title": "theirs"}]
