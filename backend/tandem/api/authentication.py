"""The only two ways into the domain API: allauth's JWT and the session cookie.

Both keep allauth's and Django's stateful guarantees (a logged-out token or
session is refused at once) but answer a repeat visitor from the session's
auth record (tandem.accounts.authrecords) instead of loading the session and
the user from the database on every request.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.core.internal.httpkit import get_authorization_credential
from allauth.headless import app_settings as headless_settings
from allauth.headless.contrib.rest_framework.authentication import JWTTokenAuthentication
from allauth.headless.internal.sessionkit import lookup_session
from allauth.headless.tokens.strategies.jwt import internal as jwt_internal
from django.conf import settings
from rest_framework import authentication
from rest_framework.exceptions import AuthenticationFailed

from tandem.accounts import authrecords
from tandem.accounts.tokens import TandemJWTTokenStrategy


def decode_access_token(token: str) -> tuple[dict[str, Any], str] | None:
    """The verified payload and the session key of an access token.

    Verifying the RS256 signature and decrypting the session id are pure
    functions of the token, so this process remembers them; the expiry is
    checked on every use, and the session's state is never remembered here.
    """
    decoded = authrecords.memo_get(("jwt", token))
    if decoded is None:
        payload = jwt_internal.decode_token(token, "access")
        if payload is None:
            return None
        session_key = jwt_internal.session_key_from_sid(payload["sid"])
        if not session_key:
            return None
        decoded = (payload, session_key)
        authrecords.memo_set(("jwt", token), decoded)
    if decoded[0]["exp"] <= time.time():
        return None
    return decoded


def user_for_access_token(token: str, request: Any = None) -> tuple[Any, dict[str, Any]] | None:
    """allauth's stateful `validate_access_token`, answered from the session's
    record when there is one (the same checks ran when it was made)."""
    if not headless_settings.JWT_STATEFUL_VALIDATION_ENABLED:
        return jwt_internal.validate_access_token(token)
    decoded = decode_access_token(token)
    if decoded is None:
        return None
    payload, session_key = decoded
    user = authrecords.lookup(session_key, payload["sub"], request=request) or authrecords.lookup_in_database(
        session_key, payload["sub"]
    )
    if user is not None:
        return user, payload
    session = lookup_session(session_key)
    if session is None:
        return None
    user = jwt_internal.validate_token_user(payload, session)
    if user is None:
        return None
    authrecords.remember(session_key, user, authrecords.session_expiry(session))
    return user, payload


class JWTAuthentication(JWTTokenAuthentication):
    """Bearer access tokens issued by allauth headless's `app` client.

    Validation is stateful (HEADLESS_JWT_STATEFUL_VALIDATION_ENABLED): a token
    whose session was logged out or ended is refused before it expires.
    """

    def authenticate(self, request):
        self._request = request
        return super().authenticate(request)

    def authenticate_credentials(self, key: str):
        user_payload = user_for_access_token(key, getattr(self, "_request", None))
        if user_payload is None:
            raise AuthenticationFailed("Invalid token.")
        return user_payload


class SessionAuthentication(authentication.SessionAuthentication):
    """Session cookie of allauth's `browser` client; DRF enforces CSRF for it."""

    def authenticate(self, request):
        django_request = request._request
        session_key = django_request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if session_key:
            user = authrecords.lookup(
                session_key, request=request, track_activity=True
            ) or authrecords.lookup_in_database(session_key, None)
            if user is not None:
                # What Django's AuthenticationMiddleware would have loaded; the
                # answer still depends on the cookie (SessionMiddleware adds
                # `Vary: Cookie` for an accessed session), though nothing was read.
                django_request.user = user
                django_request.session.accessed = True
                self.enforce_csrf(request)
                return (user, None)
        result = super().authenticate(request)
        session = django_request.session
        if result is not None and session_key and session.session_key == session_key:
            authrecords.remember(session_key, result[0], authrecords.session_expiry(session))
            authrecords.remember_session_user(session_key, result[0])
        return result


class JWTTokenStrategy(TandemJWTTokenStrategy):
    """allauth's JWT strategy (HEADLESS_TOKEN_STRATEGY) for its own endpoints,
    validating the bearer token as the domain API does: from the session's
    auth record when there is one, with the same stateful checks otherwise."""

    def _get_access_token(self, request):
        token = get_authorization_credential(request, headless_settings.JWT_AUTHORIZATION_HEADER_SCHEME)
        if token is None:
            return None
        # allauth asks twice per request (the session token, then the user);
        # a read cannot revoke the session between the two, a write can.
        safe = request.method in ("GET", "HEAD")
        answered = getattr(request, "_tandem_access_token", None) if safe else None
        if answered is not None and answered[0] == token:
            return answered[1]
        user_payload = user_for_access_token(token)
        payload = user_payload[1] if user_payload is not None else None
        if safe:
            request._tandem_access_token = (token, payload)
        return payload
