"""A misconfigured deployment says which setting to change: in the API's
answer (the SPA shows it) and in the server log, never a silent failure."""

from __future__ import annotations

import logging

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings
from django.test import Client

from tandem.api import diagnostics, middleware
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

    def records(check: str = "") -> list[logging.LogRecord]:
        """Warnings of one check (`csrf`, `cors`), or all of them."""
        return [
            record
            for record in caplog.records
            if record.name == "tandem.security" and record.diagnosis.startswith(check)
        ]

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
    [record] = security_log("csrf")
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
    [record] = security_log("csrf")
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
    [record] = security_log("csrf")
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
    assert [record.origin for record in security_log("csrf")] == [UNLISTED_ORIGIN, "http://other.example"]

    now[0] += diagnostics.WARNING_INTERVAL_SECONDS + 1
    write(origin=UNLISTED_ORIGIN)
    assert len(security_log("csrf")) == 3


def test_the_memo_of_given_warnings_stays_bounded(monkeypatch):
    monkeypatch.setattr(diagnostics, "_MAX_REMEMBERED", 3)
    for index in range(10):
        assert diagnostics.warn_once("kind", f"http://{index}.example", "warning")
    assert len(diagnostics._last_warned) <= 3


def test_an_origin_echoed_into_the_message_is_bounded(write):
    long_origin = "http://" + "a" * 500 + ".example"

    message = csrf_error(write(origin=long_origin))["message"]

    assert len(message) < 400


# --- cross-origin requests the CORS allow-list refuses ----------------------------------


def refused_message(origin: str, path: str) -> str:
    return (
        f"Refused cross-origin request from {origin} to {path}: add {origin} to "
        "DJANGO_CORS_ALLOWED_ORIGINS (and to DJANGO_CSRF_TRUSTED_ORIGINS for session mode)."
    )


def preflight(origin: str, path: str = LOGIN):
    return Client().options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-csrftoken",
        },
    )


@pytest.mark.django_db
def test_a_refused_preflight_is_logged_with_the_setting_to_change(security_log):
    response = preflight(UNLISTED_ORIGIN)

    # Unchanged: the browser blocks it, and the SPA diagnoses from its side.
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    [record] = security_log("cors")
    assert record.levelno == logging.WARNING
    assert record.getMessage() == refused_message(UNLISTED_ORIGIN, LOGIN)
    assert (record.origin, record.setting) == (UNLISTED_ORIGIN, "DJANGO_CORS_ALLOWED_ORIGINS")


@pytest.mark.django_db
def test_a_refused_simple_request_is_logged_once_a_minute_per_origin(security_log):
    for _ in range(3):
        response = Client().get("/api/csrf/", headers={"Origin": UNLISTED_ORIGIN})
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response
    Client().get("/api/health/", headers={"Origin": "http://other.example"})

    assert [record.getMessage() for record in security_log("cors")] == [
        refused_message(UNLISTED_ORIGIN, "/api/csrf/"),
        refused_message("http://other.example", "/api/health/"),
    ]


@pytest.mark.django_db
def test_https_seen_as_http_behind_a_proxy_is_logged_with_django_https(security_log):
    Client().get("/api/health/", headers={"Origin": "https://testserver"})

    [record] = security_log("cors")
    assert record.getMessage() == (
        "Request from https://testserver to /api/health/ looks cross-origin to the API, which sees its "
        "own origin as http://testserver: behind a TLS-terminating proxy, set DJANGO_HTTPS=true on the "
        "API and have the proxy send X-Forwarded-Proto: https."
    )


def test_allowed_and_same_origin_requests_log_nothing(signed_in, security_log):
    assert signed_in.get(TODOS).status_code == 200  # same origin: no Origin header
    assert signed_in.send("POST", TODOS, {"title": "a"}).status_code == 201
    assert (
        signed_in.send("POST", TODOS, {"title": "b"}, headers={"Origin": "http://testserver"}).status_code
        == 201
    )
    assert signed_in.get(TODOS, headers={"Origin": SPA_ORIGIN})["Access-Control-Allow-Origin"] == SPA_ORIGIN
    assert preflight(SPA_ORIGIN)["Access-Control-Allow-Origin"] == SPA_ORIGIN

    assert security_log() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "origin"),
    [("/admin/login/", UNLISTED_ORIGIN), ("/api/health/", "null")],
    ids=["outside-the-api", "null-origin"],
)
def test_requests_no_allow_list_could_fix_log_nothing(security_log, path, origin):
    Client().get(path, headers={"Origin": origin})

    assert security_log() == []


@pytest.mark.django_db
def test_a_request_without_origin_costs_the_middleware_one_lookup(monkeypatch):
    def must_not_run(request):
        raise AssertionError("the no-Origin path must not inspect the request further")

    monkeypatch.setattr(middleware, "request_origin", must_not_run)
    monkeypatch.setattr(middleware, "own_origin", must_not_run)

    assert Client().get("/api/health/").status_code == 200


def test_the_log_middleware_wraps_corsmiddleware():
    # Inside CorsMiddleware it would see neither its headers nor its preflight answers.
    chain = settings.MIDDLEWARE
    assert chain.index("tandem.api.middleware.CorsRefusalLogMiddleware") + 1 == chain.index(
        "corsheaders.middleware.CorsMiddleware"
    )
