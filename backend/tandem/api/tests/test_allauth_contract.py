"""Tandem's exported allauth.yaml says what allauth, as Tandem runs it, sends (issue 11 §3).

Each test puts a corrected claim next to the server's real answer; the
corrections and their reasons are listed in tandem.api.allauth_spec.
"""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import APP_AUTH, BROWSER_AUTH

from tandem.api.allauth_spec import corrected_schema


@pytest.fixture(scope="module")
def allauth():
    return corrected_schema()


def test_every_flow_the_server_names_is_in_the_flow_enum(allauth, api, db):
    body = api.get(f"{BROWSER_AUTH}/auth/session").json()
    sent = {flow["id"] for flow in body["data"]["flows"]}
    assert "mfa_login_webauthn" in sent
    assert sent <= set(allauth["components"]["schemas"]["Flow"]["properties"]["id"]["enum"])


def test_is_authenticated_is_nullable_as_sent_on_a_gone_session(allauth, api, db):
    response = api.get(f"{APP_AUTH}/auth/session", headers={"X-Session-Token": "gone"})
    assert response.status_code == 410
    assert response.json()["meta"]["is_authenticated"] is None
    meta = allauth["components"]["schemas"]["AuthenticationMeta"]["allOf"]
    assert any(part.get("properties", {}).get("is_authenticated", {}).get("nullable") for part in meta)


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/account/authenticators/recovery-codes"), ("post", "/account/authenticators/totp"),
     ("delete", "/account/authenticators/webauthn"), ("put", "/account/email")],
)  # fmt: skip
def test_reauthentication_protected_operations_document_the_anonymous_401(allauth, api, db, method, path):
    response = api.send(method.upper(), f"{BROWSER_AUTH}{path}", {})
    assert response.status_code == 401
    assert response.json()["meta"]["is_authenticated"] is False  # the plain 401, not re-authentication
    declared = allauth["paths"]["/api/auth/{client}/v1" + path][method]["responses"]["401"]
    assert declared == {"$ref": "#/components/responses/AuthenticationOrReauthentication"}
    either = allauth["components"]["responses"]["AuthenticationOrReauthentication"]
    variants = either["content"]["application/json"]["schema"]["anyOf"]
    assert {"$ref": "#/components/schemas/AuthenticationResponse"} in variants


def test_recovery_codes_regeneration_documents_its_200(allauth):
    post = allauth["paths"]["/api/auth/{client}/v1/account/authenticators/recovery-codes"]["post"]
    assert post["responses"]["200"] == {"$ref": "#/components/responses/RecoveryCodes"}


def test_webauthn_credential_is_the_credential_json(allauth):
    credential = allauth["components"]["schemas"]["WebAuthnCredential"]
    assert {"id", "rawId", "type", "response"} <= set(credential["required"])
    assert set(credential["example"]) >= {"id", "rawId", "type", "response"}


def test_the_served_allauth_spec_is_the_exported_one(allauth, api, db):
    # Served whenever allauth would serve its own (HEADLESS_SERVE_SPECIFICATION, on in development).
    assert json.loads(api.get("/api/auth/openapi.json").content) == json.loads(json.dumps(allauth))
    assert yaml.safe_load(api.get("/api/auth/openapi.yaml").content) == allauth


def test_every_authentication_method_record_sent_matches_its_schema(allauth, signed_in):
    # After a login that also counts as a recent re-authentication the session
    # lists a login record and a re-authentication record; allauth's `oneOf`
    # matched the latter twice (its login variant leaves email/username optional).
    from jsonschema import Draft4Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    registry = Registry().with_resource("urn:allauth", DRAFT4.create_resource(allauth))
    validator = Draft4Validator(
        {"$ref": "urn:allauth#/components/schemas/AuthenticationMethod"}, registry=registry
    )
    methods = signed_in.get(f"{BROWSER_AUTH}/auth/session").json()["data"]["methods"]

    assert any(record.get("reauthenticated") for record in methods)
    for record in methods:
        assert validator.is_valid(record), list(validator.iter_errors(record))
