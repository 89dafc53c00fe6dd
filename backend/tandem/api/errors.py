"""The API's one error shape, shared with allauth headless:

    {"status": 400, "errors": [{"code": "...", "message": "...", "param": "title"}]}

`param` names the offending field and is left out for non-field errors.
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .diagnostics import csrf_failure_message

logger = logging.getLogger("tandem.api")

CSRF_FAILED = "csrf_failed"
# rest_framework.authentication.SessionAuthentication.enforce_csrf: "CSRF Failed: <Django's reason>".
_DRF_CSRF_PREFIX = "CSRF Failed: "

# Stable codes for errors that carry no specific one of their own.
STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "request_too_large",
    415: "unsupported_media_type",
    428: "precondition_required",
    429: "throttled",
    500: "server_error",
    502: "bad_gateway",
    503: "service_unavailable",
}


def encodable(text: str) -> str:
    """`text`, with anything UTF-8 cannot encode (a lone surrogate echoed from
    the request) escaped, so rendering the error can never fail."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def error(code: str, message: str, param: str | None = None) -> dict[str, str]:
    item = {"code": code, "message": encodable(message)}
    if param:
        item["param"] = encodable(param)
    return item


def error_body(status_code: int, errors: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    return {"status": status_code, "errors": errors, **extra}


def error_json_response(
    status_code: int, code: str | None = None, message: str = "", **extra: Any
) -> JsonResponse:
    code = code or STATUS_CODES.get(status_code, "error")
    body = error_body(status_code, [error(code, message or code.replace("_", " ").capitalize())], **extra)
    return JsonResponse(body, status=status_code)


class ApiError(exceptions.APIException):
    """An error raised by a service with its own code, status and extra data."""

    def __init__(
        self,
        *,
        status_code: int,
        code: str,
        message: str,
        param: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail=message, code=code)
        self.status_code = status_code
        self.code = code
        self.param = param
        self.extra = extra or {}


def _flatten_validation(detail: Any, param: str | None = None) -> list[dict[str, str]]:
    if isinstance(detail, dict):
        items: list[dict[str, str]] = []
        for key, value in detail.items():
            if key in (api_settings.NON_FIELD_ERRORS_KEY, "detail"):
                child = param
            else:
                child = f"{param}.{key}" if param else str(key)
            items.extend(_flatten_validation(value, child))
        return items
    if isinstance(detail, list):
        items = []
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                items.extend(_flatten_validation(value, f"{param}.{index}" if param else str(index)))
            else:
                items.extend(_flatten_validation(value, param))
        return items
    code = getattr(detail, "code", None) or "invalid"
    return [error(str(code), str(detail), param)]


# Infrastructure that is down is a 503 the client may retry, not a bug (500).
# Only connection-level errors: an IntegrityError is ours to handle or a real 500.
_UNAVAILABLE: tuple[tuple[tuple[type[Exception], ...], str, str], ...] = (
    (
        (OperationalError, InterfaceError),
        "database_unavailable",
        "The database is unreachable; try again shortly.",
    ),
    (
        (RedisConnectionError, RedisTimeoutError),
        "cache_unavailable",
        "The cache is unreachable; try again shortly.",
    ),
)
RETRY_AFTER_UNAVAILABLE = "5"


def unavailable_response(exc: Exception) -> JsonResponse | None:
    """503 JSON for a database or cache outage, or None for any other error."""
    for types, code, message in _UNAVAILABLE:
        if isinstance(exc, types):
            logger.error("%s: %s", code, exc.__class__.__name__)
            response = error_json_response(503, code, message)
            response["Retry-After"] = RETRY_AFTER_UNAVAILABLE
            return response
    return None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's EXCEPTION_HANDLER: every exception becomes the shared shape."""
    headers: dict[str, str] = {}
    extra: dict[str, Any] = {}

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = ApiError(
            status_code=413,
            code="request_too_large",
            message="The request body is too large.",
        )
    elif isinstance(exc, TooManyFieldsSent):
        # Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1000), raised when the query is first read.
        logger.warning("Refused request: %s", exc)
        exc = ApiError(status_code=400, code="too_many_parameters", message="Too many query parameters.")
    elif isinstance(exc, SuspiciousOperation):
        logger.warning("Refused suspicious request: %s", exc.__class__.__name__)
        exc = ApiError(status_code=400, code="bad_request", message="The request was refused.")

    if isinstance(exc, ApiError):
        errors = [error(exc.code, str(exc.detail), exc.param)]
        extra = exc.extra
    elif isinstance(exc, exceptions.ValidationError):
        errors = _flatten_validation(exc.detail) or [error("invalid", "Invalid input.")]
    elif isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if not isinstance(exc.detail, (list, dict)) else exc.default_code
        message = str(exc.detail)
        if isinstance(exc, exceptions.PermissionDenied) and message.startswith(_DRF_CSRF_PREFIX):
            # SessionAuthentication's CSRF check: the same answer as Django's CSRF_FAILURE_VIEW.
            code = CSRF_FAILED
            request = context["request"]
            message = csrf_failure_message(
                getattr(request, "_request", request), message.removeprefix(_DRF_CSRF_PREFIX)
            )
        errors = [error(str(code), message)]
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            headers["Retry-After"] = str(max(1, math.ceil(exc.wait)))
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            authenticate_header = context["view"].get_authenticate_header(context["request"])
            if authenticate_header:
                headers["WWW-Authenticate"] = authenticate_header
            else:
                exc.status_code = status.HTTP_403_FORBIDDEN
    elif (unavailable := unavailable_response(exc)) is not None:
        return Response(
            json.loads(unavailable.content), status=503, headers={"Retry-After": unavailable["Retry-After"]}
        )
    else:
        logger.exception("Unhandled error in %s", context.get("view").__class__.__name__)
        return Response(
            error_body(500, [error("server_error", "Something went wrong on our side.")]),
            status=500,
        )

    return Response(error_body(exc.status_code, errors, **extra), status=exc.status_code, headers=headers)
