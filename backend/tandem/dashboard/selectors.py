"""The dashboard: a few bounded reads from other apps, composed into one answer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models.functions import Left
from django.utils import timezone

from tandem.accounts.models import User
from tandem.api.prepared import PreparedQuery
from tandem.posts.models import Post
from tandem.posts.selectors import EXCERPT_LENGTH
from tandem.todos.selectors import STATUS_ACTIVE, todo_due_soon, todo_list

DUE_SOON_DAYS = 7
DUE_SOON_LIMIT = 5
LATEST_POSTS_LIMIT = 5


# The three reads, compiled once per process (tandem.api.prepared).
_PREPARED = PreparedQuery()


@dataclass(frozen=True)
class Dashboard:
    today: datetime.date
    open_todos_count: int
    due_soon: list[dict[str, Any]]  # `.values(*todo_fields)` rows
    latest_posts: list[dict[str, Any]]  # `.values(*post_fields)` rows


def dashboard_get(*, user: User, todo_fields: tuple[str, ...], post_fields: tuple[str, ...]) -> Dashboard:
    """Three queries whatever the amount of data: a count and two short, limited lists."""
    # The server's date (settings.TIME_ZONE): sent along so the SPA marks "overdue"
    # against the same day the list was cut at.
    today = timezone.localdate()
    until = today + datetime.timedelta(days=DUE_SOON_DAYS)
    counted = _PREPARED.rows(
        ("open-count",),
        lambda v: (
            todo_list(user=v["owner"], status=STATUS_ACTIVE)
            .order_by()
            .values("owner_id")
            .annotate(n=Count("id"))
            .values("n")
        ),
        {"owner": user.pk},
    )
    due_soon = _PREPARED.rows(
        ("due-soon", todo_fields),
        lambda v: todo_due_soon(user=v["owner"], until=v["until"], limit=DUE_SOON_LIMIT).values(*todo_fields),
        {"owner": user.pk, "until": until},
    )
    latest_posts = _PREPARED.rows(
        ("latest-posts", post_fields),
        lambda v: (
            Post.objects.annotate(excerpt=Left("body", EXCERPT_LENGTH + 1))
            .order_by("-created", "-id")
            .values(*post_fields)[:LATEST_POSTS_LIMIT]
        ),
        {},
    )
    return Dashboard(
        today=today,
        open_todos_count=counted[0]["n"] if counted else 0,
        due_soon=due_soon,
        latest_posts=latest_posts,
    )
