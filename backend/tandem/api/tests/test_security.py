"""What a browser (or an attacker driving one) sees: CSRF, CORS, cookies, headers."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings
from django.test import Client

from tandem.todos.models import Todo

LOGIN = "/api/auth/browser/v1/auth/login"
SPA_ORIGIN = "http://localhost:5173"
EVIL_ORIGIN = "http://evil.example"


def error_codes(response) -> list[str]:
    return [item["code"] for item in response.json()["errors"]]


# --- CSRF --------------------------------------------------------------------------


def test_domain_write_without_csrf_token_is_a_json_403(signed_in: ApiClient):
    response = signed_in.send("POST", "/api/todos/", {"title": "Forged"}, csrf=False)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == 403
    assert error_codes(response) == ["csrf_failed"]
    assert not Todo.objects.exists()


def test_domain_write_with_csrf_token_passes(signed_in: ApiClient):
    response = signed_in.send("POST", "/api/todos/", {"title": "Real"})

    assert response.status_code == 201
    assert Todo.objects.get().title == "Real"


def test_domain_write_with_a_wrong_csrf_token_is_refused(signed_in: ApiClient):
    response = signed_in.send(
        "POST", "/api/todos/", {"title": "Forged"}, csrf=False, headers={"X-CSRFToken": "x" * 64}
    )

    assert response.status_code == 403
    assert error_codes(response) == ["csrf_failed"]
    assert not Todo.objects.exists()


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_detail_writes_without_csrf_token_are_refused(signed_in: ApiClient, user, make_todo, method: str):
    todo = make_todo(user, "Keep me")

    response = signed_in.send(method, f"/api/todos/{todo.pk}/", {"title": "Forged", "version": 1}, csrf=False)

    assert response.status_code == 403
    assert error_codes(response) == ["csrf_failed"]
    todo.refresh_from_db()
    assert (todo.title, todo.version) == ("Keep me", 1)


def test_allauth_login_without_csrf_token_is_a_json_403(user):
    client = ApiClient()

    response = client.send("POST", LOGIN, {"email": user.email, "password": PASSWORD}, csrf=False)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert error_codes(response) == ["csrf_failed"]
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_allauth_login_with_csrf_token_passes(user):
    response = ApiClient().send("POST", LOGIN, {"email": user.email, "password": PASSWORD})

    assert response.status_code == 200


def test_write_from_a_foreign_origin_is_refused_even_with_a_token(signed_in: ApiClient):
    # A cookie-authenticated request from another site: the Origin check stops it.
    response = signed_in.send("POST", "/api/todos/", {"title": "Forged"}, headers={"Origin": EVIL_ORIGIN})

    assert response.status_code == 403
    assert error_codes(response) == ["csrf_failed"]
    assert not Todo.objects.exists()


def test_write_from_the_trusted_spa_origin_passes(signed_in: ApiClient):
    response = signed_in.send("POST", "/api/todos/", {"title": "From Vite"}, headers={"Origin": SPA_ORIGIN})

    assert response.status_code == 201


@pytest.mark.django_db
def test_csrf_failure_on_the_admin_stays_djangos_html_page():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert b"CSRF" in response.content


@pytest.mark.django_db
def test_csrf_endpoint_sets_the_cookie_and_returns_the_token():
    response = Client().get("/api/csrf/")

    assert response.status_code == 200
    assert response.json()["csrf_token"]
    assert response.cookies[settings.CSRF_COOKIE_NAME].value
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


# --- CORS --------------------------------------------------------------------------


def preflight(origin: str, path: str = "/api/todos/"):
    return Client().options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-csrftoken",
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/todos/", LOGIN])
def test_preflight_from_the_spa_origin_is_allowed_with_credentials(path: str):
    response = preflight(SPA_ORIGIN, path)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == SPA_ORIGIN
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "x-csrftoken" in response["Access-Control-Allow-Headers"].lower()


@pytest.mark.django_db
@pytest.mark.parametrize("origin", [EVIL_ORIGIN, "http://localhost:5173.evil.example", "null"])
def test_preflight_from_another_origin_gets_no_cors_grant(origin: str):
    response = preflight(origin)

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Credentials" not in response


# Every custom request header the SPA's client core sends (packages/client).
SPA_REQUEST_HEADERS = [
    "authorization",
    "content-type",
    "x-csrftoken",
    "x-session-token",
    "x-email-verification-key",
    "x-password-reset-key",
    "if-match",
    "x-request-id",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/posts/1/", LOGIN, "/api/auth/app/v1/auth/password/reset"])
def test_preflight_from_the_spa_origin_allows_every_header_the_spa_sends(path: str):
    response = Client().options(
        path,
        headers={
            "Origin": SPA_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": ", ".join(SPA_REQUEST_HEADERS),
        },
    )

    allowed = {name.strip() for name in response["Access-Control-Allow-Headers"].lower().split(",")}
    assert response["Access-Control-Allow-Origin"] == SPA_ORIGIN
    assert set(SPA_REQUEST_HEADERS) <= allowed


@pytest.mark.django_db
def test_preflight_from_an_unlisted_origin_grants_no_headers():
    response = Client().options(
        "/api/todos/",
        headers={
            "Origin": EVIL_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-session-token",
        },
    )

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Headers" not in response


@pytest.mark.django_db
def test_the_spa_can_read_retry_after_and_the_request_id_cross_origin():
    response = Client().get("/api/health/", headers={"Origin": SPA_ORIGIN})
    refused = Client().get("/api/health/", headers={"Origin": EVIL_ORIGIN})

    exposed = {name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"retry-after", "x-request-id"} <= exposed
    assert response["X-Request-ID"]
    assert "Access-Control-Expose-Headers" not in refused


def test_credentialed_response_names_the_spa_origin_never_a_wildcard(signed_in: ApiClient):
    allowed = signed_in.get("/api/todos/", headers={"Origin": SPA_ORIGIN})
    refused = signed_in.get("/api/todos/", headers={"Origin": EVIL_ORIGIN})

    assert allowed["Access-Control-Allow-Origin"] == SPA_ORIGIN
    assert allowed["Access-Control-Allow-Credentials"] == "true"
    assert "origin" in allowed["Vary"].lower()
    assert "Access-Control-Allow-Origin" not in refused


# --- cookies and headers -------------------------------------------------------------


def test_session_cookie_is_httponly_and_samesite_lax(user):
    response = ApiClient().send("POST", LOGIN, {"email": user.email, "password": PASSWORD})

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert response.status_code == 200
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_login_rotates_the_csrf_token(user):
    client = ApiClient()
    before = client.csrf()
    client.send("POST", LOGIN, {"email": user.email, "password": PASSWORD})

    stale = client.post(
        "/api/todos/", {"title": "x"}, content_type="application/json", headers={"X-CSRFToken": before}
    )

    assert stale.status_code == 403
    assert error_codes(stale) == ["csrf_failed"]
    assert client.send("POST", "/api/todos/", {"title": "x"}).status_code == 201


@pytest.mark.django_db
def test_csrf_cookie_is_samesite_lax():
    cookie = Client().get("/api/csrf/").cookies[settings.CSRF_COOKIE_NAME]

    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/health/", "/api/todos/"])
def test_api_responses_carry_the_security_headers(path: str):
    response = Client().get(path)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.django_db
def test_the_policy_header_follows_a_changed_setting(settings):
    before = Client().get("/api/health/")["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}

    after = Client().get("/api/health/")["Content-Security-Policy"]

    assert "default-src 'self'" in before
    assert after == "default-src 'none'"


@pytest.mark.django_db
def test_the_api_docs_prefix_stays_without_a_policy(settings):
    # EXCLUDE_URL_PREFIXES: the development docs load Swagger UI from a CDN.
    response = Client().get("/api/docs/")

    assert "Content-Security-Policy" not in response
