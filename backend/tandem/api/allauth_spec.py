"""allauth's headless OpenAPI document, corrected to say what the server sends.

Tandem publishes allauth's own specification (openapi/allauth.yaml, and
/api/auth/openapi.{yaml,json} in development) with these corrections, each
found by sending the server generated requests and comparing its answers:

1. `Flow.id` lists every flow allauth can name: allauth's spec leaves out
   `mfa_login_webauthn` (sent in every anonymous 401 when passkey login is on)
   and the other flows its code defines.
2. `meta.is_authenticated` is `null`, not a boolean, in the 401/410 answers
   allauth builds without a user (a session that is gone, a login stage that
   failed): it is declared nullable.
3. Operations that need a recent re-authentication declare only the
   re-authentication 401 (`meta.is_authenticated: true`, `data.user`); called
   anonymously they answer the plain 401 (`is_authenticated: false`, login
   flows). Both are declared, with `anyOf`: allauth's `oneOf` could never hold,
   since a re-authentication answer is also a valid authentication answer.
4. The recovery-codes POST (regenerate) declares no 200; it answers 200 with
   the new codes, like the GET.
5. `WebAuthnCredential` is an object without properties in allauth's spec; it
   is the JSON form of the browser's PublicKeyCredential (`toJSON()`).
6. `AuthenticationMethod` is `anyOf`, not `oneOf`: a password re-authentication
   record (`{"method": "password", "at": ..., "reauthenticated": true}`, also
   what a fresh login records in Tandem) matches both the "password login" and
   the "re-authenticated by password" variants, so `oneOf` could never hold.
7. Answers every operation can give are declared on every operation: 400 on a
   body that is not valid, 401 when not signed in, 403 for a write through
   the browser client without a valid CSRF token, 404 for an unknown endpoint
   (e.g. a client other than `app`/`browser`), 410 for the app client's
   session token of a session that has ended, and 429 when a rate limit
   refuses the request (Tandem answers each as JSON).
"""

from __future__ import annotations

import copy
from typing import Any

from allauth.headless.constants import Flow

METHODS = ("get", "put", "post", "patch", "delete")
UNSAFE = ("put", "post", "patch", "delete")
# Operations that never look at a session: no 401/410 there.
SESSIONLESS = ("/config", "/tokens/refresh")


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


WEBAUTHN_CREDENTIAL = {
    "type": "object",
    "description": "A PublicKeyCredential in its JSON form (`credential.toJSON()`): binary values "
    "as base64url strings.",
    "properties": {
        "id": {"type": "string", "description": "The credential id (base64url)."},
        "rawId": {"type": "string", "description": "The credential id (base64url)."},
        "type": {"type": "string", "enum": ["public-key"]},
        "authenticatorAttachment": {"type": "string", "enum": ["platform", "cross-platform"]},
        "response": {
            "type": "object",
            "description": "An attestation (registration: `attestationObject`) or an assertion "
            "(authentication: `authenticatorData`, `signature`, `userHandle`).",
            "properties": {
                "clientDataJSON": {"type": "string"},
                "attestationObject": {"type": "string"},
                "transports": {"type": "array", "items": {"type": "string"}},
                "authenticatorData": {"type": "string"},
                "signature": {"type": "string"},
                "userHandle": {"type": "string"},
            },
            "required": ["clientDataJSON"],
        },
        "clientExtensionResults": {"type": "object", "additionalProperties": True},
    },
    "required": ["id", "rawId", "type", "response"],
}


def _operations(spec: dict[str, Any]):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _declare_common_answers(
    path: str, method: str, operation: dict[str, Any], responses_components: dict[str, Any]
) -> None:
    responses = operation["responses"]
    if "requestBody" in operation:
        responses.setdefault("400", _ref("responses", "Error"))
    if not path.endswith(SESSIONLESS):
        if responses.get("401") == _ref("responses", "ReauthenticationRequired"):
            responses["401"] = _ref("responses", "AuthenticationOrReauthentication")
        responses.setdefault("401", _ref("responses", "AuthenticationOrReauthentication"))
        responses.setdefault("410", _ref("responses", "SessionGone"))
    if method in UNSAFE:
        responses.setdefault("403", _ref("responses", "Forbidden"))
    not_found = responses.get("404")
    if not_found is None:
        responses["404"] = _ref("responses", "NotFound")
    elif not_found != _ref("responses", "NotFound"):
        # A specific 404 (no TOTP authenticator yet): an unknown endpoint answers the plain one.
        if "$ref" in not_found:
            not_found = responses_components[not_found["$ref"].rpartition("/")[2]]
        specific = copy.deepcopy(not_found)
        schema = specific["content"]["application/json"]["schema"]
        specific["content"]["application/json"]["schema"] = {
            "anyOf": [
                schema,
                {"properties": {"status": {"enum": [404], "type": "integer"}}, "required": ["status"]},
            ]
        }
        responses["404"] = specific
    responses.setdefault("429", _ref("responses", "TooManyRequests"))


def correct(spec: dict[str, Any]) -> dict[str, Any]:
    """The corrections listed in this module's docstring, applied to allauth's spec."""
    spec = copy.deepcopy(spec)
    components = spec["components"]
    schemas = components["schemas"]

    schemas["Flow"]["properties"]["id"]["enum"] = sorted(flow.value for flow in Flow)

    for part in schemas["AuthenticationMeta"]["allOf"]:
        if "is_authenticated" in part.get("properties", {}):
            part["properties"]["is_authenticated"]["nullable"] = True
            part["properties"]["is_authenticated"]["description"] = (
                "Whether a user is signed in; null in answers built without a user "
                "(a session that is gone, a login step that failed)."
            )

    method = schemas["AuthenticationMethod"]
    method["anyOf"] = method.pop("oneOf")

    either = components["responses"]["AuthenticationOrReauthentication"]["content"]["application/json"][
        "schema"
    ]
    either["anyOf"] = either.pop("oneOf")

    # allauth's example wraps the credential in the request body's `credential` key.
    example = schemas["WebAuthnCredential"].get("example", {})
    schemas["WebAuthnCredential"] = {**WEBAUTHN_CREDENTIAL, "example": example.get("credential", example)}

    for path, method, operation in _operations(spec):
        if path.endswith("/account/authenticators/recovery-codes") and method == "post":
            operation["responses"].setdefault("200", _ref("responses", "RecoveryCodes"))
        _declare_common_answers(path, method, operation, components["responses"])
    return spec


def corrected_schema() -> dict[str, Any]:
    from allauth.headless.spec.internal.schema import get_schema

    return correct(get_schema())
