"""Who is signed in comes from a per-session auth record, and every way a
session or a user can be revoked reaches it at once.

Both record stores are exercised: `cache` (production with Redis: the
record lives in the shared cache) and `database` (no Redis: one query joins
session and user). The test clients of one process share one cache, as two
servers share Redis; deploy/tests/test_two_servers.py repeats the central
case on two real servers.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tandem.accounts import authrecords
from tandem.accounts.models import User

from .helpers import AUTH

APP = "/api/auth/app/v1"
TODOS = "/api/todos/"
NEW_PASSWORD = "a-brand-new-password-42"


@pytest.fixture(params=["cache", "database"])
def store(request, settings) -> str:
    settings.TANDEM_AUTH_RECORDS = request.param
    return request.param


def browser_login(user: User) -> ApiClient:
    client = ApiClient()
    response = client.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200, response.content
    return client


class App:
    """allauth's `app` client with a JWT access token, as a script would use it."""

    def __init__(self, user: User) -> None:
        self.client = Client()
        response = self.client.post(
            f"{APP}/auth/login", {"email": user.email, "password": PASSWORD}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {response.json()['meta']['access_token']}"}

    def get(self, path: str) -> Any:
        return self.client.get(path, **self.headers)

    def send(self, method: str, path: str, data: Any = None) -> Any:
        import json

        body = json.dumps(data) if data is not None else ""
        return self.client.generic(method, path, body, content_type="application/json", **self.headers)


def warmed(client: Any) -> Any:
    """Reads twice: the second read is answered from the session's record."""
    assert client.get(TODOS).status_code == 200
    assert client.get(TODOS).status_code == 200
    return client


def refused(client: Any) -> bool:
    return client.get(TODOS).status_code in (401, 403)


# --- cost -------------------------------------------------------------------------------------


@pytest.mark.parametrize("credential", ["bearer", "session"])
def test_a_repeat_read_costs_one_query_for_the_data_and_none_for_auth(
    user: User, store: str, credential: str
):
    client = warmed(App(user) if credential == "bearer" else browser_login(user))

    with CaptureQueriesContext(connection) as queries:
        assert client.get(TODOS).status_code == 200

    statements = [query["sql"] for query in queries.captured_queries]
    data = [sql for sql in statements if "todos_todo" in sql]
    assert len(data) == 1, statements
    # With a shared cache, authentication reads nothing from the database;
    # without one, session and user come in one joined query.
    assert len(statements) == (1 if store == "cache" else 2), statements


def test_the_record_never_holds_the_password_hash(user: User, settings):
    settings.TANDEM_AUTH_RECORDS = "cache"
    warmed(App(user))
    from django.core.cache import cache

    records = [cache.get(authrecords._record_key(key)) for key in _session_keys(user)]
    assert records
    assert all(isinstance(record, dict) for record in records)
    assert all(user.password not in repr(record) for record in records)


def _session_keys(user: User) -> list[str]:
    from allauth.usersessions.models import UserSession

    return list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))


# --- revocation reaches the record at once ----------------------------------------------------------------


def test_app_logout_refuses_the_access_token_at_once(user: User, store: str):
    app = warmed(App(user))
    copy = App.__new__(App)  # someone holding a copy of the token, on another server
    copy.client, copy.headers = Client(), dict(app.headers)
    assert copy.get(TODOS).status_code == 200

    assert app.send("DELETE", f"{APP}/auth/session").status_code == 401

    assert refused(app)
    assert refused(copy)


def test_browser_logout_refuses_a_copied_cookie_at_once(user: User, store: str):
    browser = warmed(browser_login(user))
    stolen = Client()
    stolen.cookies = browser.cookies.__class__(browser.cookies)
    assert stolen.get(TODOS).status_code == 200

    assert browser.send("DELETE", f"{AUTH}/auth/session").status_code == 401

    assert refused(stolen)


