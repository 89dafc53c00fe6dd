"""Everything under /api/ answers JSON in the shared error shape, whoever failed."""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest
from conftest import PASSWORD, ApiClient
from django.db import OperationalError
from django.test import Client
from rest_framework.throttling import UserRateThrottle

from tandem.todos.models import Todo

LOGIN = "/api/auth/browser/v1/auth/login"
TOO_BIG = 2_621_440 + 1024  # just over DATA_UPLOAD_MAX_MEMORY_SIZE


def assert_error_shape(response, status: int, code: str | None = None, param: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert body["status"] == status
    assert body["errors"], body
    for item in body["errors"]:
        assert set(item) <= {"code", "message", "param"}
        assert item["code"]
        assert item["message"]
    if code is not None:
        assert [item["code"] for item in body["errors"]] == [code], body
    if param is not None:
        assert body["errors"][0]["param"] == param
    return body


# --- malformed requests -------------------------------------------------------------


def test_malformed_json_on_the_domain_api_is_a_json_parse_error(signed_in: ApiClient):
    response = signed_in.post(
        "/api/todos/",
        '{"title": "unterminated',
        content_type="application/json",
        headers={"X-CSRFToken": signed_in.csrf()},
    )

    assert_error_shape(response, 400, "parse_error")
    assert not Todo.objects.exists()


@pytest.mark.django_db
def test_malformed_json_on_allauth_login_is_json_too(api: ApiClient):
    response = api.post(
        LOGIN, "{not json", content_type="application/json", headers={"X-CSRFToken": api.csrf()}
    )

    assert_error_shape(response, 400)


def test_wrong_content_type_is_415(signed_in: ApiClient):
    response = signed_in.post(
        "/api/todos/",
        "title=Buy+milk",
        content_type="application/x-www-form-urlencoded",
        headers={"X-CSRFToken": signed_in.csrf()},
    )

    assert_error_shape(response, 415, "unsupported_media_type")
    assert not Todo.objects.exists()


def test_body_over_the_upload_limit_is_413_on_the_domain_api(signed_in: ApiClient):
    response = signed_in.send("POST", "/api/todos/", {"title": "big", "notes": "x" * TOO_BIG})

    assert_error_shape(response, 413, "request_too_large")
    assert not Todo.objects.exists()


@pytest.mark.django_db
def test_body_over_the_upload_limit_is_413_on_allauth(api: ApiClient):
    response = api.send("POST", LOGIN, {"email": "ann@example.com", "password": "x" * TOO_BIG})

    assert_error_shape(response, 413, "request_too_large")


# --- routing --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/nope/", "/api/todos/abc/", "/api/auth/browser/v9/auth/login"])
def test_unknown_api_path_is_a_json_404(path: str):
    assert_error_shape(Client().get(path), 404, "not_found")


def test_unknown_todo_id_is_a_json_404(signed_in: ApiClient):
    assert_error_shape(signed_in.get("/api/todos/999999/"), 404, "not_found")


def test_wrong_method_on_a_drf_view_is_a_json_405(signed_in: ApiClient):
    response = signed_in.send("PUT", "/api/todos/", {"title": "x"})

    assert_error_shape(response, 405, "method_not_allowed")
    assert "POST" in response["Allow"]


@pytest.mark.django_db
def test_wrong_method_on_a_plain_django_view_is_a_json_405(api: ApiClient):
    response = api.send("POST", "/api/health/")

    assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_anonymous_request_to_the_domain_api_is_401_with_a_bearer_challenge():
    response = Client().get("/api/todos/")

    assert_error_shape(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def _cursor(raw: str) -> str:
    return quote(base64.b64encode(raw.encode()).decode())


@pytest.mark.parametrize(
    ("ordering", "cursor"),
    [
        ("-created", "garbage"),
        ("-created", _cursor("o=-5")),
        ("-created", _cursor("r=maybe")),
        ("-created", _cursor("p=not-a-date")),
        ("-created", _cursor("p=2024-13-45T99:99:99")),
        ("-created", _cursor("p=" + "9" * 400)),
        ("-updated", _cursor("p=not-a-date&r=1")),
        ("created", _cursor("p=\x00")),
        ("title", _cursor("p=a\x00b")),
    ],
    ids=[
        "garbage",
        "negative-offset",
        "bad-reverse",
        "bad-position",
        "bad-date",
        "long",
        "reverse",
        "nul-date",
        "nul-title",
    ],
)
def test_an_invalid_cursor_is_a_json_400_not_a_500(signed_in: ApiClient, user, make_todo, ordering, cursor):
    make_todo(user)

    response = signed_in.get(f"/api/todos/?ordering={ordering}&cursor={cursor}")

    assert_error_shape(response, 400, "invalid_cursor", param="cursor")


@pytest.mark.parametrize(
    ("ordering", "cursor"),
    [
        ("-created", "%%%"),
        ("-created", _cursor("o=99999999999999999999999")),
        ("title", _cursor("p=" + "z" * 5000)),
        ("-title", _cursor("p=\u00e9\u00e8")),
    ],
    ids=["undecodable", "huge-offset", "long-title", "non-ascii"],
)
def test_an_absurd_but_harmless_cursor_is_never_a_500(
    signed_in: ApiClient, user, make_todo, ordering, cursor
):
    make_todo(user)

    response = signed_in.get(f"/api/todos/?ordering={ordering}&cursor={cursor}")

    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")


# --- throttling -------------------------------------------------------------------------


def test_throttled_domain_request_is_json_429_with_retry_after(signed_in: ApiClient, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min", "anon": "2/min"})

    statuses = [signed_in.get("/api/todos/").status_code for _ in range(2)]
    response = signed_in.get("/api/todos/")

    assert statuses == [200, 200]
    assert_error_shape(response, 429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60


def test_after_five_failed_logins_even_the_right_password_is_refused_for_a_while(user):
    client = ApiClient()
    statuses = [
        client.send("POST", LOGIN, {"email": user.email, "password": "wrong-password-1"}).status_code
        for _ in range(5)
    ]

    response = client.send("POST", LOGIN, {"email": user.email, "password": PASSWORD})

    assert statuses == [400] * 5
    # allauth answers its per-account login limit as a 400 form error; Tandem
    # makes it the 429 it is, with the shared shape and a Retry-After.
    assert_error_shape(response, 429, "too_many_login_attempts")
    assert response["Retry-After"] == "300"  # login_failed: 5 per 5 minutes per address
    assert client.get("/api/auth/browser/v1/auth/session").status_code == 401


# --- server-side failures --------------------------------------------------------------


@pytest.mark.django_db
def test_health_reports_ok_with_a_reachable_database():
    response = Client().get("/api/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_is_503_json_when_the_database_is_unreachable(monkeypatch):
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = Client().get("/api/health/")

    assert_error_shape(response, 503, "database_unavailable")


@pytest.mark.parametrize("path", ["/api/todos/", "/api/auth/browser/v1/auth/session"])
def test_a_database_outage_is_a_json_503_that_leaks_nothing(signed_in: ApiClient, monkeypatch, path: str):
    from django.db import connection

    def broken(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly (secret-host:5432)")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken)
        response = signed_in.get(path)

    assert_error_shape(response, 503, "database_unavailable")
    assert response["Retry-After"].isdigit()
    assert b"secret-host" not in response.content
    assert b"Traceback" not in response.content


def test_a_cache_outage_is_a_json_503(signed_in: ApiClient, monkeypatch):
    from importlib import import_module

    from django.conf import settings
    from redis.exceptions import ConnectionError as RedisConnectionError

    def unreachable(self, *args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to secret-redis:6379")

    # The session is read in a middleware, outside any view: the handler500 path.
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    monkeypatch.setattr(session_store, "load", unreachable)
    response = signed_in.get("/api/todos/")

    assert_error_shape(response, 503, "cache_unavailable")
    assert b"secret-redis" not in response.content


def test_an_unexpected_error_is_a_json_500_that_leaks_nothing(signed_in: ApiClient, monkeypatch):
    from tandem.todos import selectors

    def broken(**kwargs):
        raise RuntimeError("bug with secret-detail")

    monkeypatch.setattr(selectors, "todo_list_prepared", broken)
    response = signed_in.get("/api/todos/")

    assert_error_shape(response, 500, "server_error")
    assert b"secret-detail" not in response.content
    assert b"Traceback" not in response.content


def test_throttle_counts_each_user_separately(signed_in: ApiClient, make_user, monkeypatch):
    from conftest import PASSWORD as OTHER_PASSWORD

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min", "anon": "2/min"})
    other = ApiClient()
    bob = make_user("bob@example.com")
    assert other.send("POST", LOGIN, {"email": bob.email, "password": OTHER_PASSWORD}).status_code == 200

    for _ in range(3):
        signed_in.get("/api/todos/")

    assert signed_in.get("/api/todos/").status_code == 429
    assert other.get("/api/todos/").status_code == 200
