"""Profile (display name) and account deletion: Tandem's own endpoints."""

from __future__ import annotations

from conftest import PASSWORD, ApiClient, age_login

from tandem.accounts.models import User

from .helpers import AUTH


def test_the_profile_shows_email_and_display_name(signed_in: ApiClient, user: User):
    response = signed_in.get("/api/account/profile/")

    assert response.status_code == 200
    assert response.json() == {"email": user.email, "name": ""}


def test_the_display_name_is_what_the_session_shows(signed_in: ApiClient, user: User):
    response = signed_in.send("PATCH", "/api/account/profile/", {"name": "  Ann Example "})

    assert response.status_code == 200
    assert response.json()["name"] == "Ann Example"
    assert signed_in.get(f"{AUTH}/auth/session").json()["data"]["user"]["display"] == "Ann Example"
    signed_in.send("PATCH", "/api/account/profile/", {"name": ""})
    assert signed_in.get(f"{AUTH}/auth/session").json()["data"]["user"]["display"] == user.email


def test_the_profile_refuses_bad_input(signed_in: ApiClient):
    too_long = signed_in.send("PATCH", "/api/account/profile/", {"name": "x" * 151})
    sneaky = signed_in.send("PATCH", "/api/account/profile/", {"name": "Ann", "email": "evil@example.com"})

    assert too_long.status_code == 400
    assert too_long.json()["errors"][0]["param"] == "name"
    assert sneaky.status_code == 400
    assert sneaky.json()["errors"][0]["code"] == "unknown_field"


def test_the_profile_needs_a_signed_in_user(api: ApiClient):
    assert api.get("/api/account/profile/").status_code in (401, 403)
    assert api.send("DELETE", "/api/account/").status_code in (401, 403)


def test_deleting_needs_a_recent_reauthentication(signed_in_long_ago: ApiClient, user: User):
    signed_in = signed_in_long_ago
    response = signed_in.send("DELETE", "/api/account/")

    # allauth's own answer for sensitive actions: 401, still signed in, with the ways to prove it.
    assert response.status_code == 401
    body = response.json()
    assert body["meta"]["is_authenticated"] is True
    assert {"id": "reauthenticate"} in body["data"]["flows"]
    assert User.objects.filter(pk=user.pk).exists()


def test_a_wrong_password_does_not_reauthenticate(signed_in_long_ago: ApiClient, user: User):
    signed_in = signed_in_long_ago
    response = signed_in.send("POST", f"{AUTH}/auth/reauthenticate", {"password": "not-it-at-all"})

    assert response.status_code == 400
    assert signed_in.send("DELETE", "/api/account/").status_code == 401


def test_delete_removes_the_user_their_todos_and_every_session(user: User, make_user, make_todo):
    laptop, phone = ApiClient(), ApiClient()
    for client in (laptop, phone):
        client.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})
    make_todo(user, "Mine")
    bob = make_user(email="bob@example.com")
    make_todo(bob, "Bob's")
    assert laptop.send("POST", f"{AUTH}/auth/reauthenticate", {"password": PASSWORD}).status_code == 200

    response = laptop.send("DELETE", "/api/account/")

    assert response.status_code == 204
    assert not User.objects.filter(email=user.email).exists()
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession

    from tandem.todos.models import Todo

    assert list(Todo.objects.values_list("title", flat=True)) == ["Bob's"]
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert not UserSession.objects.filter(user_id=user.pk).exists()
    assert laptop.get(f"{AUTH}/auth/session").status_code == 401
    assert phone.get("/api/todos/").status_code in (401, 403)
    login = ApiClient().send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})
    assert login.status_code == 400


def test_token_mode_deletes_after_reauthenticating_with_the_token(user: User, app_login, make_todo):
    """The cross-site SPA has no session cookie: the re-authentication is recorded
    in the session its access token belongs to, and that is what counts."""
    from django.test import Client

    make_todo(user, "Mine")
    tokens = app_login(user.email)
    age_login(access_token=tokens["access_token"])
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {tokens['access_token']}"}
    app = Client()

    refused = app.delete("/api/account/", **bearer)
    assert refused.status_code == 401
    assert {"id": "reauthenticate"} in refused.json()["data"]["flows"]
    reauth = app.post(
        "/api/auth/app/v1/auth/reauthenticate",
        {"password": PASSWORD},
        content_type="application/json",
        **bearer,
    )
    assert reauth.status_code == 200, reauth.content

    assert app.delete("/api/account/", **bearer).status_code == 204
    assert not User.objects.filter(email=user.email).exists()
    # Its tokens died with it.
    assert app.get("/api/todos/", **bearer).status_code == 401
    refresh = app.post(
        "/api/auth/app/v1/tokens/refresh",
        {"refresh_token": tokens["refresh_token"]},
        content_type="application/json",
    )
    assert refresh.status_code == 400
