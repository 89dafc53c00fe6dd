"""allauth's JWT strategy, plus refresh-token reuse detection (RFC 9700 §4.14.2).

Every refresh rotates the refresh token: the one presented is retired and a
new one issued. A retired token presented again means two parties hold the
same token family, one of them a thief (or a client that lost the answer to
its own refresh): the server cannot tell which, so the session it belongs to
ends, and every access and refresh token of it is refused at once.

The legitimate two-tab race cannot trip this: @tandem/client refreshes under
a Web Lock and always reads the stored (newest) refresh token once it holds
the lock, so no two refreshes ever present the same token.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.headless import app_settings
from allauth.headless.tokens.strategies.jwt import JWTTokenStrategy, internal
from django.contrib.sessions.backends.base import SessionBase

security_log = logging.getLogger("tandem.security")

REFRESH_TOKEN_REUSE = "refresh_token_reuse"  # noqa: S105 (an event name)


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
    security_log.warning(
        "Rotated-out refresh token presented again: its session is ended",
        extra={"event": REFRESH_TOKEN_REUSE, "user_id": payload["sub"], "token_id": payload["jti"]},
    )
    end_token_session(session)


class TandemJWTTokenStrategy(JWTTokenStrategy):
    def refresh_token(self, refresh_token: str) -> tuple[str, str] | None:
        result = super().refresh_token(refresh_token)
        if result is None and app_settings.JWT_ROTATE_REFRESH_TOKEN:
            refuse_reused(refresh_token)
        return result
