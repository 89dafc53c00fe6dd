"""Retry-After for allauth's rate limits, which answer without one.

allauth keeps its counters in the cache (Redis when REDIS_URL is set, so the
limits hold across workers) but does not say when a limited client may try
again. The value here is conservative: the longest period among the limits
of the action the path belongs to (e.g. 300 s for "5/5m/key"), so a client
that waits that long is never still limited by that action.
"""

from __future__ import annotations

import json
import re

from django.http import HttpRequest, HttpResponse

from .errors import error_json_response

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_AUTH = r"^/api/auth/(?:browser|app)/v1"

# Which allauth rate-limit actions guard which headless endpoint.
_ACTIONS_BY_PATH: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(rf"{_AUTH}/auth/login$"), ("login", "login_failed")),
    (re.compile(rf"{_AUTH}/auth/signup$"), ("signup",)),
    (re.compile(rf"{_AUTH}/auth/password/request$"), ("reset_password",)),
    (re.compile(rf"{_AUTH}/auth/password/reset$"), ("reset_password_from_key",)),
    (re.compile(rf"{_AUTH}/account/password/change$"), ("change_password",)),
    (re.compile(rf"{_AUTH}/account/email$"), ("manage_email", "confirm_email")),
    (re.compile(rf"{_AUTH}/auth/reauthenticate$"), ("reauthenticate",)),
    (re.compile(rf"{_AUTH}/auth/code/"), ("request_login_code",)),
    (re.compile(rf"{_AUTH}/auth/webauthn/login$"), ("webauthn_login",)),
]

LOGIN_FAILURES = "too_many_login_attempts"
# allauth refuses a verification email resent within its "confirm_email" limit
# with a body-less 403 (RequestEmailVerificationResponse); it is a rate limit.
_RESEND_VERIFICATION = re.compile(rf"{_AUTH}/account/email$")


def rate_period(rate: str) -> int:
    """Seconds of one allauth rate, e.g. "5/5m/key" → 300, "20/m/ip" → 60."""
    parts = rate.strip().split("/")
    match = re.fullmatch(r"(\d*)([smhd])", parts[1].strip()) if len(parts) > 1 else None
    if not match:
        return 60
    return int(match.group(1) or 1) * _UNITS[match.group(2)]


def _rates() -> dict[str, str]:
    from allauth.account import app_settings as account_settings
    from allauth.mfa import app_settings as mfa_settings

    return {**account_settings.RATE_LIMITS, **mfa_settings.RATE_LIMITS}


def retry_after_seconds(path: str) -> int:
    rates = _rates()
    actions = next((names for pattern, names in _ACTIONS_BY_PATH if pattern.search(path)), tuple(rates))
    periods = [
        rate_period(rate) for name in actions for rate in (rates.get(name) or "").split(",") if rate.strip()
    ]
    return max(periods, default=60)


def _is_login_lockout(response: HttpResponse) -> bool:
    if response.status_code != 400 or LOGIN_FAILURES.encode() not in response.content:
        return False
    try:
        errors = json.loads(response.content).get("errors", [])
    except (ValueError, AttributeError):
        return False
    return any(isinstance(item, dict) and item.get("code") == LOGIN_FAILURES for item in errors)


def _is_resend_limited(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 403
        and request.method == "PUT"
        and _RESEND_VERIFICATION.search(request.path) is not None
    )


def with_retry_after(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """429s get a Retry-After; allauth's 400 lockout after too many failed
    logins, and its 403 for a verification email resent too soon, become the
    429s they are (same JSON shape, a stable code)."""
    if _is_resend_limited(request, response):
        replacement = error_json_response(
            429, code="throttled", message="A verification email was sent recently. Try again later."
        )
        replacement["Retry-After"] = str(max(rate_period(r) for r in _rates()["confirm_email"].split(",")))
        return replacement
    if _is_login_lockout(response):
        replacement = error_json_response(
            429, code=LOGIN_FAILURES, message="Too many failed login attempts. Try again later."
        )
        replacement["Retry-After"] = str(retry_after_seconds(request.path))
        return replacement
    if response.status_code == 429 and "Retry-After" not in response:
        response["Retry-After"] = str(retry_after_seconds(request.path))
    return response
