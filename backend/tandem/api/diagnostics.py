"""Misconfigurations a deployer must hear about: what went wrong, and which
setting fixes it, both in the API's answer (the SPA shows it) and in the log.

A cross-origin SPA that the API's settings do not expect fails in the browser
with little to go on (a CORS error hides the response, a missing cookie looks
like an expired token); these messages name the setting to change.
"""

from __future__ import annotations

import logging
from time import monotonic
from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.middleware.csrf import REASON_BAD_ORIGIN, REASON_NO_CSRF_COOKIE

logger = logging.getLogger("tandem.security")

CSRF_GENERIC_MESSAGE = "CSRF check failed: fetch a new token from /api/csrf/ and retry."

# Django's reason for an untrusted Origin starts with this (the origin follows).
_BAD_ORIGIN_PREFIX = REASON_BAD_ORIGIN.split("%s")[0]
# An Origin header is attacker input: bound what is echoed into answers and logs.
_MAX_ORIGIN_LENGTH = 200

# One warning per (kind, origin) per process per interval: a misconfigured SPA
# repeats the same failing request, and the log must stay readable.
WARNING_INTERVAL_SECONDS = 60.0
_MAX_REMEMBERED = 1024
_last_warned: dict[tuple[str, str], float] = {}


def reset_warnings() -> None:
    """Forget which warnings were given (tests start from a clean slate)."""
    _last_warned.clear()


def warn_once(kind: str, origin: str, message: str, *args: object, **fields: str) -> bool:
    """Logs a WARNING unless the same (kind, origin) was logged within the
    interval; returns whether it logged. `fields` go on the record (the JSON
    log format shows them as keys)."""
    now = monotonic()
    key = (kind, origin)
    last = _last_warned.get(key)
    if last is not None and now - last < WARNING_INTERVAL_SECONDS:
        return False
    if len(_last_warned) >= _MAX_REMEMBERED:
        # Many distinct origins (a scan, forged headers): start over rather than grow.
        _last_warned.clear()
    _last_warned[key] = now
    logger.warning(message, *args, extra={"origin": origin, "diagnosis": kind, **fields})
    return True


def request_origin(request: HttpRequest) -> str | None:
    origin = request.META.get("HTTP_ORIGIN")
    return origin[:_MAX_ORIGIN_LENGTH] if origin else None


def own_origin(request: HttpRequest) -> str | None:
    """The API's origin as this request reached it (what Django's CSRF Origin
    check compares with), or None when the host is not an allowed one."""
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return None


def proxy_scheme_mismatch(request: HttpRequest, origin: str) -> str | None:
    """The API's own origin when the browser is on https:// and the API sees
    plain http:// for the same host: a TLS-terminating proxy the settings do
    not know about. None otherwise."""
    own = own_origin(request)
    if own is None or not own.startswith("http://"):
        return None
    try:
        parsed = urlsplit(origin)
    except ValueError:
        return None
    if parsed.scheme == "https" and f"http://{parsed.netloc}" == own:
        return own
    return None


def _proxy_hint(own: str) -> str:
    return (
        f"the API sees this request as {own}: behind a TLS-terminating proxy, set DJANGO_HTTPS=true "
        "on the API and have the proxy send X-Forwarded-Proto: https"
    )


def _csrf_diagnosis(request: HttpRequest, reason: str, origin: str | None) -> tuple[str, str, str] | None:
    """(kind, setting, message) for a CSRF failure caused by configuration,
    or None when the generic "fetch a new token and retry" applies."""
    if origin is None:
        return None
    if reason.startswith(_BAD_ORIGIN_PREFIX):
        own = proxy_scheme_mismatch(request, origin)
        if own is not None:
            return (
                "csrf_proxy_scheme",
                "DJANGO_HTTPS",
                f"Origin {origin} is not trusted for cookie-authenticated writes: {_proxy_hint(own)}.",
            )
        return (
            "csrf_untrusted_origin",
            "DJANGO_CSRF_TRUSTED_ORIGINS",
            f"Origin {origin} is not trusted for cookie-authenticated writes: "
            "add it to DJANGO_CSRF_TRUSTED_ORIGINS on the API.",
        )
    if reason == REASON_NO_CSRF_COOKIE and origin != own_origin(request):
        # The browser says when the request is not cross-site (Sec-Fetch-Site);
        # then the cookies went missing for another reason (expired, cleared)
        # and a fresh token is the cure. Without the header, assume cross-site.
        if request.META.get("HTTP_SEC_FETCH_SITE") in ("same-origin", "same-site"):
            return None
        return (
            "csrf_cross_site_cookies",
            "VITE_AUTH_MODE",
            f"The browser did not send the API's cookies from {origin}: session mode needs the SPA "
            "and the API on one site. Serve them from one site, or build the SPA with "
            "VITE_AUTH_MODE=token.",
        )
    return None


def csrf_failure_message(request: HttpRequest, reason: str) -> str:
    """The message of a `csrf_failed` error, for Django's CSRF_FAILURE_VIEW and
    DRF's SessionAuthentication alike; logs a warning when it names a setting."""
    origin = request_origin(request)
    diagnosis = _csrf_diagnosis(request, reason, origin)
    if diagnosis is None or origin is None:
        return CSRF_GENERIC_MESSAGE
    kind, setting, message = diagnosis
    warn_once(
        kind,
        origin,
        "CSRF check refused %s %s (%s): %s",
        request.method,
        request.path,
        reason,
        message,
        setting=setting,
    )
    return message
