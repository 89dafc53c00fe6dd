import datetime
from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from tandem.api.serializers import StrictInputSerializer, output_datetime

from .models import Post
from .selectors import AUTHOR_ME, EXCERPT_LENGTH, author_display_name, display_name

TITLE_MAX = 200
BODY_MAX = 50_000


@extend_schema_serializer(component_name="PostAuthor")
class PostAuthorOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.SerializerMethodField(
        help_text='The name the author chose, else "Member #<id>" (never their email).'
    )

    def get_display_name(self, author) -> str:
        return author_display_name(author)


@extend_schema_serializer(component_name="Post")
class PostOutputSerializer(serializers.ModelSerializer):
    author = PostAuthorOutputSerializer(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "title", "body", "author", "created", "updated", "version"]
        read_only_fields = fields


def post_output(post: Post) -> dict[str, Any]:
    """A post as PostOutputSerializer writes it (a test compares the two), for
    the read and write answers, without building a ModelSerializer's fields
    (and the author's nested serializer) per response."""
    author = post.author
    return {
        "id": post.id,
        "title": post.title,
        "body": post.body,
        "author": {"id": author.pk, "display_name": author_display_name(author)},
        "created": output_datetime(post.created),
        "updated": output_datetime(post.updated),
        "version": post.version,
    }


@extend_schema_serializer(component_name="PostSummary")
class PostSummaryOutputSerializer(serializers.ModelSerializer):
    """A post in a list: the body's first characters rather than all 50,000 of them."""

    author = PostAuthorOutputSerializer(read_only=True)
    excerpt = serializers.SerializerMethodField(
        help_text=f"The body's first {EXCERPT_LENGTH} characters, plain text; see `truncated`."
    )
    truncated = serializers.SerializerMethodField(help_text="True when the body goes on past the excerpt.")

    class Meta:
        model = Post
        fields = ["id", "title", "excerpt", "truncated", "author", "created", "updated", "version"]
        read_only_fields = fields

    # The list selector annotates `excerpt` with EXCERPT_LENGTH + 1 characters of the body.
    def get_excerpt(self, post) -> str:
        return post.excerpt[:EXCERPT_LENGTH]

    def get_truncated(self, post) -> bool:
        return len(post.excerpt) > EXCERPT_LENGTH


# The list's read path: `.values()` rows shaped exactly as PostSummaryOutputSerializer
# shapes a post (a test compares the two), without a DRF field per column.
POST_SUMMARY_ROW_FIELDS = (
    "id",
    "title",
    "excerpt",
    "author_id",
    "author__name",
    "created",
    "updated",
    "version",
)


def post_summary_row(row: dict[str, Any], tz: datetime.tzinfo | None = None) -> dict[str, Any]:
    excerpt = row["excerpt"]
    author_id = row["author_id"]
    return {
        "id": row["id"],
        "title": row["title"],
        "excerpt": excerpt[:EXCERPT_LENGTH],
        "truncated": len(excerpt) > EXCERPT_LENGTH,
        "author": {"id": author_id, "display_name": display_name(author_id, row["author__name"])},
        "created": output_datetime(row["created"], tz),
        "updated": output_datetime(row["updated"], tz),
        "version": row["version"],
    }


class PostCreateInputSerializer(StrictInputSerializer):
    title = serializers.CharField(min_length=1, max_length=TITLE_MAX)
    # Stored verbatim: leading spaces and blank lines are part of plain text.
    body = serializers.CharField(max_length=BODY_MAX, required=False, allow_blank=True, trim_whitespace=False)


class PostUpdateInputSerializer(PostCreateInputSerializer):
    title = serializers.CharField(min_length=1, max_length=TITLE_MAX, required=False)
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The version you last read. Required unless sent as an If-Match header.",
    )


class PostListFilterSerializer(serializers.Serializer):
    author = serializers.ChoiceField(
        choices=[AUTHOR_ME],
        required=False,
        allow_blank=True,
        default="",
        help_text="`me`: only the posts you wrote. Leave out for everyone's.",
    )
