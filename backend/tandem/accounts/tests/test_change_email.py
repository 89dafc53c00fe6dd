"""Changing the email: re-authentication first; the new address counts once verified."""

from __future__ import annotations

from conftest import PASSWORD, ApiClient

from tandem.accounts.models import User

from .helpers import AUTH, last_email_to, verification_key


def test_changing_the_email_needs_a_recent_reauthentication(signed_in_long_ago: ApiClient, user: User):
    signed_in = signed_in_long_ago
    response = signed_in.send("POST", f"{AUTH}/account/email", {"email": "new@example.com"})

    assert response.status_code == 401
    assert response.json()["meta"]["is_authenticated"] is True
    assert {"id": "reauthenticate"} in response.json()["data"]["flows"]
    assert not user.emailaddress_set.filter(email="new@example.com").exists()


def test_the_new_address_takes_effect_only_once_verified(signed_in: ApiClient, user: User):
    assert signed_in.send("POST", f"{AUTH}/auth/reauthenticate", {"password": PASSWORD}).status_code == 200

    response = signed_in.send("POST", f"{AUTH}/account/email", {"email": "New@Example.com"})

    assert response.status_code == 200, response.content
    listed = {item["email"]: item for item in response.json()["data"]}
    assert listed["ann@example.com"]["primary"] is True
    assert listed["new@example.com"]["verified"] is False
    user.refresh_from_db()
    assert user.email == "ann@example.com"  # not yet
    assert last_email_to("new@example.com").subject == "[Tandem] Please Confirm Your Email Address"

    verified = signed_in.send(
        "POST", f"{AUTH}/auth/email/verify", {"key": verification_key("new@example.com")}
    )

    assert verified.status_code == 200, verified.content
    user.refresh_from_db()
    assert user.email == "new@example.com"
    emails = signed_in.get(f"{AUTH}/account/email").json()["data"]
    assert [(item["email"], item["primary"], item["verified"]) for item in emails] == [
        ("new@example.com", True, True)
    ]
    login = ApiClient().send("POST", f"{AUTH}/auth/login", {"email": "new@example.com", "password": PASSWORD})
    assert login.status_code == 200
