"""Writes. Updates are optimistic: one conditional UPDATE, no lost writes."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tandem.accounts.models import User
from tandem.api.concurrency import VersionConflict, Versions, version_filter

from .models import Todo
from .selectors import todo_get

UPDATABLE_FIELDS = frozenset({"title", "notes", "done", "due_date"})


def todo_create(
    *,
    user: User,
    title: str,
    notes: str = "",
    done: bool = False,
    due_date: datetime.date | None = None,
) -> Todo:
    return Todo.objects.create(owner=user, title=title, notes=notes, done=done, due_date=due_date)


def todo_update(*, user: User, todo_id: int, expected_versions: Versions, changes: dict[str, Any]) -> Todo:
    """Applies `changes` only if the stored version is one of `expected_versions` (None: any).

    Raises Http404 for a missing or foreign todo, VersionConflict when
    someone else wrote first.
    """
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise ValueError(f"Not updatable: {sorted(unknown)}")
    with transaction.atomic():
        updated = Todo.objects.filter(owner=user, pk=todo_id, **version_filter(expected_versions)).update(
            **changes, version=F("version") + 1, updated=timezone.now()
        )
        todo = todo_get(user=user, todo_id=todo_id)
    if not updated:
        raise VersionConflict(todo)
    return todo


def todo_delete(*, user: User, todo_id: int, expected_versions: Versions = None) -> None:
    """Deletes the todo; with `expected_versions`, only if nobody changed it since."""
    with transaction.atomic():
        todos = Todo.objects.filter(owner=user, pk=todo_id)
        todos = todos.filter(**version_filter(expected_versions))
        deleted, _ = todos.delete()
        if not deleted:
            raise VersionConflict(todo_get(user=user, todo_id=todo_id))
