"""A fresh login is a recent authentication: sensitive actions right after it
need no second password prompt; once the window has passed, they do."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient, age_login
from django.test import Client

from tandem.accounts.models import User

from .helpers import AUTH


def test_deleting_right_after_a_password_login_needs_no_reauthentication(signed_in: ApiClient, user: User):
    response = signed_in.send("DELETE", "/api/account/")

    assert response.status_code == 204, response.content
    assert not User.objects.filter(pk=user.pk).exists()


def test_changing_email_right_after_a_password_login_needs_no_reauthentication(
    signed_in: ApiClient, user: User
):
    response = signed_in.send("POST", f"{AUTH}/account/email", {"email": "new@example.com"})

    assert response.status_code == 200, response.content
    assert user.emailaddress_set.filter(email="new@example.com", verified=False).exists()


def test_starting_passkey_enrolment_right_after_login_needs_no_reauthentication(signed_in: ApiClient):
    response = signed_in.get(f"{AUTH}/account/authenticators/webauthn", {"passwordless": "true"})

    assert response.status_code == 200, response.content


def test_token_mode_login_counts_too(user: User, app_login):
    tokens = app_login(user.email)

    response = Client().delete("/api/account/", headers={"Authorization": f"Bearer {tokens['access_token']}"})

    assert response.status_code == 204, response.content


def test_once_the_window_has_passed_the_password_is_asked_again(signed_in: ApiClient, user: User):
    age_login(signed_in)

    response = signed_in.send("DELETE", "/api/account/")

    assert response.status_code == 401
    assert {"id": "reauthenticate"} in response.json()["data"]["flows"]
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.django_db
def test_signing_up_is_no_password_login(settings):
    """Signup then the emailed link signs in without the password being checked
    at that moment: sensitive actions still ask for it."""
    from .helpers import verification_key

    client = ApiClient()
    client.send("POST", f"{AUTH}/auth/signup", {"email": "new@example.com", "password": PASSWORD})
    verified = client.send("POST", f"{AUTH}/auth/email/verify", {"key": verification_key("new@example.com")})
    assert verified.status_code == 200, verified.content

    response = client.send("DELETE", "/api/account/")

    assert response.status_code == 401
    assert {"id": "reauthenticate"} in response.json()["data"]["flows"]


def test_the_login_is_listed_as_allauth_lists_a_reauthentication(signed_in: ApiClient, user: User):
    # Each method record keeps one of the shapes allauth documents: the login
    # as it was, plus a separate re-authentication record (no email in it), so
    # a client validating against allauth's schema matches exactly one shape.
    methods = signed_in.get(f"{AUTH}/auth/session").json()["data"]["methods"]

    login, reauthentication = methods
    assert login["method"] == "password"
    assert login["email"] == user.email
    assert "reauthenticated" not in login
    assert reauthentication == {"method": "password", "at": login["at"], "reauthenticated": True}
