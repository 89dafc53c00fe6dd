"""Reads. Every query is scoped to its owner: another user's todo does not exist."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404

from tandem.accounts.models import User

from .models import Todo

STATUS_ACTIVE = "active"
STATUS_DONE = "done"
STATUS_ALL = "all"


def todo_list(*, user: User, status: str = STATUS_ALL, search: str = "") -> QuerySet[Todo]:
    todos = Todo.objects.filter(owner=user)
    if status == STATUS_ACTIVE:
        todos = todos.filter(done=False)
    elif status == STATUS_DONE:
        todos = todos.filter(done=True)
    if search:
        todos = todos.filter(title__icontains=search)
    return todos


def todo_get(*, user: User, todo_id: int) -> Todo:
    try:
        return Todo.objects.get(owner=user, pk=todo_id)
    except Todo.DoesNotExist:
        raise Http404 from None


def todo_open_count(*, user: User) -> int:
    return Todo.objects.filter(owner=user, done=False).count()


def todo_due_soon(*, user: User, until: datetime.date, limit: int) -> QuerySet[Todo]:
    """Open todos due on or before `until`, overdue ones included, soonest first."""
    return Todo.objects.filter(owner=user, done=False, due_date__lte=until).order_by("due_date", "id")[:limit]