def test_ending_a_session_from_another_device_refuses_its_token(user: User, store: str):
    phone = warmed(App(user))
    laptop = browser_login(user)
    listed = laptop.get(f"{AUTH}/auth/sessions").json()["data"]
    others = [entry["id"] for entry in listed if not entry["is_current"]]

    assert laptop.send("DELETE", f"{AUTH}/auth/sessions", {"sessions": others}).status_code == 200

    assert refused(phone)
    assert laptop.get(TODOS).status_code == 200


def test_a_session_deleted_through_the_session_store_is_refused(user: User, store: str):
    """The path every session end takes (logout, allauth's session end, a
    refresh token reused after rotation): the store's delete."""
    app = warmed(App(user))
    browser = warmed(browser_login(user))
    store_module = importlib.import_module(settings.SESSION_ENGINE)

    for key in _session_keys(user):
        store_module.SessionStore().delete(key)

    assert refused(app)
    assert refused(browser)


def test_password_change_refuses_the_other_sessions_at_once(user: User, store: str):
    phone, tablet = warmed(App(user)), warmed(browser_login(user))
    laptop = browser_login(user)

    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    assert laptop.send("POST", f"{AUTH}/account/password/change", body).status_code == 200

    assert refused(phone)
    assert refused(tablet)
    assert laptop.get(TODOS).status_code == 200


def test_a_password_set_outside_the_api_refuses_every_session(user: User, store: str):
    app, browser = warmed(App(user)), warmed(browser_login(user))

    account = User.objects.get(pk=user.pk)
    account.set_password(NEW_PASSWORD)
    account.save()

    assert refused(app)
    assert refused(browser)


def test_a_deactivated_user_is_refused_at_once(user: User, store: str):
    app, browser = warmed(App(user)), warmed(browser_login(user))

    account = User.objects.get(pk=user.pk)
    account.is_active = False
    account.save()

    assert refused(app)
    assert refused(browser)


def test_a_deleted_account_refuses_its_tokens_at_once(user: User, store: str):
    app = warmed(App(user))
    other_device = warmed(App(user))
    assert app.send("POST", f"{APP}/auth/reauthenticate", {"password": PASSWORD}).status_code == 200

    assert app.send("DELETE", "/api/account/").status_code == 204

    assert refused(app)
    assert refused(other_device)


def test_a_renamed_user_is_seen_renamed_by_every_session(user: User, store: str):
    reader = warmed(App(user))
    assert reader.get("/api/account/profile/").json()["name"] == ""
    writer = browser_login(user)

    assert writer.send("PATCH", "/api/account/profile/", {"name": "Ann"}).status_code == 200

    assert reader.get("/api/account/profile/").json()["name"] == "Ann"


def test_a_revoked_session_cannot_be_put_back_by_a_request_that_validated_before(user: User, settings):
    """A request that validated the long way just before the logout stores
    its record just after it: the tombstone refuses that write."""
    settings.TANDEM_AUTH_RECORDS = "cache"
    key = "a" * 32
    authrecords.forget_session(key)

    authrecords.remember(key, user, 4_000_000_000)

    assert authrecords.lookup(key) is None


def test_allauths_own_endpoints_refuse_a_logged_out_token_at_once(user: User, store: str):
    app = warmed(App(user))
    copy = App.__new__(App)
    copy.client, copy.headers = Client(), dict(app.headers)
    assert copy.get(f"{APP}/auth/session").status_code == 200

    assert app.send("DELETE", f"{APP}/auth/session").status_code == 401

    assert copy.get(f"{APP}/auth/session").status_code == 401
    assert refused(copy)


def test_a_read_answered_from_the_record_still_varies_on_the_cookie(user: User, store: str):
    """A shared cache must not hand one user's list to another: the answer
    says it depends on the session cookie, as when the session was loaded."""
    browser = warmed(browser_login(user))

    response = browser.get(TODOS)

    assert response.status_code == 200
    assert "Cookie" in response["Vary"]
