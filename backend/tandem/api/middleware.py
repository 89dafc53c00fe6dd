from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from itertools import accumulate
from typing import ClassVar

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.messages.storage import default_storage
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.signals import setting_changed
from django.db import DataError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

from .diagnostics import own_origin, proxy_scheme_mismatch, request_origin, warn_once
from .errors import STATUS_CODES, error_json_response, unavailable_response
from .ratelimits import with_retry_after

logger = logging.getLogger("tandem.api")

API_PREFIX = "/api/"

_MESSAGES = {
    400: "The request could not be understood (is the body valid JSON?).",
    404: "No such endpoint.",
    405: "This method is not allowed here.",
    413: "The request body is too large.",
    429: "Too many requests: slow down and try again shortly.",
    500: "Something went wrong on our side.",
}

# For JSON answers that came without an `errors` list, e.g. allauth's bare
# {"status": 400} for a refused (rotated, revoked, garbage) refresh token.
_REFUSED = {400: "The request was refused.", 429: _MESSAGES[429]}


class JsonApiErrorsMiddleware:
    """Everything under /api/ answers JSON, whoever produced the error.

    DRF views already use the shared shape. This catches the rest in one
    place: Django's own 404/500 pages, allauth's empty text/html 400 for
    malformed JSON, its body-less `{"status": 400}` for a refused refresh
    token, and exceptions raised outside DRF.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not request.path.startswith(API_PREFIX):
            return response
        if getattr(response, "streaming", False):
            return response
        content_type = response.get("Content-Type", "")
        if "json" not in content_type:
            return with_retry_after(request, self._replace(response))
        # allauth's rate limits answer without Retry-After (see ratelimits.py).
        return with_retry_after(request, self._complete(response))

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, RequestDataTooBig):
            # Raised when a non-DRF view (allauth) reads an oversized body.
            return error_json_response(413, message=_MESSAGES[413])
        if isinstance(exception, TooManyFieldsSent):
            logger.warning("Refused %s %s: %s", request.method, request.path, exception)
            return error_json_response(400, TOO_MANY_PARAMETERS, TOO_MANY_PARAMETERS_MESSAGE)
        if isinstance(exception, SuspiciousOperation):
            # Django answers these 400 (and logs them as security events); the
            # response then passes back through __call__, which makes it JSON.
            return None
        unavailable = unavailable_response(exception)
        if unavailable is not None:
            return unavailable
        if isinstance(exception, (OverflowError, DataError)):
            # A number the database cannot hold (an authenticator id of 10**30 sent to
            # allauth): the client's input, raised while the query is built or run.
            return error_json_response(400, "out_of_range", "A value in the request is out of range.")
        logger.exception("Unhandled error on %s %s", request.method, request.path)
        return error_json_response(500, message=_MESSAGES[500])

    def _replace(self, response: HttpResponse) -> HttpResponse:
        status = response.status_code
        replacement = error_json_response(status, message=_MESSAGES.get(status, ""))
        for header in ("Retry-After", "Allow", "WWW-Authenticate", "Vary"):
            if header in response:
                replacement[header] = response[header]
        return replacement

    def _complete(self, response: HttpResponse) -> HttpResponse:
        # Only small bodies that lack an `errors` list and `data` (allauth's
        # 401 carries flows in `data`, which the client needs) are touched.
        if len(response.content) > 64 or response.status_code == 401:
            return response
        try:
            body = json.loads(response.content)
        except ValueError:
            return self._replace(response)
        if not isinstance(body, dict) or "errors" in body or "data" in body:
            return response
        status = response.status_code
        code = STATUS_CODES.get(status, "error")
        body["errors"] = [
            {"code": code, "message": _REFUSED.get(status, code.replace("_", " ").capitalize())}
        ]
        response.content = json.dumps(body).encode()
        response["Content-Length"] = str(len(response.content))
        return response


# --- Request bodies no parser should see ---------------------------------------------

# Real bodies nest three or four levels; Python's json recurses per level and
# fails (RecursionError, a 500) near 1000, far below the size limit.
MAX_JSON_DEPTH = 64
JSON_TOO_DEEP = "json_too_deep"
INVALID_UNICODE = "invalid_unicode"
TOO_MANY_PARAMETERS = "too_many_parameters"
TOO_MANY_PARAMETERS_MESSAGE = "Too many query parameters."

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
# \ud800-\udfff: half of a surrogate pair, text only when its other half follows.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_OPENERS = b"[{"
_CLOSERS = b"]}"
# Openers become +1, closers -1 (as a signed byte), everything else is dropped.
_DEPTH_TABLE = bytes(1 if b in _OPENERS else 255 if b in _CLOSERS else 0 for b in range(256))
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _OPENERS + _CLOSERS)


def json_depth(body: bytes) -> int:
    """How deeply `body`'s arrays and objects nest, brackets inside strings not counted."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return 0  # cannot be deeper than it has openers: the common, cheap case
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS).translate(_DEPTH_TABLE)
    return max(accumulate(memoryview(brackets).cast("b")), default=0)


