import datetime
from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from tandem.api.serializers import StrictInputSerializer, output_datetime

from .models import Todo
from .selectors import STATUS_ACTIVE, STATUS_ALL, STATUS_DONE


@extend_schema_serializer(component_name="Todo")
class TodoOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Todo
        fields = ["id", "title", "notes", "done", "due_date", "created", "updated", "version"]
        read_only_fields = fields


# The list's read path: `.values()` rows shaped exactly as TodoOutputSerializer
# shapes a todo (a test compares the two), without a DRF field per column.
TODO_ROW_FIELDS = ("id", "title", "notes", "done", "due_date", "created", "updated", "version")


def todo_as_row(todo: Todo) -> dict[str, Any]:
    """A saved todo as the `.values(*TODO_ROW_FIELDS)` row `todo_row` shapes:
    for write responses, without building a ModelSerializer's fields per
    response (most of a create's serializing cost)."""
    return {name: getattr(todo, name) for name in TODO_ROW_FIELDS}


def todo_row(row: dict[str, Any], tz: datetime.tzinfo | None = None) -> dict[str, Any]:
    due = row["due_date"]
    return {
        "id": row["id"],
        "title": row["title"],
        "notes": row["notes"],
        "done": row["done"],
        "due_date": due.isoformat() if due is not None else None,
        "created": output_datetime(row["created"], tz),
        "updated": output_datetime(row["updated"], tz),
        "version": row["version"],
    }


class TodoCreateInputSerializer(StrictInputSerializer):
    title = serializers.CharField(min_length=1, max_length=200)
    notes = serializers.CharField(max_length=10_000, required=False, allow_blank=True, trim_whitespace=False)
    done = serializers.BooleanField(required=False)
    due_date = serializers.DateField(required=False, allow_null=True)


class TodoUpdateInputSerializer(TodoCreateInputSerializer):
    title = serializers.CharField(min_length=1, max_length=200, required=False)
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The version you last read. Required unless sent as an If-Match header.",
    )


class TodoListFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[STATUS_ALL, STATUS_ACTIVE, STATUS_DONE], required=False, default=STATUS_ALL
    )
    search = serializers.CharField(max_length=200, required=False, default="")
