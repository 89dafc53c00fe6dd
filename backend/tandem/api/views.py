from __future__ import annotations

import logging
import sys

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as django_server_error

from .diagnostics import csrf_failure_message
from .errors import CSRF_FAILED, RETRY_AFTER_UNAVAILABLE, error_json_response, unavailable_response
from .middleware import API_PREFIX

logger = logging.getLogger("tandem.api")


def csrf_failure(request: HttpRequest, reason: str = "") -> JsonResponse:
    """CSRF_FAILURE_VIEW: JSON with a stable code for the API, so the client
    can fetch a fresh token and retry, and a message naming the setting to
    change when configuration is the cause; Django's page for the admin."""
    if not request.path.startswith(API_PREFIX):
        return django_csrf_failure(request, reason=reason)
    return error_json_response(403, CSRF_FAILED, csrf_failure_message(request, reason))


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. Errors raised outside a view (a middleware reading the session
    from a Redis that is down, say) end here, not in our middleware: give the
    API its JSON, and a 503 when the cause is an outage."""
    if not request.path.startswith(API_PREFIX):
        return django_server_error(request)
    return unavailable_response(sys.exc_info()[1]) or error_json_response(
        500, "server_error", "Something went wrong on our side."
    )


@require_GET
@never_cache
def csrf_token(request: HttpRequest) -> JsonResponse:
    """Hands the SPA a CSRF token (and sets the cookie) before its first write.

    The token is in the body too, so an SPA on another subdomain, which cannot
    read the API's cookie, can still send it in the X-CSRFToken header."""
    return JsonResponse({"csrf_token": get_token(request)})


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not ready", never a 500
        logger.warning("Health check: database unreachable (%s)", exc.__class__.__name__)
        response = error_json_response(503, "database_unavailable", "The database is unreachable.")
        response["Retry-After"] = RETRY_AFTER_UNAVAILABLE
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def bench_bare(request: HttpRequest) -> JsonResponse:
    """The benchmark's baseline: Django and its middleware, no DRF, no auth, no
    database. Routed only when TANDEM_BENCH_ENDPOINTS is on (bench/run.py)."""
    return JsonResponse({"status": "ok"})


def allauth_openapi(request: HttpRequest, fmt: str) -> HttpResponse:
    """Development only (like allauth's own): allauth's specification with
    Tandem's corrections, the same document as openapi/allauth.yaml."""
    import json

    import yaml

    from .allauth_spec import corrected_schema

    spec = corrected_schema()
    if fmt == "json":
        return HttpResponse(json.dumps(spec), content_type="application/vnd.oai.openapi+json")
    return HttpResponse(
        yaml.safe_dump(spec, sort_keys=True, allow_unicode=True), content_type="application/vnd.oai.openapi"
    )
