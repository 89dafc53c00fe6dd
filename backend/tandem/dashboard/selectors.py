"""The dashboard: a few bounded reads from other apps, composed into one answer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tandem.accounts.models import User
from tandem.posts.models import Post
from tandem.posts.selectors import post_list
from tandem.todos.models import Todo
from tandem.todos.selectors import todo_due_soon, todo_open_count

DUE_SOON_DAYS = 7
DUE_SOON_LIMIT = 5
LATEST_POSTS_LIMIT = 5


@dataclass(frozen=True)
class Dashboard:
    today: datetime.date
    open_todos_count: int
    due_soon: list[Todo]
    latest_posts: list[Post]


def dashboard_get(*, user: User) -> Dashboard:
    """Three queries whatever the amount of data: a count and two short, limited lists."""
    # The server's date (settings.TIME_ZONE): sent along so the SPA marks "overdue"
    # against the same day the list was cut at.
    today = timezone.localdate()
    return Dashboard(
        today=today,
        open_todos_count=todo_open_count(user=user),
        due_soon=list(
            todo_due_soon(
                user=user, until=today + datetime.timedelta(days=DUE_SOON_DAYS), limit=DUE_SOON_LIMIT
            )
        ),
        latest_posts=list(post_list(user=user)[:LATEST_POSTS_LIMIT]),
    )
