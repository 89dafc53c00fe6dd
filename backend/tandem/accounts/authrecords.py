"""Who is signed in, without loading the session and the user on every request.

Stateful validation (a logged-out token or session is refused at once) used
to cost two database reads per request: the session, then the user. Here a
successful full validation leaves a small *record* per session: the user's
columns (never the password hash) and when the session expires. The next
request with the same session (cookie, or the session inside a JWT) is
answered from the record.

Where records live:
- `cache` (the default with REDIS_URL): in the shared cache, one round trip,
  no database query. Every worker and machine sees a revocation at once,
  because revocation deletes the record there: a session deleted or saved
  (logout, allauth's session end, key cycling, refresh-token rotation), a
  user saved or deleted (password change, deactivation, profile edit,
  account deletion). A revoked session leaves a tombstone, so a request
  that validated just before the revocation cannot put the record back.
- `database` (without Redis: a local-memory cache is per process, so it
  cannot carry a revocation to the other workers): one query joins the
  session row and the user row, and the checks Django makes (session
  present and unexpired, same user, password hash unchanged, active) run on
  what it returns. Still one read instead of two, and nothing to invalidate.

Anything unusual (no record, a changed user table, a hash mismatch) falls
back to the full validation, which decides.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from tandem.api.prepared import PreparedQuery

# The session-and-user query, compiled once (tandem.api.prepared).
_PREPARED = PreparedQuery()

RECORD_PREFIX = "authrec:"
USER_INDEX_PREFIX = "authrec-user:"
# A record lives at most this long (less when its session expires sooner).
RECORD_MAX_SECONDS = 3600
# A request that validated the long way just before a revocation could store
# a stale record right after it; tombstones refuse such writes for this long.
SESSION_TOMBSTONE_SECONDS = RECORD_MAX_SECONDS
USER_TOMBSTONE_SECONDS = 30
_TOMBSTONE = "revoked"

_memo: OrderedDict[Any, Any] = OrderedDict()
_MEMO_SIZE = 2048


def memo_get(key: Any) -> Any:
    """A small per-process LRU for pure computations (decoded session data,
    a session's user id): never for anything a revocation must reach."""
    value = _memo.get(key)
    if value is not None:
        _memo.move_to_end(key)
    return value


def memo_set(key: Any, value: Any) -> None:
    _memo[key] = value
    _memo.move_to_end(key)
    if len(_memo) > _MEMO_SIZE:
        _memo.popitem(last=False)


def mode() -> str:
    return getattr(settings, "TANDEM_AUTH_RECORDS", "cache")


def _user_fields() -> tuple[list[str], str]:
    names = [f.attname for f in get_user_model()._meta.concrete_fields if f.attname != "password"]
    return names, ",".join(names)


def _record_key(session_key: str) -> str:
    return f"{RECORD_PREFIX}{session_key}"


def _index_key(user_id: Any) -> str:
    return f"{USER_INDEX_PREFIX}{user_id}"


# --- the shared-cache records ---------------------------------------------------------------------


def lookup(
    session_key: str, user_id: str | None = None, *, request: Any = None, track_activity: bool = False
) -> Any | None:
    """The signed-in user of this session from its record, or None (then
    validate the long way and `remember`). `user_id`: what the token claims.
    With the DRF `request`, the same round trip counts it for the view's
    throttles (and, with `track_activity`, marks the session seen)."""
    if mode() != "cache":
        return None
    guess = user_id or memo_get(("session-user", session_key))
    if request is not None and guess is not None:
        record = _lookup_counting(request, session_key, guess, track_activity)
    else:
        record = cache.get(_record_key(session_key))
    if not isinstance(record, dict):
        return None
    names, schema = _user_fields()
    if record.get("schema") != schema or record["exp"] <= time.time():
        return None
    if user_id is not None and str(record["uid"]) != user_id:
        return None
    user = get_user_model().from_db("default", names, record["values"])
    if not user.is_active:
        return None
    memo_set(("session-user", session_key), str(user.pk))
    return user


def _lookup_counting(request: Any, session_key: str, user_id: str, track_activity: bool) -> Any:
    """The record, with the request counted in the user's rate-limit windows
    and the session's activity marked, in one round trip (tandem.api.cache)."""
    from tandem.api.cache import auth_round_trip

    from .middleware import ACTIVITY_INTERVAL_SECONDS, activity_cache_key

    view = (getattr(request, "parser_context", None) or {}).get("view")
    windows = []
    for throttle in view.get_throttles() if view is not None else ():
        window = getattr(throttle, "window_for", None)
        if window is not None and (found := window(user_id)) is not None:
            windows.append(found)
    seen = (activity_cache_key(session_key), ACTIVITY_INTERVAL_SECONDS) if track_activity else None
    record, counts, newly_seen = auth_round_trip(_record_key(session_key), _TOMBSTONE, windows, seen)
    if record is not None:
        django_request = request._request
        django_request.tandem_counters = {key: count for (key, _), count in zip(windows, counts, strict=True)}
        if newly_seen is not None:
            django_request.tandem_seen = newly_seen
    return record


def remember(session_key: str, user: Any, session_expiry: float) -> None:
    """Stores the record of a session that just passed the full validation."""
    if mode() != "cache" or not session_key or not user.is_authenticated:
        return
    ttl = int(min(RECORD_MAX_SECONDS, session_expiry - time.time()))
    if ttl <= 0:
        return
    names, schema = _user_fields()
    record = {
        "uid": user.pk,
        "exp": session_expiry,
        "schema": schema,
        "values": [getattr(user, name) for name in names],
    }
    # add(): never over a tombstone left by a revocation.
    if cache.add(_record_key(session_key), record, ttl):
        index = cache.get(_index_key(user.pk)) or []
        if session_key not in index:
            cache.set(_index_key(user.pk), [*index[-49:], session_key], RECORD_MAX_SECONDS)


def forget_session(session_key: str | None) -> None:
    """The session ended or changed: its record goes, now and for good."""
    if not session_key or mode() != "cache":
        return
    cache.set(_record_key(session_key), _TOMBSTONE, SESSION_TOMBSTONE_SECONDS)


def refresh_session(session_key: str | None) -> None:
    """The session was saved (new data, new expiry): its record is rebuilt by
    the next request. The user behind a session key never changes (Django
    cycles the key at login), so no tombstone is needed here."""
    if session_key and mode() == "cache":
        cache.delete(_record_key(session_key))


def forget_user(user_id: Any) -> None:
    """The user changed (password, active flag, profile) or was deleted:
    every record of theirs goes, now and again once the change commits."""
    if user_id is None or mode() != "cache":
        return
    _forget_user_now(user_id)
    transaction.on_commit(lambda: _forget_user_now(user_id))


def _forget_user_now(user_id: Any) -> None:
    from allauth.usersessions.models import UserSession

    keys = set(cache.get(_index_key(user_id)) or [])
    keys.update(UserSession.objects.filter(user_id=user_id).values_list("session_key", flat=True))
    if keys:
        cache.set_many({_record_key(key): _TOMBSTONE for key in keys}, USER_TOMBSTONE_SECONDS)
    cache.delete(_index_key(user_id))


def session_expiry(session: Any) -> float:
    return session.get_expiry_date().timestamp()


# --- without a shared cache: one query for session and user -------------------------------------------


def _session_auth_hash(user: Any) -> str:
    """`user.get_session_auth_hash()`: an HMAC of the password hash, the same
    for every request until the password (or the secret key) changes."""
    key = ("session-auth-hash", user.password, settings.SECRET_KEY)
    digest = memo_get(key)
    if digest is None:
        digest = user.get_session_auth_hash()
        memo_set(key, digest)
    return digest


def lookup_in_database(session_key: str, user_id: str | None) -> Any | None:
    """Session row and user row in one query; Django's own checks on them.
    `user_id`: what the token claims, else what this process saw last time."""
    if mode() != "database":
        return None
    user_id = user_id or memo_get(("session-user", session_key))
    if user_id is None or not str(user_id).isdigit():
        return None
    from django.contrib.sessions.models import Session

    model = get_user_model()
    names = [f.attname for f in model._meta.concrete_fields]

    def build(v: dict[str, Any]) -> Any:
        live_session = Session.objects.filter(session_key=v["key"], expire_date__gt=v["now"])
        return (
            model.objects.filter(pk=v["uid"])
            .annotate(_session_data=Subquery(live_session.values("session_data")[:1]))
            .values(*names, "_session_data")[:1]
        )

    rows = _PREPARED.rows(
        ("session-user", tuple(names)),
        build,
        {"key": session_key, "now": timezone.now(), "uid": int(user_id)},
    )
    if not rows or rows[0]["_session_data"] is None:
        return None
    row = rows[0]
    user = model.from_db("default", names, [row[name] for name in names])
    data = _decoded_session(session_key, row["_session_data"])
    if data is None or str(data.get(SESSION_KEY)) != str(user_id):
        return None
    backend = data.get(BACKEND_SESSION_KEY)
    if backend not in settings.AUTHENTICATION_BACKENDS or not user.is_active:
        return None
    if not constant_time_compare(data.get(HASH_SESSION_KEY, ""), _session_auth_hash(user)):
        return None  # the full validation (with SECRET_KEY_FALLBACKS) decides
    return user


def _decoded_session(session_key: str, session_data: str) -> dict | None:
    cached = memo_get(("session-data", session_key, session_data))
    if cached is not None:
        return cached
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    data = store.decode(session_data)
    if data:
        memo_set(("session-data", session_key, session_data), data)
    return data or None


def remember_session_user(session_key: str, user: Any) -> None:
    """Database mode: which user this session belongs to (checked by every query)."""
    if session_key and user.is_authenticated:
        memo_set(("session-user", session_key), str(user.pk))
