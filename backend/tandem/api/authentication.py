"""The only two ways into the domain API: allauth's JWT and the session cookie."""

from allauth.headless.contrib.rest_framework.authentication import JWTTokenAuthentication
from rest_framework import authentication


class JWTAuthentication(JWTTokenAuthentication):
    """Bearer access tokens issued by allauth headless's `app` client.

    Validation is stateful (HEADLESS_JWT_STATEFUL_VALIDATION_ENABLED): a token
    whose session was logged out is refused before it expires.
    """


class SessionAuthentication(authentication.SessionAuthentication):
    """Session cookie of allauth's `browser` client; DRF enforces CSRF for it."""
