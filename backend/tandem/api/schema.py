"""OpenAPI components for the shared error shape (documentation only)."""

from rest_framework import serializers


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable code, e.g. `invalid`, `not_found`.")
    message = serializers.CharField(help_text="Human-readable explanation.")
    param = serializers.CharField(required=False, help_text="The offending field, when there is one.")


class ErrorResponseSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    errors = ErrorItemSerializer(many=True)


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


class FlowSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="An allauth flow, e.g. `reauthenticate`, `mfa_reauthenticate`.")


class ReauthenticationFlowsSerializer(serializers.Serializer):
    flows = FlowSerializer(many=True, help_text="The ways to prove it is you again.")


class ReauthenticationMetaSerializer(serializers.Serializer):
    is_authenticated = serializers.BooleanField(help_text="Always true: the user is signed in.")


class ReauthenticationRequiredSerializer(serializers.Serializer):
    """allauth's own answer when a sensitive action needs a recent re-authentication."""

    status = serializers.IntegerField(help_text="401")
    data = ReauthenticationFlowsSerializer()
    meta = ReauthenticationMetaSerializer()


def unauthorized_or_reauthenticate(name: str):
    """A 401 that is either the plain error (not signed in) or allauth's `reauthenticate` flows."""
    from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer

    return OpenApiResponse(
        PolymorphicProxySerializer(
            component_name=name,
            serializers=[ErrorResponseSerializer, ReauthenticationRequiredSerializer],
            resource_type_field_name=None,
        ),
        description="Not signed in (the error shape), or signed in but not recently enough: "
        "allauth's `reauthenticate` flows (`meta.is_authenticated` true). Re-authenticate "
        "with one of the flows, then repeat the request.",
    )
