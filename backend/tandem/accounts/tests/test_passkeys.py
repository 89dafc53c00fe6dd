"""Passkeys (WebAuthn) through allauth headless: register, passwordless login, second factor."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient

from tandem.accounts.models import User

from .helpers import AUTH
from .passkey import SoftPasskey

WEBAUTHN = f"{AUTH}/account/authenticators/webauthn"


def register(client: ApiClient, passkey: SoftPasskey, name: str = "Laptop"):
    begin = client.get(WEBAUTHN, {"passwordless": ""})
    assert begin.status_code == 200, begin.content
    return client.send(
        "POST",
        WEBAUTHN,
        {"name": name, "credential": passkey.create(begin.json()["data"]["creation_options"])},
    )


@pytest.fixture
def passkey(signed_in: ApiClient) -> SoftPasskey:
    key = SoftPasskey()
    assert signed_in.send("POST", f"{AUTH}/auth/reauthenticate", {"password": PASSWORD}).status_code == 200
    response = register(signed_in, key)
    assert response.status_code == 200, response.content
    return key


def test_adding_a_passkey_needs_a_recent_reauthentication(signed_in_long_ago: ApiClient):
    signed_in = signed_in_long_ago
    response = signed_in.get(WEBAUTHN, {"passwordless": ""})

    assert response.status_code == 401
    assert response.json()["meta"]["is_authenticated"] is True


def test_a_registered_passkey_is_listed_and_brings_recovery_codes(signed_in: ApiClient, passkey: SoftPasskey):
    listed = signed_in.get(f"{AUTH}/account/authenticators").json()["data"]

    webauthn = [item for item in listed if item["type"] == "webauthn"]
    assert [(item["name"], item["is_passwordless"]) for item in webauthn] == [("Laptop", True)]
    assert any(item["type"] == "recovery_codes" for item in listed)


def test_passwordless_login_with_the_passkey(user: User, passkey: SoftPasskey):
    client = ApiClient()
    begin = client.get(f"{AUTH}/auth/webauthn/login")
    assert begin.status_code == 200

    response = client.send(
        "POST",
        f"{AUTH}/auth/webauthn/login",
        {"credential": passkey.get(begin.json()["data"]["request_options"])},
    )

    assert response.status_code == 200, response.content
    assert response.json()["data"]["user"]["email"] == user.email
    assert client.get("/api/todos/").status_code == 200


def test_a_passkey_of_nobody_is_refused(db):
    client = ApiClient()
    begin = client.get(f"{AUTH}/auth/webauthn/login")
    stranger = SoftPasskey()
    stranger.user_handle = b"999"

    response = client.send(
        "POST",
        f"{AUTH}/auth/webauthn/login",
        {"credential": stranger.get(begin.json()["data"]["request_options"])},
    )

    assert response.status_code == 400
    assert client.get(f"{AUTH}/auth/session").status_code == 401


def test_the_passkey_is_a_second_factor_after_the_password(user: User, passkey: SoftPasskey):
    client = ApiClient()
    login = client.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})
    assert login.status_code == 401
    [flow] = [flow for flow in login.json()["data"]["flows"] if flow.get("is_pending")]
    assert flow["id"] == "mfa_authenticate"
    assert "webauthn" in flow["types"]

    begin = client.get(f"{AUTH}/auth/webauthn/authenticate")
    response = client.send(
        "POST",
        f"{AUTH}/auth/webauthn/authenticate",
        {"credential": passkey.get(begin.json()["data"]["request_options"])},
    )

    assert response.status_code == 200, response.content
    assert client.get("/api/todos/").status_code == 200
