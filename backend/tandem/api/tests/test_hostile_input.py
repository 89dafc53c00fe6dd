"""Hostile input found by probing from outside: each answers a 4xx in the shared
error shape with a stable code, never a 500."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient
from django.test import Client

from tandem.accounts.models import User
from tandem.todos.models import Todo

from .test_errors import assert_error_shape

APP = "/api/auth/app/v1"
BROWSER = "/api/auth/browser/v1"
# About 1000 levels in under 2 kB: the parser's recursion limit, not the size limit.
DEEP = "[" * 1000 + "]" * 1000
DEEP_IN_OBJECT = '{"title": "a", "extra": ' + DEEP + "}"
# A lone surrogate is valid JSON (an escape) but no valid text: UTF-8 cannot encode it.
LONE_SURROGATE = "\\ud800"


def post_raw(client: Client, path: str, body: str, **headers: str):
    return client.generic("POST", path, body.encode(), content_type="application/json", headers=headers)


# --- 1. deeply nested JSON ---------------------------------------------------------------


@pytest.mark.parametrize("body", [DEEP, DEEP_IN_OBJECT], ids=["array", "in-object"])
def test_deeply_nested_json_on_the_domain_api_is_a_400(signed_in: ApiClient, body: str):
    response = post_raw(signed_in, "/api/todos/", body, **{"X-CSRFToken": signed_in.csrf()})

    assert_error_shape(response, 400, "json_too_deep")
    assert not Todo.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", [f"{APP}/auth/login", f"{APP}/auth/signup", f"{APP}/tokens/refresh", f"{APP}/auth/session"]
)
@pytest.mark.parametrize("body", [DEEP, DEEP_IN_OBJECT], ids=["array", "in-object"])
def test_deeply_nested_json_on_allauth_is_a_400_anonymously(path: str, body: str):
    response = post_raw(Client(), path, body)

    assert_error_shape(response, 400, "json_too_deep")


@pytest.mark.django_db
def test_deeply_nested_json_on_browser_login_is_a_400(api: ApiClient):
    response = post_raw(api, f"{BROWSER}/auth/login", DEEP, **{"X-CSRFToken": api.csrf()})

    assert_error_shape(response, 400, "json_too_deep")


def test_ordinary_nesting_and_brackets_inside_strings_pass(signed_in: ApiClient):
    # Brackets in text are not nesting: a title made of them is an ordinary todo.
    title = "[" * 150 + "{" * 50
    response = signed_in.send("POST", "/api/todos/", {"title": title[:200]})

    assert response.status_code == 201, response.content
    assert Todo.objects.get().title == title[:200]


# --- 2. lone surrogate as an unknown key ------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '{"title": "a", "' + LONE_SURROGATE + '": 1}',
        '{"title": "' + LONE_SURROGATE + '"}',
        '{"title": "a", "nested": {"' + LONE_SURROGATE + 'x": [1]}}',
    ],
    ids=["unknown-key", "value", "nested-key"],
)
def test_a_lone_surrogate_in_json_is_a_400(signed_in: ApiClient, body: str):
    response = post_raw(signed_in, "/api/todos/", body, **{"X-CSRFToken": signed_in.csrf()})

    assert_error_shape(response, 400, "invalid_unicode")
    assert not Todo.objects.exists()


def test_a_surrogate_pair_escape_is_ordinary_text(signed_in: ApiClient):
    # Python's json.dumps (ensure_ascii) writes an emoji as a surrogate pair escape.
    response = post_raw(
        signed_in, "/api/todos/", '{"title": "party \\ud83c\\udf89"}', **{"X-CSRFToken": signed_in.csrf()}
    )

    assert response.status_code == 201, response.content
    assert Todo.objects.get().title == "party \N{PARTY POPPER}"


def test_an_unknown_key_that_cannot_be_encoded_is_still_echoed_safely():
    """The renderer itself never fails on a parameter name it cannot encode."""
    from tandem.api.errors import error

    item = error("unknown_field", "Unknown or read-only field.", "a\ud800")

    assert item["param"].encode("utf-8")


# --- 3. lone surrogate in a password -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", [f"{APP}/auth/login", f"{APP}/auth/signup"])
@pytest.mark.parametrize("email", ["nobody@example.com", "ann@example.com"])
def test_a_lone_surrogate_password_is_a_400_anonymously(make_user, path: str, email: str):
    make_user(email="ann@example.com")
    body = '{"email": "' + email + '", "password": "pass' + LONE_SURROGATE + 'word-123"}'

    response = post_raw(Client(), path, body)

    assert_error_shape(response, 400, "invalid_unicode")
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_lone_surrogate_password_at_browser_login_is_a_400(api: ApiClient):
    body = '{"email": "nobody@example.com", "password": "' + LONE_SURROGATE + '"}'

    response = post_raw(api, f"{BROWSER}/auth/login", body, **{"X-CSRFToken": api.csrf()})

    assert_error_shape(response, 400, "invalid_unicode")


# --- 4. too many query parameters ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/todos/", "/api/posts/", "/api/dashboard/", "/api/account/"])
def test_more_than_1000_query_parameters_is_a_400_anonymously(path: str):
    query = "&".join(f"p{i}=1" for i in range(1001))

    response = Client().get(f"{path}?{query}")

    assert_error_shape(response, 400, "too_many_parameters")


def test_more_than_1000_query_parameters_signed_in_is_a_400(signed_in: ApiClient):
    query = "&".join(f"p{i}=1" for i in range(1001))

    response = signed_in.get(f"/api/todos/?{query}")

    assert_error_shape(response, 400, "too_many_parameters")


# --- 7. phone endpoints of a feature that is off ----------------------------------------------


PHONE_PATHS = [
    f"{client}/{path}"
    for client in (APP, BROWSER)
    for path in ("account/phone", "auth/phone/verify", "auth/phone/verify/resend")
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PHONE_PATHS)
@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_phone_endpoints_answer_like_an_unknown_endpoint_anonymously(path: str, method: str):
    response = Client().generic(method, path, b'{"phone": "+15550100"}', content_type="application/json")

    assert_error_shape(response, 404, "not_found")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_phone_endpoint_answers_404_when_signed_in(signed_in: ApiClient, method: str, user: User):
    response = signed_in.send(method, f"{BROWSER}/account/phone", {"phone": "+15550100"})

    assert_error_shape(response, 404, "not_found")


def test_phone_endpoint_answers_404_to_an_app_token(user: User, app_login):
    tokens = app_login()

    response = Client().get(
        f"{APP}/account/phone", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )

    assert_error_shape(response, 404, "not_found")


def test_login_with_an_ordinary_password_still_works(user: User):
    response = Client().post(
        f"{APP}/auth/login", {"email": user.email, "password": PASSWORD}, content_type="application/json"
    )

    assert response.status_code == 200
