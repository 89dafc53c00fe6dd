"""A misconfigured deployment says which setting to change: in the API's
answer (the SPA shows it) and in the server log, never a silent failure."""

from __future__ import annotations

import logging

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings

from tandem.api import diagnostics
from tandem.todos.models import Todo

LOGIN = "/api/auth/browser/v1/auth/login"
TODOS = "/api/todos/"
SPA_ORIGIN = "http://localhost:5173"  # trusted by the default settings
UNLISTED_ORIGIN = "http://spa.example:5173"
GENERIC = "CSRF check failed: fetch a new token from /api/csrf/ and retry."
UNTRUSTED = (
    f"Origin {UNLISTED_ORIGIN} is not trusted for cookie-authenticated writes: "
    "add it to DJANGO_CSRF_TRUSTED_ORIGINS on the API."
)
CROSS_SITE = (
    f"The browser did not send the API's cookies from {SPA_ORIGIN}: session mode needs the SPA "
    "and the API on one site. Serve them from one site, or build the SPA with VITE_AUTH_MODE=token."
)


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.WARNING, logger="tandem.security")

    def records() -> list[logging.LogRecord]:
        return [record for record in caplog.records if record.name == "tandem.security"]

    return records


@pytest.fixture(params=["allauth_login", "drf_todos"])
def write(request, make_user):
    """A cookie-authenticated write through one of the two CSRF checks: Django's
    CsrfViewMiddleware (allauth's browser login) or DRF's SessionAuthentication
    (a domain endpoint, for a signed-in session). Returns `send(**options)`."""
    make_user()
    client = ApiClient()
    if request.param == "allauth_login":
        path, body = LOGIN, {"email": "ann@example.com", "password": PASSWORD}
    else:
        path, body = TODOS, {"title": "From the SPA"}
        signed_in = client.send("POST", LOGIN, {"email": "ann@example.com", "password": PASSWORD})
        assert signed_in.status_code == 200

    def send(*, origin: str | None, csrf_cookie: bool = True, headers: dict[str, str] | None = None):
        headers = {"X-CSRFToken": client.csrf(), **(headers or {})}
        if not csrf_cookie:
            del client.cookies[settings.CSRF_COOKIE_NAME]
        if origin is not None:
            headers["Origin"] = origin
        return client.send("POST", path, body, csrf=False, headers=headers)

    send.route = request.param
    return send


def csrf_error(response) -> dict[str, str]:
    assert response.status_code == 403, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == 403
    [item] = body["errors"]
    assert item["code"] == "csrf_failed"  # the SPA retries once on this code
    return item


def test_a_write_from_an_untrusted_origin_names_the_trusted_origins_setting(write, security_log):
    response = write(origin=UNLISTED_ORIGIN)

    assert csrf_error(response)["message"] == UNTRUSTED
    assert not Todo.objects.exists()
    [record] = security_log()
    assert record.levelno == logging.WARNING
    path = LOGIN if write.route == "allauth_login" else TODOS
    assert record.getMessage() == (
        f"CSRF check refused POST {path} (Origin checking failed - {UNLISTED_ORIGIN} does not match "
        f"any trusted origins.): {UNTRUSTED}"
    )
    assert (record.origin, record.setting) == (UNLISTED_ORIGIN, "DJANGO_CSRF_TRUSTED_ORIGINS")


def test_a_write_whose_cookies_stayed_behind_on_another_site_says_session_mode_needs_one_site(
    write, security_log
):
    # Session mode across sites: the SPA got a token from /api/csrf/, but the
    # browser neither kept nor sent the API's SameSite cookies.
    response = write(origin=SPA_ORIGIN, csrf_cookie=False)

    assert csrf_error(response)["message"] == CROSS_SITE
    [record] = security_log()
    assert record.getMessage().endswith(f" (CSRF cookie not set.): {CROSS_SITE}")
    assert record.origin == SPA_ORIGIN
    assert record.setting == "VITE_AUTH_MODE"


@pytest.mark.parametrize(
    ("origin", "headers"),
    [
        (None, {}),
        ("http://testserver", {}),  # the API's own origin
        (SPA_ORIGIN, {"Sec-Fetch-Site": "same-site"}),  # the browser says it is not cross-site
    ],
    ids=["no-origin", "same-origin", "same-site"],
)
def test_a_missing_cookie_on_one_site_asks_for_a_new_token(write, security_log, origin, headers):
    response = write(origin=origin, csrf_cookie=False, headers=headers)

    assert csrf_error(response)["message"] == GENERIC
    assert security_log() == []


def test_a_stale_token_gets_the_generic_message_and_no_warning(write, security_log):
    response = write(origin=SPA_ORIGIN, headers={"X-CSRFToken": "x" * 64})

    assert csrf_error(response)["message"] == GENERIC
    assert security_log() == []


def test_https_seen_as_http_behind_a_proxy_names_django_https(write, security_log):
    response = write(origin="https://testserver")

    message = csrf_error(response)["message"]
    assert message == (
        "Origin https://testserver is not trusted for cookie-authenticated writes: the API sees this "
        "request as http://testserver: behind a TLS-terminating proxy, set DJANGO_HTTPS=true on the API "
        "and have the proxy send X-Forwarded-Proto: https."
    )
    [record] = security_log()
    assert record.setting == "DJANGO_HTTPS"


def test_both_csrf_checks_give_the_same_message(make_user):
    make_user()
    login = ApiClient().send(
        "POST", LOGIN, {"email": "ann@example.com", "password": PASSWORD}, headers={"Origin": UNLISTED_ORIGIN}
    )
    signed_in = ApiClient()
    signed_in.send("POST", LOGIN, {"email": "ann@example.com", "password": PASSWORD})
    todos = signed_in.send("POST", TODOS, {"title": "x"}, headers={"Origin": UNLISTED_ORIGIN})

    assert csrf_error(login) == csrf_error(todos)


def test_a_repeated_failure_is_logged_once_a_minute_per_origin(write, security_log, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(diagnostics, "monotonic", lambda: now[0])

    for _ in range(3):
        assert csrf_error(write(origin=UNLISTED_ORIGIN))["message"] == UNTRUSTED
    write(origin="http://other.example")
    assert [record.origin for record in security_log()] == [UNLISTED_ORIGIN, "http://other.example"]

    now[0] += diagnostics.WARNING_INTERVAL_SECONDS + 1
    write(origin=UNLISTED_ORIGIN)
    assert len(security_log()) == 3


def test_the_memo_of_given_warnings_stays_bounded(monkeypatch):
    monkeypatch.setattr(diagnostics, "_MAX_REMEMBERED", 3)
    for index in range(10):
        assert diagnostics.warn_once("kind", f"http://{index}.example", "warning")
    assert len(diagnostics._last_warned) <= 3


def test_an_origin_echoed_into_the_message_is_bounded(write):
    long_origin = "http://" + "a" * 500 + ".example"

    message = csrf_error(write(origin=long_origin))["message"]

    assert len(message) < 400
