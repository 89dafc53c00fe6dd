from __future__ import annotations

from . import authrecords
from .middleware import mark_seen

# Authentication steps that check a credential the user holds: the password,
# or a second factor / passkey (allauth records both as "mfa").
CREDENTIAL_METHODS = frozenset({"password", "mfa"})

# Saving only these changes nothing that authentication or the API reads.
_NOT_AUTH_RELEVANT = frozenset({"last_login"})


def on_user_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and set(update_fields) <= _NOT_AUTH_RELEVANT):
        return
    authrecords.forget_user(instance.pk)


def on_user_deleted(sender, instance, **kwargs) -> None:
    authrecords.forget_user(instance.pk)


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    # allauth has just recorded this session (usersessions' own receiver):
    # the activity middleware need not write it again within the interval.
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        mark_seen(session.session_key)
    count_login_as_recent_authentication(request, user)


def count_login_as_recent_authentication(request, user) -> None:
    """A login that checked the password (or a second factor, or a passkey) is
    as recent an authentication as re-authenticating: allauth counts only its
    re-authentication endpoint for the window (ACCOUNT_REAUTHENTICATION_TIMEOUT),
    so deleting the account right after logging in would ask for the password
    again. The window runs from when each credential was checked.

    A login without a credential check (the emailed verification link right
    after signup) records nothing here and still needs re-authentication.
    """
    from allauth.account.internal.flows.login import (
        AUTHENTICATION_METHODS_SESSION_KEY,
        get_authentication_records,
    )

    session = getattr(request, "session", None)
    if session is None:
        return
    records = get_authentication_records(request, user)
    # A separate record in the shape allauth gives a re-authentication (its
    # documented AuthenticationMethod variants): marking the login record itself
    # would make one record match two variants of allauth's schema.
    recent = [
        _as_reauthentication(record)
        for record in records
        if record.get("method") in CREDENTIAL_METHODS and not record.get("reauthenticated")
    ]
    if recent:
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records + recent


# The fields of allauth's own re-authentication records, per method.
_REAUTHENTICATION_FIELDS = {"password": ("method", "at"), "mfa": ("method", "at", "id", "type")}


def _as_reauthentication(record: dict) -> dict:
    fields = _REAUTHENTICATION_FIELDS[record["method"]]
    return {**{key: record[key] for key in fields if key in record}, "reauthenticated": True}


def on_password_reset(sender, request, user, **kwargs) -> None:
    """A reset means the password may be known to someone else: every session
    of the user ends (the auth hash already refuses them; this also removes
    them from the session store and the sessions list at once)."""
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    get_adapter().end_sessions(list(UserSession.objects.filter(user_id=user.pk)))


def on_password_changed(sender, request, user, **kwargs) -> None:
    """Password change (current password given): the other sessions end, unless
    the user asked to keep them (`end_other_sessions: false`)."""
    from . import services

    if services.wants_other_sessions_ended(request):
        services.end_other_sessions(request, user)
    else:
        services.keep_other_sessions(request, user)
