"""allauth headless `browser` client: signup, login, who-am-I, logout."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings
from django.core import mail
from django.test import Client

from tandem.accounts.models import User

AUTH = "/api/auth/browser/v1"


def error_codes(response) -> list[tuple[str, str | None]]:
    return [(item["code"], item.get("param")) for item in response.json()["errors"]]


# --- signup -------------------------------------------------------------------


def verification_key(message) -> str:
    match = re.search(r"/account/verify-email/([^\s/]+)", message.body)
    assert match, message.body
    return unquote(match.group(1))


@pytest.mark.django_db
def test_signup_creates_a_user_with_lowercased_email_and_asks_for_verification(api: ApiClient):
    response = api.send(
        "POST", f"{AUTH}/auth/signup", {"email": "New.Person@Example.COM", "password": PASSWORD}
    )

    # Mandatory verification: not signed in yet, a pending `verify_email` flow.
    assert response.status_code == 401, response.content
    assert response.json()["meta"]["is_authenticated"] is False
    flows = response.json()["data"]["flows"]
    assert {"id": "verify_email", "is_pending": True} in flows
    user = User.objects.get()
    assert user.email == "new.person@example.com"
    assert user.password != PASSWORD
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)
    assert api.get("/api/todos/").status_code in (401, 403)

    # The emailed link finishes the signup in the same browser.
    assert [message.to for message in mail.outbox] == [["new.person@example.com"]]
    key = verification_key(mail.outbox[0])
    verified = api.send("POST", f"{AUTH}/auth/email/verify", {"key": key})
    assert verified.status_code == 200, verified.content
    assert verified.json()["data"]["user"]["email"] == "new.person@example.com"
    assert verified.cookies[settings.SESSION_COOKIE_NAME].value
    assert api.get(f"{AUTH}/auth/session").status_code == 200


@pytest.mark.django_db
def test_signup_stores_the_password_with_argon2(api: ApiClient, settings):
    import config.settings as real_settings

    settings.PASSWORD_HASHERS = real_settings.PASSWORD_HASHERS  # undo the fast test hasher

    response = api.send("POST", f"{AUTH}/auth/signup", {"email": "ann@example.com", "password": PASSWORD})

    assert response.status_code == 401, response.content
    assert User.objects.get().password.startswith("argon2$")


@pytest.mark.parametrize("email", ["ann@example.com", "ANN@Example.com"])
def test_signup_with_a_taken_email_looks_like_any_signup(api: ApiClient, user: User, email: str):
    fresh = ApiClient().send(
        "POST", f"{AUTH}/auth/signup", {"email": "new@example.com", "password": PASSWORD}
    )
    mail.outbox.clear()

    response = api.send("POST", f"{AUTH}/auth/signup", {"email": email, "password": PASSWORD})

    # No enumeration: the same answer as a new address, and no second account.
    assert response.status_code == fresh.status_code == 401
    assert response.json() == fresh.json()
    assert User.objects.filter(email="ann@example.com").count() == 1
    assert not User.objects.get(email="ann@example.com").check_password("x")
    # The owner of the address is told by email instead.
    assert [message.to for message in mail.outbox] == [["ann@example.com"]]
    assert "/account/verify-email/" not in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    ["short1!", "password123", "38495720193847"],
    ids=["too-short", "common", "numeric"],
)
def test_signup_with_a_weak_password_is_refused(api: ApiClient, password: str):
    response = api.send("POST", f"{AUTH}/auth/signup", {"email": "new@example.com", "password": password})

    assert response.status_code == 400
    params = {param for _, param in error_codes(response)}
    assert params == {"password"}
    assert not User.objects.exists()


# --- login ----------------------------------------------------------------------


def test_login_with_the_right_password_returns_the_user_and_a_session(api: ApiClient, user: User):
    response = api.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body["data"]["user"]["email"] == user.email
    assert body["meta"]["is_authenticated"] is True
    assert response.cookies[settings.SESSION_COOKIE_NAME].value


def test_login_email_is_case_insensitive(api: ApiClient, user: User):
    response = api.send("POST", f"{AUTH}/auth/login", {"email": "ANN@EXAMPLE.COM", "password": PASSWORD})

    assert response.status_code == 200
    assert response.json()["data"]["user"]["email"] == "ann@example.com"


def test_wrong_password_and_unknown_email_get_the_same_answer(user: User):
    wrong_password = ApiClient().send(
        "POST", f"{AUTH}/auth/login", {"email": user.email, "password": "nope-nope-1"}
    )
    unknown_email = ApiClient().send(
        "POST", f"{AUTH}/auth/login", {"email": "nobody@example.com", "password": "nope-nope-1"}
    )

    assert wrong_password.status_code == unknown_email.status_code == 400
    assert wrong_password.json() == unknown_email.json()
    assert error_codes(wrong_password) == [("email_password_mismatch", "password")]
    assert settings.SESSION_COOKIE_NAME not in wrong_password.cookies
    assert settings.SESSION_COOKIE_NAME not in unknown_email.cookies


def test_inactive_user_cannot_log_in(api: ApiClient, user: User):
    User.objects.filter(pk=user.pk).update(is_active=False)

    response = api.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})

    assert response.status_code != 200
    assert api.get("/api/todos/").status_code == 401


# --- who am I -------------------------------------------------------------------


def test_session_endpoint_returns_the_signed_in_user(signed_in: ApiClient, user: User):
    response = signed_in.get(f"{AUTH}/auth/session")

    assert response.status_code == 200
    assert response.json()["data"]["user"]["email"] == user.email
    assert response.json()["meta"]["is_authenticated"] is True


@pytest.mark.django_db
def test_session_endpoint_answers_401_when_anonymous(api: ApiClient):
    response = api.get(f"{AUTH}/auth/session")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["meta"]["is_authenticated"] is False


# --- logout -----------------------------------------------------------------------


def test_logout_revokes_the_session_on_the_server(signed_in: ApiClient):
    old_session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    assert signed_in.get("/api/todos/").status_code == 200

    response = signed_in.send("DELETE", f"{AUTH}/auth/session")

    assert response.status_code == 401
    assert response.json()["meta"]["is_authenticated"] is False
    # An attacker who copied the cookie before logout gets nothing with it.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_session
    assert replay.get("/api/todos/").status_code == 401
    assert replay.get(f"{AUTH}/auth/session").status_code == 401
    # And the client that logged out is anonymous too.
    assert signed_in.get(f"{AUTH}/auth/session").status_code == 401


def test_logout_without_csrf_token_is_refused_and_the_session_survives(signed_in: ApiClient):
    response = signed_in.send("DELETE", f"{AUTH}/auth/session", csrf=False)

    assert response.status_code == 403
    assert error_codes(response) == [("csrf_failed", None)]
    assert signed_in.get(f"{AUTH}/auth/session").status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "ann\x00@example.com", "password": PASSWORD},
        {"email": "ann@example.com", "password": "pass\x00word-123"},
        {"email": ["ann@example.com"], "password": PASSWORD},
        {"email": "ann@example.com"},
        {},
    ],
    ids=["nul-email", "nul-password", "list-email", "no-password", "empty"],
)
def test_odd_login_input_is_a_json_400_not_a_500(api: ApiClient, user: User, credentials):
    response = api.send("POST", f"{AUTH}/auth/login", credentials)

    assert response.status_code == 400
    assert response.json()["errors"]
    assert api.get(f"{AUTH}/auth/session").status_code == 401
