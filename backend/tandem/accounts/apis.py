"""Account endpoints allauth has no headless API for: profile, delete account,
and the development outbox."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.errors import error_json_response
from tandem.api.schema import ErrorResponseSerializer, unauthorized_or_reauthenticate

from . import services
from .email import outbox_dir, read_outbox
from .serializers import ProfileOutputSerializer, ProfileUpdateInputSerializer

ERRORS = {code: ErrorResponseSerializer for code in (400, 401, 403, 429)}


class ProfileApi(APIView):
    @extend_schema(
        operation_id="account_profile_retrieve", responses={200: ProfileOutputSerializer, **ERRORS}
    )
    def get(self, request: Request) -> Response:
        return Response(ProfileOutputSerializer(request.user).data)

    @extend_schema(
        operation_id="account_profile_update",
        request=ProfileUpdateInputSerializer,
        responses={200: ProfileOutputSerializer, **ERRORS},
    )
    def patch(self, request: Request) -> Response:
        serializer = ProfileUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.update_profile(request.user, name=serializer.validated_data["name"])
        return Response(ProfileOutputSerializer(user).data)


class AccountApi(APIView):
    @extend_schema(
        operation_id="account_delete",
        description=(
            "Deletes the signed-in user and everything they own (todos, posts), ends all "
            "their sessions. Needs a recent re-authentication: otherwise 401 with allauth's "
            "`reauthenticate` flows, as allauth's own sensitive endpoints answer."
        ),
        request=None,
        responses={
            204: OpenApiResponse(description="Deleted and signed out."),
            **ERRORS,
            401: unauthorized_or_reauthenticate("AccountDeleteUnauthorized"),
        },
    )
    def delete(self, request: Request) -> Response:
        from allauth.account.internal.flows.reauthentication import (
            did_recently_reauthenticate,
            get_reauthentication_flows,
        )

        django_request = request._request
        # Token mode: the re-authentication is recorded in the session the access
        # token belongs to, not in a cookie session (there is none).
        django_request.session = services.session_of(request)
        if not did_recently_reauthenticate(django_request):
            # The shape of allauth's own ReauthenticationResponse (which needs
            # allauth's headless request context, absent on a DRF view).
            body = {
                "status": 401,
                "data": {"flows": get_reauthentication_flows(request.user)},
                "meta": {"is_authenticated": True},
            }
            return Response(body, status=status.HTTP_401_UNAUTHORIZED)
        services.delete_account(django_request, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@require_GET
def dev_outbox(request: HttpRequest) -> JsonResponse:
    """Recent emails with their links: development only (404 when DEBUG is off)."""
    folder = outbox_dir()
    if not settings.DEBUG or folder is None:
        return error_json_response(404, message="No such endpoint.")
    return JsonResponse({"results": read_outbox(folder)})
