"""Malformed passkey credentials are the client's error, not a 500.

allauth parses the credential a browser sends with fido2's `from_dict` and
turns only some of fido2's exceptions into its `incorrect_code` 400: a
TypeError when registering, a TypeError or ValueError when authenticating.
fido2 also raises ValueError (undecodable base64url, clientDataJSON that is
not JSON, an id that differs from rawId) and KeyError (a field left out):
those escaped as 500s, on adding a passkey and on passkey login (anonymous).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MALFORMED = (ValueError, KeyError, IndexError, TypeError)


def _guarded(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    from allauth.mfa.adapter import get_adapter

    def parse_credential(response: Any) -> Any:
        try:
            return parse(response)
        except MALFORMED as error:
            raise get_adapter().validation_error("incorrect_code") from error

    parse_credential.tandem_guarded = True  # type: ignore[attr-defined]
    return parse_credential


def guard_credential_parsing() -> None:
    from allauth.mfa.webauthn.internal import auth

    for name in ("parse_registration_response", "parse_authentication_response"):
        parse = getattr(auth, name)
        if not getattr(parse, "tandem_guarded", False):
            setattr(auth, name, _guarded(parse))
