"""Malformed passkey input is a 400, never a 500 (found by the contract suite)."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient

from .helpers import AUTH

WEBAUTHN = f"{AUTH}/account/authenticators/webauthn"


@pytest.fixture
def registering(signed_in: ApiClient) -> ApiClient:
    assert signed_in.send("POST", f"{AUTH}/auth/reauthenticate", {"password": PASSWORD}).status_code == 200
    assert signed_in.get(WEBAUTHN, {"passwordless": ""}).status_code == 200
    return signed_in


@pytest.mark.parametrize(
    "credential",
    [
        {"id": "AAAA"},  # rawId, type and response left out
        {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {"clientDataJSON": "AAAA", "attestationObject": "AAAA"}},
        {"id": "AAAA", "rawId": "AAAB", "type": "public-key", "response": {"clientDataJSON": "AAAA"}},
        {"id": "A", "rawId": "A", "type": "public-key", "response": {"clientDataJSON": "A"}},  # not base64url
    ],
    ids=["fields-missing", "client-data-not-json", "id-is-not-raw-id", "not-base64url"],
)  # fmt: skip
def test_a_malformed_registration_credential_is_a_400(registering: ApiClient, credential):
    response = registering.send("POST", WEBAUTHN, {"name": "Laptop", "credential": credential})

    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["code"] == "incorrect_code"


def test_removing_an_authenticator_id_the_database_cannot_hold_is_a_400(signed_in: ApiClient):
    response = signed_in.send("DELETE", WEBAUTHN, {"authenticators": [10**30]})

    assert response.status_code == 400, response.content
    # Postgres finds no such authenticator (allauth's invalid_choice); SQLite
    # cannot even bind the number (out_of_range). Never a 500.
    assert response.json()["errors"][0]["code"] in ("invalid_choice", "out_of_range")


@pytest.mark.parametrize(
    "credential",
    [{"id": "AAAA"}, {"id": "A", "rawId": "A", "type": "public-key", "response": {"clientDataJSON": "A"}}],
    ids=["fields-missing", "not-base64url"],
)
def test_a_malformed_passkey_login_is_a_400(api: ApiClient, db, credential):
    assert api.get(f"{AUTH}/auth/webauthn/login").status_code == 200
    response = api.send("POST", f"{AUTH}/auth/webauthn/login", {"credential": credential})

    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["code"] == "incorrect_code"