def _has_lone_surrogate(value: object) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


def has_lone_surrogate(body: bytes) -> bool:
    """Whether the JSON `body` escapes half a surrogate pair (e.g. "\\ud800"): valid
    JSON, but no text a database, a hasher or a UTF-8 response can hold."""
    if not _SURROGATE_ESCAPE.search(body):
        return False  # the common case: no such escape at all
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return False  # not JSON: the view's own parser refuses it
    return _has_lone_surrogate(data)


class JsonBodyGuardMiddleware:
    """Refuses, before any parser sees it, a body under /api/ that Python's json
    would turn into a server error: nesting deep enough to exhaust the recursion
    limit, or a lone surrogate that cannot be encoded (by Argon2, the database or
    the renderer echoing it back).

    One place for both APIs: DRF parses with its JSONParser, allauth headless
    with its own json.loads (whatever the Content-Type), neither catches either.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "OPTIONS") and request.path.startswith(API_PREFIX):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def _refusal(request: HttpRequest) -> HttpResponse | None:
        try:
            body = request.body
        except RequestDataTooBig:
            return error_json_response(413, message=_MESSAGES[413])
        if not body:
            return None
        if json_depth(body) > MAX_JSON_DEPTH:
            return error_json_response(
                400, JSON_TOO_DEEP, f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels."
            )
        if has_lone_surrogate(body):
            return error_json_response(
                400, INVALID_UNICODE, "The JSON body holds an unpaired surrogate escape (e.g. \\ud800)."
            )
        return None


class CorsRefusalLogMiddleware:
    """Logs, once a minute per origin, a cross-origin request to /api/ that
    CorsMiddleware did not grant, with the setting to change.

    The browser hides such a response from the SPA (all it sees is a network
    error), so the server log is where the deployer learns why. The response
    itself is left alone. It wraps CorsMiddleware (placed just before it in
    MIDDLEWARE) to see the final headers, preflights included, which
    CorsMiddleware answers without calling the layers inside it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The hot path: same-origin GETs carry no Origin header.
        if "HTTP_ORIGIN" not in request.META or "Access-Control-Allow-Origin" in response:
            return response
        origin = request_origin(request)
        # "null" (sandboxed frames, file: pages) is no deployment to allow-list.
        if not origin or origin == "null" or not request.path.startswith(API_PREFIX):
            return response
        own = own_origin(request)
        # Same-origin writes carry an Origin too; a disallowed Host is refused
        # (and logged) by Django whatever the origin.
        if own is None or origin == own:
            return response
        self._warn(request, origin)
        return response

    @staticmethod
    def _warn(request: HttpRequest, origin: str) -> None:
        own = proxy_scheme_mismatch(request, origin)
        if own is not None:
            warn_once(
                "cors_proxy_scheme",
                origin,
                "Request from %s to %s looks cross-origin to the API, which sees its own origin as %s: "
                "behind a TLS-terminating proxy, set DJANGO_HTTPS=true on the API and have the proxy "
                "send X-Forwarded-Proto: https.",
                origin,
                request.path,
                own,
                setting="DJANGO_HTTPS",
            )
            return
        warn_once(
            "cors_refused",
            origin,
            "Refused cross-origin request from %s to %s: add %s to DJANGO_CORS_ALLOWED_ORIGINS "
            "(and to DJANGO_CSRF_TRUSTED_ORIGINS for session mode).",
            origin,
            request.path,
            origin,
            setting="DJANGO_CORS_ALLOWED_ORIGINS",
        )


# --- Response headers that are the same for every response ------------------------------

_CSP_CUSTOMISED = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, building the policy header once instead of per response.

    The policy is a function of the settings alone unless a view customised it
    (django-csp's decorators) or asked for a nonce; those responses take
    django-csp's own path. The header goes on the same responses as before
    (exempt, excluded prefixes and DEBUG error pages included).
    """

    _policies: ClassVar[dict[bool, str]] = {}

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _CSP_CUSTOMISED
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for report_only, header, setting, exempt in (
            (False, CSP_HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt"),
            (True, CSP_HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro"),
        ):
            policy = self._policies.get(report_only)
            if policy is None:
                policy = self._policies[report_only] = build_policy(report_only=report_only)
            if not policy or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@receiver(setting_changed)
def _forget_policies(*, setting: str, **kwargs: object) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        ContentSecurityPolicyMiddleware._policies.clear()


class MessageMiddleware(DjangoMessageMiddleware):
    """Django's MessageMiddleware, building the message storage (a signed-cookie
    and a session backend) only when something adds or reads a message: the
    admin and allauth's flows do, the API's reads never do."""

    def process_request(self, request: HttpRequest) -> None:
        request._messages = SimpleLazyObject(lambda: default_storage(request))  # type: ignore[attr-defined]

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)
