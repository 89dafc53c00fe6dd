from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from tandem.api.serializers import StrictInputSerializer

from .models import Todo
from .selectors import STATUS_ACTIVE, STATUS_ALL, STATUS_DONE


@extend_schema_serializer(component_name="Todo")
class TodoOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Todo
        fields = ["id", "title", "notes", "done", "due_date", "created", "updated", "version"]
        read_only_fields = fields


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
