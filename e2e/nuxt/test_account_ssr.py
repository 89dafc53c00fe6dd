"""/account and its pages, server-rendered: what the first response holds for
the signed-in user, and what anyone else gets (plain HTTP, no JavaScript)."""

from __future__ import annotations

import base64
import http.client
import json
import secrets
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from harness.servers import manage

from ..helpers import totp_code
from .conftest import _CREATE_USERS, PASSWORD, NuxtApp, request

pytestmark = pytest.mark.core

PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1"
)
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"

_TURN_ON_TOTP = """
from allauth.mfa.totp.internal.auth import TOTP
from tandem.accounts.models import User
TOTP.activate(User.objects.get(email={email!r}), {secret!r})
"""


def new_user(nuxt_app: NuxtApp, *, totp_secret: str = "") -> str:
    """A verified account of its own (no session from other tests), optionally with an authenticator app."""
    email = f"acct-{uuid.uuid4().hex[:8]}-nuxt@example.com"
    manage(
        nuxt_app.api.env, "shell", "-c", _CREATE_USERS.format(spec=json.dumps({email: []}), password=PASSWORD)
    )
    if totp_secret:
        manage(nuxt_app.api.env, "shell", "-c", _TURN_ON_TOTP.format(email=email, secret=totp_secret))
    return email


def log_in_as(nuxt_app: NuxtApp, email: str, agent: str) -> str:
    """Logs in through the JavaScript-free form from a browser called `agent`; returns its Cookie header."""
    answer = request(
        nuxt_app.origin, "POST", "/forms/login", form={"email": email, "password": PASSWORD, "next": "/todos"},
        headers={"Origin": nuxt_app.origin, "User-Agent": agent},
    )  # fmt: skip
    assert answer.status == 303, answer.text
    assert answer.header("Location") == "/todos", answer.header("Location")
    return "; ".join(f"{name}={value}" for name, value in answer.cookie_values().items() if value)


def get(nuxt_app: NuxtApp, path: str, cookie: str, agent: str = LAPTOP):
    return request(nuxt_app.origin, "GET", path, cookie=cookie, headers={"User-Agent": agent})


def test_account_first_response_holds_the_users_email_sessions_and_second_factor_state(
    nuxt_app: NuxtApp,
) -> None:
    email = new_user(nuxt_app)
    laptop = log_in_as(nuxt_app, email, LAPTOP)
    log_in_as(nuxt_app, email, PHONE)

    answer = get(nuxt_app, "/account", laptop)

    assert answer.status == 200
    html = answer.text
    assert f">{email}<" in html
    # Both sessions, each with the browser that opened it (the server forwards the visitor's User-Agent).
    assert "Firefox on Linux, 127.0.0.1 (this device)" in html
    assert "Safari on iOS, 127.0.0.1<" in html
    assert "Authenticator app</dt>" in html
    assert "<dd>Off</dd>" in html
    # No second factor: the email form is offered, not the "turn them off first" note.
    assert "New email address" in html
    assert "private" in answer.header("Cache-Control")

    sessions = get(nuxt_app, "/account/sessions", laptop)
    assert sessions.status == 200
    assert "This device" in sessions.text
    assert 'aria-label="End session: Safari on iOS, 127.0.0.1"' in sessions.text
    assert "End session: Firefox" not in sessions.text  # this device is not offered to end


def test_with_an_authenticator_app_the_account_page_says_so_up_front(nuxt_app: NuxtApp) -> None:
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    email = new_user(nuxt_app, totp_secret=secret)
    cookie = mfa_session(nuxt_app, email, secret)

    html = get(nuxt_app, "/account", cookie).text

    assert "<dd>On</dd>" in html
    assert "the email address cannot be changed" in html
    assert "New email address" not in html
    security = get(nuxt_app, "/account/security", cookie).text
    assert "Turn off authenticator app" in security
    assert "Set up authenticator app" not in security


def post_json(origin: str, path: str, body: dict[str, str], jar: dict[str, str]) -> int:
    """A JSON POST through the Nuxt proxy as the browser's script sends it (CSRF header); keeps the cookies."""
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {
        "Cookie": "; ".join(f"{name}={value}" for name, value in jar.items()),
        "Origin": origin, "X-CSRFToken": jar.get("csrftoken", ""), "Content-Type": "application/json",
        "User-Agent": LAPTOP,
    }  # fmt: skip
    try:
        connection.request("POST", path, body=json.dumps(body), headers=headers)
        response = connection.getresponse()
        response.read()
        for line in response.headers.get_all("Set-Cookie") or []:
            name, _, value = line.split(";", 1)[0].partition("=")
            if value:
                jar[name.strip()] = value.strip()
        return response.status
    finally:
        connection.close()


def mfa_session(nuxt_app: NuxtApp, email: str, secret: str) -> str:
    """A signed-in session for an account with TOTP: the password, then the current code (as a user would)."""
    jar = {"csrftoken": request(nuxt_app.origin, "GET", "/api/csrf/").cookie_values()["csrftoken"]}
    login = {"email": email, "password": PASSWORD}
    assert (
        post_json(nuxt_app.origin, "/api/auth/browser/v1/auth/login", login, jar) == 401
    )  # second factor due
    code = {"code": totp_code(secret)}
    assert post_json(nuxt_app.origin, "/api/auth/browser/v1/auth/2fa/authenticate", code, jar) == 200
    return "; ".join(f"{name}={value}" for name, value in jar.items())


@pytest.mark.parametrize("path", ["/account", "/account/security", "/account/sessions"])
def test_no_or_a_forged_session_gets_the_login_page_and_nothing_private(nuxt_app: NuxtApp, path: str) -> None:
    email = new_user(nuxt_app)
    log_in_as(nuxt_app, email, PHONE)  # the account has a session; these visitors are not it
    for cookie in ("", "sessionid=forged0000000000000000000000000; csrftoken=forged"):
        answer = get(nuxt_app, path, cookie)

        assert answer.status == 302, (path, cookie, answer.status)
        location = urlsplit(answer.header("Location"))
        assert (location.path, parse_qs(location.query)) == ("/login", {"next": [path]})
        assert "-nuxt@example.com" not in answer.text
        assert "Safari on iOS" not in answer.text


def test_the_second_factor_step_is_rendered_only_while_one_is_due(nuxt_app: NuxtApp) -> None:
    # Nothing pending: the step page sends the visitor to log in.
    answer = get(nuxt_app, "/login/verify?next=/account", "")
    assert answer.status == 302
    assert urlsplit(answer.header("Location")).path == "/login"

    # Password given, code still due: the page is rendered for that login, keeping `next`.
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    email = new_user(nuxt_app, totp_secret=secret)
    jar = {"csrftoken": request(nuxt_app.origin, "GET", "/api/csrf/").cookie_values()["csrftoken"]}
    login = {"email": email, "password": PASSWORD}
    assert post_json(nuxt_app.origin, "/api/auth/browser/v1/auth/login", login, jar) == 401
    cookie = "; ".join(f"{name}={value}" for name, value in jar.items())

    step = get(nuxt_app, "/login/verify?next=/account", cookie)
    assert step.status == 200
    assert "Two-factor authentication" in step.text
    assert "Authentication code" in step.text
    assert "Use a passkey" not in step.text  # this account has no passkey
    # Not signed in yet: a protected page sends this visitor to the step, not past it.
    account = get(nuxt_app, "/account", cookie)
    assert account.status == 302
    assert urlsplit(account.header("Location")).path == "/login/verify"
    assert email not in account.text
