"""Shared fixtures for the backend tests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tandem.accounts.models import User

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def _isolated_cache():
    # Rate limits and throttles live in the cache: each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_misconfiguration_warnings():
    # Each warning is logged once a minute per origin: each test sees its own.
    from tandem.api.diagnostics import reset_warnings

    reset_warnings()
    yield
    reset_warnings()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the real hasher (asserted in test_settings); tests that only
    # need a user do not need to pay for it hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class ApiClient(Client):
    """A browser-like client: CSRF enforced, JSON bodies, token handled like the SPA does."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(enforce_csrf_checks=True, **kwargs)

    def csrf(self) -> str:
        return self.get("/api/csrf/").json()["csrf_token"]

    def send(self, method: str, path: str, data: Any = None, *, csrf: bool = True, **extra: Any):
        headers = extra.pop("headers", {})
        if csrf:
            headers["X-CSRFToken"] = self.csrf()
        body = json.dumps(data) if data is not None else ""
        return self.generic(method, path, body, content_type="application/json", headers=headers, **extra)


def age_login(client: Client | None = None, *, access_token: str | None = None) -> None:
    """Moves the session's authentications back past the re-authentication
    window, as if the login happened long ago: sensitive actions then ask for
    the password again. The session is the browser client's cookie, or the one
    an app access token belongs to."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from django.conf import settings

    if access_token is not None:
        from allauth.headless.tokens.strategies.jwt import internal

        payload = internal.decode_token(access_token, "access")
        assert payload is not None
        session = internal.get_token_session(payload)
    else:
        assert client is not None
        session = client.session
    assert session is not None
    records = session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    for record in records:
        record["at"] -= settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


@pytest.fixture
def make_user(db):
    """A user whose email is verified (verification is mandatory to log in)."""
    from allauth.account.models import EmailAddress

    def make(email: str = "ann@example.com", password: str = PASSWORD, verified: bool = True) -> User:
        user = User.objects.create_user(email=email, password=password)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        return user

    return make


@pytest.fixture
def api() -> ApiClient:
    return ApiClient()


@pytest.fixture
def user(make_user) -> User:
    return make_user()


@pytest.fixture
def signed_in(api: ApiClient, user: User) -> ApiClient:
    """`api`, logged in as `user` through allauth's browser login."""
    response = api.send(
        "POST", "/api/auth/browser/v1/auth/login", {"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.content
    return api


@pytest.fixture
def signed_in_long_ago(signed_in: ApiClient) -> ApiClient:
    """`signed_in`, its login older than the re-authentication window."""
    age_login(signed_in)
    return signed_in


BROWSER_AUTH = "/api/auth/browser/v1"
APP_AUTH = "/api/auth/app/v1"


@pytest.fixture
def make_signed_in(make_user):
    """A fresh browser-like client logged in as a new user: `(client, user)`."""

    def make(email: str) -> tuple[ApiClient, User]:
        account = make_user(email=email)
        client = ApiClient()
        response = client.send("POST", f"{BROWSER_AUTH}/auth/login", {"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.content
        return client, account

    return make


@pytest.fixture
def app_login(db):
    """Logs in through allauth's `app` client; returns the response's `meta` (the tokens)."""

    def login(email: str = "ann@example.com", password: str = PASSWORD) -> dict[str, Any]:
        response = Client().post(
            f"{APP_AUTH}/auth/login", {"email": email, "password": password}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        return response.json()["meta"]

    return login


@pytest.fixture
def make_todo(db):
    from tandem.todos.models import Todo

    def make(owner: User, title: str = "Buy milk", **fields: Any) -> Todo:
        return Todo.objects.create(owner=owner, title=title, **fields)

    return make


def pytest_configure(config):
    # Whitenoise warns once per test client when `collectstatic` has not run;
    # the tests never serve collected static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
