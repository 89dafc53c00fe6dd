from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger("tandem.accounts")

# "Last seen" on the sessions page is exact to this many seconds; in exchange
# a signed-in request writes to the database at most once per interval.
ACTIVITY_INTERVAL_SECONDS = 60


def activity_cache_key(session_key: str) -> str:
    return f"usersession-seen:{session_key}"


def mark_seen(session_key: str) -> bool:
    """True when this session's activity is due to be recorded now."""
    return cache.add(activity_cache_key(session_key), 1, ACTIVITY_INTERVAL_SECONDS)


class UserSessionActivityMiddleware:
    """allauth's UserSessionsMiddleware, throttled and after the view.

    allauth's middleware writes the session row (IP, user agent, last seen) on
    every signed-in request and before the view runs. This one records the
    same through allauth's own `create_from_request`, once a minute per
    session, after the response, and never turns a tracking failure into an
    error for the request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code >= 500:
            return response
        session = getattr(request, "session", None)
        user = request.__dict__.get("user")
        # Only requests whose view already asked who is signed in: never load
        # the session or the user just for this (health checks, CSRF, outages).
        if session is None or user is None or not session.session_key:
            return response
        if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
            return response
        if not user.is_authenticated:
            return response
        try:
            # Marked already when authentication read the session's record.
            due = request.__dict__.get("tandem_seen")
            if due if due is not None else mark_seen(session.session_key):
                from allauth.usersessions.models import UserSession

                UserSession.objects.create_from_request(request)
        except Exception:
            # Best effort: a cache or database hiccup must not fail the request.
            logger.warning("Could not record session activity", exc_info=True)
        return response
