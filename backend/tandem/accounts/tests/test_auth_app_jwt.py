"""allauth headless `app` client: JWT access tokens and rotating refresh tokens."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings
from django.core import mail
from django.test import Client

from tandem.accounts.models import User

AUTH = "/api/auth/app/v1"
BACKEND_DIR = Path(__file__).resolve().parents[3]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def refresh(refresh_token: str):
    return Client().post(
        f"{AUTH}/tokens/refresh", {"refresh_token": refresh_token}, content_type="application/json"
    )


def test_app_login_returns_an_access_and_a_refresh_token(user: User):
    response = Client().post(
        f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD}, content_type="application/json"
    )

    assert response.status_code == 200
    meta = response.json()["meta"]
    assert meta["access_token"].count(".") == 2
    assert meta["refresh_token"]
    assert response.json()["data"]["user"]["email"] == user.email
    # The app client is cookie-less: nothing a browser would send back by itself.
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_app_login_with_a_wrong_password_gets_no_tokens(user: User):
    response = Client().post(
        f"{AUTH}/auth/login",
        {"email": user.email, "password": "wrong-password-1"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "access_token" not in response.json().get("meta", {})
    assert [e["code"] for e in response.json()["errors"]] == ["email_password_mismatch"]


def test_bearer_access_token_lists_own_todos(user: User, app_login, make_todo):
    make_todo(user, "Mine")
    tokens = app_login()

    response = Client().get("/api/todos/", headers=bearer(tokens["access_token"]))

    assert response.status_code == 200
    assert [todo["title"] for todo in response.json()["results"]] == ["Mine"]


def test_bearer_writes_need_no_csrf_token(user: User, app_login):
    tokens = app_login()
    client = ApiClient()  # CSRF enforced, but a bearer token is not ambient authority

    response = client.send(
        "POST", "/api/todos/", {"title": "From the app"}, csrf=False, headers=bearer(tokens["access_token"])
    )

    assert response.status_code == 201
    assert user.todos.get().title == "From the app"


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["garbage", "a.b.c", ""])
def test_a_bad_bearer_token_is_a_401_with_a_challenge(token: str):
    response = Client().get("/api/todos/", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401
    assert response.json()["errors"][0]["code"] in {"authentication_failed", "not_authenticated"}


def test_a_token_signed_with_another_key_is_refused(user: User, app_login):
    import jwt

    tokens = app_login()
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    forged = jwt.encode(claims, "attacker-secret-that-is-long-enough-for-hs256", algorithm="HS256")

    response = Client().get("/api/todos/", headers=bearer(forged))

    assert response.status_code == 401


def test_refresh_rotates_the_pair_and_refuses_the_old_refresh_token(user: User, app_login):
    tokens = app_login()

    response = refresh(tokens["refresh_token"])

    assert response.status_code == 200
    fresh = response.json()["data"]
    assert fresh["access_token"]
    assert fresh["refresh_token"]
    assert fresh["refresh_token"] != tokens["refresh_token"]
    assert Client().get("/api/todos/", headers=bearer(fresh["access_token"])).status_code == 200

    # The rotated-in token works (presenting the old one again is theft: see
    # test_refresh_token_reuse.py).
    assert refresh(fresh["refresh_token"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["garbage", ""])
def test_a_garbage_refresh_token_gets_a_json_400(token: str):
    response = refresh(token)

    assert response.status_code == 400
    assert response.json()["status"] == 400
    assert response.json()["errors"]


def test_app_logout_revokes_the_access_and_the_refresh_token(user: User, app_login):
    tokens = app_login()
    assert Client().get("/api/todos/", headers=bearer(tokens["access_token"])).status_code == 200

    response = Client().delete(f"{AUTH}/auth/session", headers=bearer(tokens["access_token"]))

    assert response.status_code == 401
    # Stateful validation: the unexpired access token is dead with its session.
    after = Client().get("/api/todos/", headers=bearer(tokens["access_token"]))
    assert after.status_code == 401
    assert refresh(tokens["refresh_token"]).status_code == 400


def test_app_logout_leaves_the_users_other_logins_alone(user: User, app_login):
    phone, laptop = app_login(), app_login()

    Client().delete(f"{AUTH}/auth/session", headers=bearer(phone["access_token"]))

    assert Client().get("/api/todos/", headers=bearer(laptop["access_token"])).status_code == 200
    assert refresh(laptop["refresh_token"]).status_code == 200


@pytest.mark.django_db
def test_app_signup_verifies_the_email_then_returns_working_tokens():
    response = Client().post(
        f"{AUTH}/auth/signup",
        {"email": "App.User@Example.com", "password": PASSWORD},
        content_type="application/json",
    )

    # Verification is mandatory: a pending flow, tracked by a session token.
    assert response.status_code == 401, response.content
    session_token = response.json()["meta"]["session_token"]
    assert "access_token" not in response.json()["meta"]
    key = unquote(re.search(r"/account/verify-email/([^\s/]+)", mail.outbox[-1].body).group(1))
    response = Client().post(
        f"{AUTH}/auth/email/verify",
        {"key": key},
        content_type="application/json",
        headers={"X-Session-Token": session_token},
    )
    assert response.status_code == 200, response.content
    meta = response.json()["meta"]
    assert User.objects.get().email == "app.user@example.com"
    assert Client().get("/api/todos/", headers=bearer(meta["access_token"])).status_code == 200
    assert refresh(meta["refresh_token"]).status_code == 200


FRESH_PROCESS_LOGIN = textwrap.dedent(
    """
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.test import Client
    from allauth.account.models import EmailAddress
    from tandem.accounts.models import User
    user = User.objects.create_user(email="ann@example.com", password="correct-horse-battery-9")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    response = Client().post(
        "/api/auth/app/v1/auth/login",
        {"email": "ann@example.com", "password": "correct-horse-battery-9"},
        content_type="application/json",
    )
    print("STATUS", response.status_code, "access_token" in response.json().get("meta", {}))
    """
)


def test_a_fresh_process_issues_a_token_on_its_first_app_login(tmp_path: Path):
    # Guards the cryptography 50.x lazy-import bug (see NOTES-allauth.md): the
    # first JWT issuance in a new process used to be a 500.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "TANDEM_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL="sqlite://:memory:",
        TANDEM_DATA_DIR=str(tmp_path),
        DJANGO_JWT_PRIVATE_KEY=settings.HEADLESS_JWT_PRIVATE_KEY,
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_ALLOWED_HOSTS="testserver",
    )

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", FRESH_PROCESS_LOGIN],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert "STATUS 200 True" in result.stdout, result.stdout + result.stderr


def test_the_session_endpoint_validates_the_bearer_token_once(user, app_login, monkeypatch):
    """allauth asks for the access token twice while answering a read; the
    second ask must not cost a second validation (an auth query, or a cache
    round trip), and the answer is still the signed-in user."""
    from tandem.api import authentication

    token = app_login()["access_token"]
    validations: list[str] = []
    validate = authentication.user_for_access_token

    def counting(access_token, *args, **kwargs):
        validations.append(access_token)
        return validate(access_token, *args, **kwargs)

    monkeypatch.setattr(authentication, "user_for_access_token", counting)

    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(f"{AUTH}/auth/session")

    assert response.status_code == 200
    assert response.json()["data"]["user"]["email"] == user.email
    assert validations == [token]
