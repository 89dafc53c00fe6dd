"""Reads. Every signed-in user may read every post; the author comes in the same query."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Left
from django.http import Http404

from tandem.accounts.models import User

from .models import Post

AUTHOR_ME = "me"
EXCERPT_LENGTH = 300

# What a post's author shows of itself: nothing more is loaded (no password hash
# travels from the database for every row of a list).
_AUTHOR_COLUMNS = ("author", "author__name")
_SUMMARY_COLUMNS = ("id", "title", "created", "updated", "version", *_AUTHOR_COLUMNS)


def post_list(*, user: User, author: str = "") -> QuerySet[Post]:
    """Posts newest first, each with `excerpt` (the body's start) instead of the body.

    A page of a list holds up to 100 posts of up to 50,000 characters each:
    the database cuts the body down so a page stays small. One query however
    many posts and authors there are (the author is joined, not fetched per row).
    """
    posts = (
        Post.objects.select_related("author")
        .only(*_SUMMARY_COLUMNS)
        # One character more than shown, so the serializer knows whether it was cut.
        .annotate(excerpt=Left("body", EXCERPT_LENGTH + 1))
        .order_by("-created", "-id")
    )
    if author == AUTHOR_ME:
        posts = posts.filter(author=user)
    return posts


def post_list_prepared(
    *, user: User, fields: tuple[str, ...], author: str = ""
) -> tuple[Hashable, Callable[[dict[str, Any]], QuerySet], dict[str, Any]]:
    """`post_list(...).values(*fields)` as a prepared read (tandem.api.prepared):
    (shape, build, values) for KeysetPagination.paginate."""
    values: dict[str, Any] = {"author": user.pk} if author == AUTHOR_ME else {}

    def build(v: dict[str, Any]) -> QuerySet:
        posts = Post.objects.annotate(excerpt=Left("body", EXCERPT_LENGTH + 1))
        if "author" in v:
            posts = posts.filter(author_id=v["author"])
        return posts.values(*fields)

    return ("posts", fields, author == AUTHOR_ME), build, values


def post_get(*, post_id: int) -> Post:
    try:
        return Post.objects.select_related("author").only(*_SUMMARY_COLUMNS, "body").get(pk=post_id)
    except Post.DoesNotExist:
        raise Http404 from None


def author_display_name(author: User) -> str:
    """What every reader sees of an author: the name they chose, else "Member #<id>".

    Never the email address: posts are read by every signed-in user, and an
    address is not theirs to see."""
    return display_name(author.pk, author.name)


def display_name(author_id: int, name: str) -> str:
    return name or f"Member #{author_id}"
