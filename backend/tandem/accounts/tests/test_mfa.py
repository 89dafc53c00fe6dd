"""MFA through allauth headless: TOTP enrolment, login's second step, recovery codes."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient, age_login

from tandem.accounts.models import User

from .helpers import AUTH, totp_code

TOTP = f"{AUTH}/account/authenticators/totp"
CODES = f"{AUTH}/account/authenticators/recovery-codes"


def reauthenticate(client: ApiClient) -> None:
    assert client.send("POST", f"{AUTH}/auth/reauthenticate", {"password": PASSWORD}).status_code == 200


def enrol_totp(client: ApiClient) -> str:
    reauthenticate(client)
    setup = client.get(TOTP)
    assert setup.status_code == 404, setup.content  # "not set up yet", with a fresh secret
    secret = setup.json()["meta"]["secret"]
    url = setup.json()["meta"]["totp_url"]
    assert url.startswith("otpauth://totp/")
    assert f"secret={secret}" in url
    assert "issuer=Tandem" in url
    response = client.send("POST", TOTP, {"code": totp_code(secret)})
    assert response.status_code == 200, response.content
    return secret


def login(email: str, password: str = PASSWORD) -> tuple[ApiClient, dict]:
    client = ApiClient()
    response = client.send("POST", f"{AUTH}/auth/login", {"email": email, "password": password})
    return client, response.json() | {"_status": response.status_code}


@pytest.fixture
def with_totp(signed_in: ApiClient, user: User) -> str:
    return enrol_totp(signed_in)


def test_enrolling_needs_a_recent_reauthentication(signed_in_long_ago: ApiClient):
    signed_in = signed_in_long_ago
    setup = signed_in.get(TOTP)
    secret = setup.json().get("meta", {}).get("secret", "A" * 32)

    response = signed_in.send("POST", TOTP, {"code": totp_code(secret)})

    assert response.status_code == 401
    assert response.json()["meta"]["is_authenticated"] is True
    assert {"id": "reauthenticate"} in response.json()["data"]["flows"]


def test_a_wrong_code_does_not_activate(signed_in: ApiClient):
    reauthenticate(signed_in)
    secret = signed_in.get(TOTP).json()["meta"]["secret"]
    wrong = str((int(totp_code(secret)) + 1) % 1_000_000).zfill(6)

    response = signed_in.send("POST", TOTP, {"code": wrong})

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "incorrect_code"
    assert signed_in.get(TOTP).status_code == 404


def test_enrolment_activates_totp_and_shows_recovery_codes_once(signed_in: ApiClient, user: User):
    enrol_totp(signed_in)

    assert signed_in.get(TOTP).status_code == 200
    types = [item["type"] for item in signed_in.get(f"{AUTH}/account/authenticators").json()["data"]]
    assert sorted(types) == ["recovery_codes", "totp"]
    first = signed_in.get(CODES).json()["data"]
    assert first["unused_code_count"] == first["total_code_count"] == 10
    assert len(first["unused_codes"]) == 10
    second = signed_in.get(CODES).json()["data"]
    assert "unused_codes" not in second  # view once


def test_regenerating_recovery_codes_replaces_them(signed_in: ApiClient, with_totp: str):
    old = signed_in.get(CODES).json()["data"]["unused_codes"]

    response = signed_in.send("POST", CODES, {})

    assert response.status_code == 200
    new = response.json()["data"]["unused_codes"]
    assert len(new) == 10
    assert set(new).isdisjoint(old)


def test_login_asks_for_the_second_factor(user: User, with_totp: str):
    client, body = login(user.email)

    assert body["_status"] == 401
    [flow] = [flow for flow in body["data"]["flows"] if flow.get("is_pending")]
    assert flow["id"] == "mfa_authenticate"
    assert sorted(flow["types"]) == ["recovery_codes", "totp"]
    assert client.get("/api/todos/").status_code in (401, 403)


def test_a_wrong_totp_code_is_refused_and_the_right_one_logs_in(user: User, with_totp: str):
    client, _ = login(user.email)
    wrong = str((int(totp_code(with_totp)) + 1) % 1_000_000).zfill(6)

    refused = client.send("POST", f"{AUTH}/auth/2fa/authenticate", {"code": wrong})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "incorrect_code"

    code = totp_code(with_totp)
    accepted = client.send("POST", f"{AUTH}/auth/2fa/authenticate", {"code": code})
    assert accepted.status_code == 200, accepted.content
    assert client.get("/api/todos/").status_code == 200

    # A code works once: replaying it (e.g. a shoulder-surfed code) is refused.
    other, _ = login(user.email)
    replayed = other.send("POST", f"{AUTH}/auth/2fa/authenticate", {"code": code})
    assert replayed.status_code == 400


def test_a_recovery_code_logs_in_once(signed_in: ApiClient, user: User, with_totp: str):
    code = signed_in.get(CODES).json()["data"]["unused_codes"][0]

    first, _ = login(user.email)
    assert first.send("POST", f"{AUTH}/auth/2fa/authenticate", {"code": code}).status_code == 200

    second, _ = login(user.email)
    reused = second.send("POST", f"{AUTH}/auth/2fa/authenticate", {"code": code})
    assert reused.status_code == 400
    assert reused.json()["errors"][0]["code"] == "incorrect_code"
    assert signed_in.get(CODES).json()["data"]["unused_code_count"] == 9


def test_turning_totp_off_needs_reauthentication(signed_in: ApiClient, user: User, with_totp: str):
    recovery_code = signed_in.get(CODES).json()["data"]["unused_codes"][0]
    client, _ = login(user.email)
    assert (
        client.send("POST", f"{AUTH}/auth/2fa/authenticate", {"code": totp_code(with_totp)}).status_code
        == 200
    )
    age_login(client)

    refused = client.send("DELETE", TOTP)
    assert refused.status_code == 401
    flows = refused.json()["data"]["flows"]
    assert {"id": "reauthenticate"} in flows
    assert any(flow["id"] == "mfa_reauthenticate" for flow in flows)
    assert client.get(TOTP).status_code == 200

    # Re-authenticating with the second factor (here a recovery code) counts too.
    reauth = client.send("POST", f"{AUTH}/auth/2fa/reauthenticate", {"code": recovery_code})
    assert reauth.status_code == 200, reauth.content
    assert client.send("DELETE", TOTP).status_code == 200
    assert client.get(TOTP).status_code == 404
    _, body = login(user.email)
    assert body["_status"] == 200  # no second step any more


def test_with_two_factor_on_changing_the_email_is_refused_as_the_readme_says(
    signed_in: ApiClient, user: User, with_totp: str
):
    response = signed_in.send("POST", f"{AUTH}/account/email", {"email": "new@example.com"})

    assert response.status_code == 400
    assert [e["code"] for e in response.json()["errors"]] == ["add_email_blocked"]
    assert not user.emailaddress_set.filter(email="new@example.com").exists()
