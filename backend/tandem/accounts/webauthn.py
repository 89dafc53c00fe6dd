"""A malformed passkey registration is the client's error, not a 500.

allauth parses the credential a browser sends to add a passkey with fido2's
`RegistrationResponse.from_dict` and turns only a TypeError into its
`incorrect_code` 400. fido2 also raises ValueError (undecodable base64url,
clientDataJSON that is not JSON, an id that differs from rawId) and KeyError
(a field left out): those escaped as 500s. Authentication already handles
them (allauth's parse_authentication_response catches ValueError).
"""

from __future__ import annotations

from typing import Any


def guard_registration_parsing() -> None:
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.webauthn.internal import auth

    if getattr(auth.parse_registration_response, "tandem_guarded", False):
        return
    parse = auth.parse_registration_response

    def parse_registration_response(response: Any):
        try:
            return parse(response)
        except (ValueError, KeyError, IndexError) as error:
            raise get_adapter().validation_error("incorrect_code") from error

    parse_registration_response.tandem_guarded = True  # type: ignore[attr-defined]
    auth.parse_registration_response = parse_registration_response
