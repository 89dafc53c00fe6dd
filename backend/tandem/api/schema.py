"""OpenAPI components for the shared error shape (documentation only)."""

from rest_framework import serializers


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable code, e.g. `invalid`, `not_found`.")
    message = serializers.CharField(help_text="Human-readable explanation.")
    param = serializers.CharField(required=False, help_text="The offending field, when there is one.")


class ErrorResponseSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    errors = ErrorItemSerializer(many=True)


class CsrfTokenSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()


class HealthSerializer(serializers.Serializer):
    status = serializers.CharField()
    database = serializers.CharField()


def cursor_page(name: str, item: serializers.Serializer) -> serializers.Serializer:
    """The envelope of every cursor-paginated list."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "next": serializers.URLField(allow_null=True, help_text="Next page, or null on the last."),
            "previous": serializers.URLField(allow_null=True),
            "results": item,
        },
    )()
