"""Reads. Every query is scoped to its owner: another user's todo does not exist."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.api.prepared import PreparedQuery

from .models import Todo

STATUS_ACTIVE = "active"
STATUS_DONE = "done"
STATUS_ALL = "all"


def todo_list(*, user: User | int, status: str = STATUS_ALL, search: str = "") -> QuerySet[Todo]:
    todos = Todo.objects.filter(owner=user)
    if status == STATUS_ACTIVE:
        todos = todos.filter(done=False)
    elif status == STATUS_DONE:
        todos = todos.filter(done=True)
    if search:
        todos = todos.filter(title__icontains=search)
    return todos


def todo_list_prepared(
    *, user: User, fields: tuple[str, ...], status: str = STATUS_ALL, search: str = ""
) -> tuple[Hashable, Callable[[dict[str, Any]], QuerySet], dict[str, Any]]:
    """`todo_list(...).values(*fields)` as a prepared read (tandem.api.prepared):
    (shape, build, values) for KeysetPagination.paginate."""
    values: dict[str, Any] = {"owner": user.pk}
    if search:
        values["search"] = search

    def build(v: dict[str, Any]) -> QuerySet:
        # todo_list takes a user; its id (or the marker standing for it) filters the same.
        return todo_list(user=v["owner"], status=status, search=v.get("search", "")).values(*fields)

    return ("todos", fields, status, bool(search)), build, values


def todo_get(*, user: User, todo_id: int) -> Todo:
    try:
        return Todo.objects.get(owner=user, pk=todo_id)
    except Todo.DoesNotExist:
        raise Http404 from None


_PREPARED = PreparedQuery()


def todo_row_get(*, user: User, todo_id: int, fields: tuple[str, ...]) -> dict[str, Any]:
    """`todo_get`'s todo as a `.values(*fields)` row, its SQL compiled once (tandem.api.prepared)."""
    rows = _PREPARED.rows(
        ("todo", fields),
        lambda v: Todo.objects.filter(owner_id=v["owner"], pk=v["id"]).values(*fields)[:1],
        {"owner": user.pk, "id": todo_id},
    )
    if not rows:
        raise Http404
    return rows[0]


def todo_open_count(*, user: User) -> int:
    return Todo.objects.filter(owner=user, done=False).count()


def todo_due_soon(*, user: User | int, until: datetime.date, limit: int) -> QuerySet[Todo]:
    """Open todos due on or before `until`, overdue ones included, soonest first."""
    return Todo.objects.filter(owner=user, done=False, due_date__lte=until).order_by("due_date", "id")[:limit]
