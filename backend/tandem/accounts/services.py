"""Account changes allauth has no headless API for."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.db import transaction
from django.http import HttpRequest

from .models import User

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase
    from rest_framework.request import Request

logger = logging.getLogger("tandem.accounts")


def update_profile(user: User, *, name: str) -> User:
    user.name = name.strip()
    user.save(update_fields=["name"])
    return user


def session_of(request: Request) -> SessionBase:
    """The allauth session behind a DRF request: the one an access token (token
    mode) was issued for, else the cookie's."""
    payload = request.auth
    if isinstance(payload, dict) and "sid" in payload:
        from allauth.headless.tokens.strategies.jwt.internal import get_token_session

        session = get_token_session(payload)
        if session is not None:
            return session
    return request._request.session


def delete_account(request: HttpRequest, user: User) -> None:
    """Ends every session of the user, then deletes the user. Their todos (and
    posts) go with them through the foreign keys' CASCADE."""
    from allauth.account.internal.flows.logout import logout
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    user_id = user.pk
    with transaction.atomic():
        others = [s for s in UserSession.objects.filter(user_id=user.pk) if not s.is_current()]
        get_adapter().end_sessions(others)
        logout(request)
        user.delete()
    logger.info("Account deleted", extra={"user_id": user_id})


def wants_other_sessions_ended(request: HttpRequest) -> bool:
    """Reads Tandem's `end_other_sessions` flag from allauth's password-change
    request body (allauth ignores fields it does not know). Default: end them."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return True
    value = body.get("end_other_sessions", True) if isinstance(body, dict) else True
    return value is not False


def keep_other_sessions(request: HttpRequest, user: User) -> None:
    """Django ends every session whose stored password hash no longer matches;
    when the user chose to keep their other devices signed in, those sessions
    get the new hash (only ones that belong to this user)."""
    from allauth.usersessions.models import UserSession

    new_hash = user.get_session_auth_hash()
    for session in UserSession.objects.filter(user_id=user.pk):
        if session.is_current():
            continue
        store = session._session_store(session.session_key)
        if str(store.get(SESSION_KEY)) != str(user.pk):
            continue
        store[HASH_SESSION_KEY] = new_hash
        store.save()


def end_other_sessions(request: HttpRequest, user: User) -> None:
    from allauth.usersessions.internal.flows.sessions import end_other_sessions as end_others

    end_others(request, user)
