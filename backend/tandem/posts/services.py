"""Writes. Only a post's author may change it; updates are optimistic (one conditional UPDATE)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied

from tandem.accounts.models import User
from tandem.api.concurrency import VersionConflict, Versions, version_filter

from .models import Post
from .selectors import post_get

UPDATABLE_FIELDS = frozenset({"title", "body"})
NOT_THE_AUTHOR = "Only the author of this post can change or delete it."


def post_create(*, user: User, title: str, body: str = "") -> Post:
    return Post.objects.create(author=user, title=title, body=body)


def post_get_for_write(*, user: User, post_id: int) -> Post:
    """The post, if `user` may change it.

    Raises Http404 when it does not exist and PermissionDenied (403) when
    someone else wrote it: every signed-in user can read it, so hiding it
    behind a 404 would protect nothing and only confuse.
    """
    post = post_get(post_id=post_id)
    if post.author_id != user.pk:
        raise PermissionDenied(NOT_THE_AUTHOR)
    return post


def post_update(*, user: User, post_id: int, expected_versions: Versions, changes: dict[str, Any]) -> Post:
    """Applies `changes` only if the stored version is one of `expected_versions` (None: any).

    Raises Http404, PermissionDenied, or VersionConflict when someone wrote first.
    """
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise ValueError(f"Not updatable: {sorted(unknown)}")
    post_get_for_write(user=user, post_id=post_id)
    with transaction.atomic():
        # `author=user` again: the write itself, not only the check above, is scoped.
        updated = Post.objects.filter(pk=post_id, author=user, **version_filter(expected_versions)).update(
            **changes, version=F("version") + 1, updated=timezone.now()
        )
        post = post_get(post_id=post_id)
    if not updated:
        raise VersionConflict(post)
    return post


def post_delete(*, user: User, post_id: int, expected_versions: Versions = None) -> None:
    """Deletes the post; with `expected_versions`, only if nobody changed it since."""
    post_get_for_write(user=user, post_id=post_id)
    with transaction.atomic():
        posts = Post.objects.filter(pk=post_id, author=user)
        posts = posts.filter(**version_filter(expected_versions))
        deleted, _ = posts.delete()
        if not deleted:
            raise VersionConflict(post_get(post_id=post_id))
