"""allauth's JWT strategy, plus refresh-token reuse detection (RFC 9700 §4.14.2).

Every refresh rotates the refresh token: the one presented is retired and a
new one issued. A retired token presented again means two parties hold the
same token family, one of them a thief (or a client that lost the answer to
its own refresh): the server cannot tell which, so the session it belongs to
ends, and every access and refresh token of it is refused at once.

The legitimate two-tab race must not trip this. @tandem/client refreshes
under a Web Lock and reads the stored (newest) refresh token once it holds
the lock, but another tab's view of localStorage can lag behind the write of
the tab that refreshed a moment before (browsers propagate storage between
renderer processes asynchronously). So a token retired less than
TANDEM_REFRESH_REUSE_GRACE_SECONDS ago is only refused, not taken for theft:
the client then waits for the newer token to reach it and uses that. A token
presented again after the grace period ends the session.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from allauth.headless import app_settings
from allauth.headless.tokens.strategies.jwt import JWTTokenStrategy, internal
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

security_log = logging.getLogger("tandem.security")

REFRESH_TOKEN_REUSE = "refresh_token_reuse"  # noqa: S105 (an event name)
# The session keeps, for the grace period, when each refresh token was rotated out.
RETIRED_KEY = "tandem_retired_refresh_tokens"


def _grace_seconds() -> float:
    return float(getattr(settings, "TANDEM_REFRESH_REUSE_GRACE_SECONDS", 10))


def _remember_retired(session: SessionBase, jti: str) -> None:
    now = time.time()
    grace = _grace_seconds()
    retired = {key: at for key, at in session.get(RETIRED_KEY, {}).items() if now - at < grace}
    retired[jti] = now
    session[RETIRED_KEY] = retired


def _retired_moments_ago(session: SessionBase, jti: str) -> bool:
    retired_at = session.get(RETIRED_KEY, {}).get(jti)
    return retired_at is not None and time.time() - retired_at < _grace_seconds()


def _retired_in(session: SessionBase, payload: dict[str, Any]) -> bool:
    """Whether `payload` (a validly signed, unexpired refresh token of `session`)
    was issued for this session and has been rotated out.

    A refresh token's id stays in the session's live set until a refresh
    retires it (allauth keeps no other way to drop one), and a logout deletes
    the whole session: a token of a live session, for its user, missing from
    the live set, was rotated out.
    """
    if internal.validate_token_user(payload, session) is None:
        return False
    live = internal.get_refresh_token_state(session)
    return payload["jti"] not in live


def end_token_session(session: SessionBase) -> None:
    """Ends the session the way a user ending it on the sessions page does
    (allauth's usersessions adapter), so everything hooked on that path follows."""
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    records = list(UserSession.objects.filter(session_key=session.session_key))
    if records:
        get_adapter().end_sessions(records)
    else:
        session.delete()


def refuse_reused(refresh_token: str) -> None:
    """Called for every refused refresh token: ends the session of a reused one."""
    payload = internal.decode_token(refresh_token, "refresh")
    if payload is None:
        return  # garbage, expired or signed by someone else: nothing to end
    session = internal.get_token_session(payload)
    if session is None or not _retired_in(session, payload):
        return  # logged out already, or refused for another reason
    if _retired_moments_ago(session, payload["jti"]):
        return  # another tab rotated it a moment ago; this one has not seen the new token yet
    security_log.warning(
        "Rotated-out refresh token presented again: its session is ended",
        extra={"event": REFRESH_TOKEN_REUSE, "user_id": payload["sub"], "token_id": payload["jti"]},
    )
    end_token_session(session)


class TandemJWTTokenStrategy(JWTTokenStrategy):
    def refresh_token(self, refresh_token: str) -> tuple[str, str] | None:
        """allauth's refresh (same steps), also noting when the presented token retired."""
        validated = internal.validate_refresh_token(refresh_token)
        if validated is None:
            if app_settings.JWT_ROTATE_REFRESH_TOKEN:
                refuse_reused(refresh_token)
            return None
        user, session, payload = validated
        access_token = internal.create_access_token(user, session, self.get_claims(user))
        next_refresh_token = refresh_token
        if app_settings.JWT_ROTATE_REFRESH_TOKEN:
            internal.invalidate_refresh_token(session, payload)
            _remember_retired(session, payload["jti"])
            next_refresh_token = internal.create_refresh_token(user, session)
        session.save()
        return access_token, next_refresh_token
