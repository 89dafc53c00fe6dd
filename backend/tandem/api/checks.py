"""System checks for origin settings that do not fit together: warned about
at startup (`manage.py check`, migrate, runserver) instead of discovered as a
failing browser request."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning
from django.http.request import split_domain_port, validate_host
from django.utils.http import is_same_domain


def _origin(url: str) -> str:
    parsed = urlsplit(url)
    return f"{parsed.scheme}://{parsed.netloc}"


def csrf_trusts(origin: str) -> bool:
    """Whether Django's CSRF Origin check accepts `origin` from another host
    (CSRF_TRUSTED_ORIGINS, with its `https://*.example.com` wildcards)."""
    trusted = settings.CSRF_TRUSTED_ORIGINS
    if origin in trusted:
        return True
    parsed = urlsplit(origin)
    return any(
        "*" in entry
        and urlsplit(entry).scheme == parsed.scheme
        and is_same_domain(parsed.netloc, urlsplit(entry).netloc.lstrip("*"))
        for entry in trusted
    )


def cors_allows(origin: str) -> bool:
    """Whether corsheaders grants `origin` (as CorsMiddleware decides it)."""
    if getattr(settings, "CORS_ALLOW_ALL_ORIGINS", False):
        return True
    parsed = urlsplit(origin)
    if any(
        (allowed.scheme, allowed.netloc) == (parsed.scheme, parsed.netloc)
        for allowed in map(urlsplit, getattr(settings, "CORS_ALLOWED_ORIGINS", []))
    ):
        return True
    return any(re.match(pattern, origin) for pattern in getattr(settings, "CORS_ALLOWED_ORIGIN_REGEXES", []))


@register(Tags.security)
def check_cors_origins_are_csrf_trusted(app_configs, **kwargs) -> list[CheckMessage]:
    """tandem.W001: an SPA origin allowed to call the API whose session-mode
    writes would all fail Django's CSRF Origin check."""
    return [
        CheckWarning(
            f"{origin} is in DJANGO_CORS_ALLOWED_ORIGINS but not in DJANGO_CSRF_TRUSTED_ORIGINS: an SPA "
            "there in session mode can read from the API, but each of its writes fails the CSRF check.",
            hint=(
                f"Add {origin} to DJANGO_CSRF_TRUSTED_ORIGINS (when set, it replaces the default, which "
                "is the CORS list). If the SPA there uses token mode only, it needs no CSRF trust: "
                "then add 'tandem.W001' to SILENCED_SYSTEM_CHECKS in the settings."
            ),
            id="tandem.W001",
        )
        for origin in map(_origin, getattr(settings, "CORS_ALLOWED_ORIGINS", []))
        if not csrf_trusts(origin)
    ]


@register(Tags.security)
def check_frontend_url_reaches_the_api(app_configs, **kwargs) -> list[CheckMessage]:
    """tandem.W002 / W003: the SPA that email links open (TANDEM_FRONTEND_URL)
    must be able to call this API: served by it (a host in ALLOWED_HOSTS) or
    an origin that CORS allows (or CSRF trusts, behind a Host-rewriting proxy)."""
    url = settings.FRONTEND_URL
    if url == getattr(settings, "DEFAULT_FRONTEND_URL", None):
        return []
    parsed = urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return [
            CheckWarning(
                f"TANDEM_FRONTEND_URL ({url!r}) is not an absolute http(s) URL: the links in emails "
                "(email verification, password reset) are broken.",
                hint="Set TANDEM_FRONTEND_URL to the SPA's address, e.g. https://app.example.com.",
                id="tandem.W003",
            )
        ]
    origin = _origin(url)
    host, _port = split_domain_port(parsed.netloc)
    if validate_host(host, settings.ALLOWED_HOSTS) or cors_allows(origin) or csrf_trusts(origin):
        return []
    return [
        CheckWarning(
            f"TANDEM_FRONTEND_URL ({url}) is neither served by this API (its host {host} is not in "
            f"DJANGO_ALLOWED_HOSTS) nor an origin allowed to call it (not in DJANGO_CORS_ALLOWED_ORIGINS): "
            "the links in emails open an SPA that cannot reach the API.",
            hint=(
                f"If the SPA lives at {origin}, add it to DJANGO_CORS_ALLOWED_ORIGINS; if this API serves "
                f"the SPA, add {host} to DJANGO_ALLOWED_HOSTS; otherwise correct TANDEM_FRONTEND_URL."
            ),
            id="tandem.W002",
        )
    ]
