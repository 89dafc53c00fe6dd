"""Reading the emails the app sent (Django's test outbox), as a person would."""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.core import mail

AUTH = "/api/auth/browser/v1"


def last_email_to(address: str):
    for message in reversed(mail.outbox):
        if address in message.to:
            return message
    raise AssertionError(f"no email to {address}; sent: {[(m.to, m.subject) for m in mail.outbox]}")


def link_key(message, route: str) -> str:
    """The key of the SPA link `route`/<key> found in the email's body."""
    match = re.search(rf"https?://[^\s]+{re.escape(route)}([^\s/]+)", message.body)
    assert match, f"no {route} link in:\n{message.body}"
    return unquote(match.group(1))


def verification_key(address: str) -> str:
    return link_key(last_email_to(address), "/account/verify-email/")


def reset_key(address: str) -> str:
    return link_key(last_email_to(address), "/account/password/reset/key/")


def totp_code(secret: str, at: float | None = None, *, period: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (SHA-1), as an authenticator app computes it: stdlib only."""
    import base64
    import hashlib
    import hmac
    import struct
    import time

    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    if at is None:
        # Never hand out a code about to expire: the server would see the next period.
        if period - time.time() % period < 1.5:
            time.sleep(period - time.time() % period + 0.05)
        at = time.time()
    counter = int(at // period)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)
