"""System checks that catch origin settings which do not fit together, before
a browser finds out: what `manage.py check` prints to the deployer."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks

SPA = "https://app.example.com"


def tandem_warnings() -> list:
    return [message for message in run_checks() if message.id.startswith("tandem.")]


# --- tandem.W001: a CORS origin whose session-mode writes would fail CSRF ---------------


def test_a_cors_origin_missing_from_the_csrf_trusted_origins_is_named(settings):
    settings.CORS_ALLOWED_ORIGINS = [SPA, "http://localhost:5173"]
    settings.CSRF_TRUSTED_ORIGINS = ["http://localhost:5173"]

    [warning] = tandem_warnings()

    assert warning.id == "tandem.W001"
    assert warning.msg == (
        f"{SPA} is in DJANGO_CORS_ALLOWED_ORIGINS but not in DJANGO_CSRF_TRUSTED_ORIGINS: an SPA there "
        "in session mode can read from the API, but each of its writes fails the CSRF check."
    )
    assert warning.hint.startswith(f"Add {SPA} to DJANGO_CSRF_TRUSTED_ORIGINS")


@pytest.mark.parametrize("trusted", [SPA, "https://*.example.com"], ids=["exact", "wildcard"])
def test_cors_origins_the_csrf_check_trusts_pass(settings, trusted):
    settings.CORS_ALLOWED_ORIGINS = [SPA]
    settings.CSRF_TRUSTED_ORIGINS = [trusted]

    assert tandem_warnings() == []


def test_a_wildcard_for_another_scheme_does_not_count(settings):
    settings.CORS_ALLOWED_ORIGINS = [SPA]
    settings.CSRF_TRUSTED_ORIGINS = ["http://*.example.com"]

    assert [warning.id for warning in tandem_warnings()] == ["tandem.W001"]


# --- tandem.W002 / W003: email links must open an SPA that can call the API -------------


def test_a_frontend_url_the_api_neither_serves_nor_allows_is_named(settings):
    settings.FRONTEND_URL = "https://www.example.org"
    settings.ALLOWED_HOSTS = ["api.example.com"]
    settings.CORS_ALLOWED_ORIGINS = settings.CSRF_TRUSTED_ORIGINS = [SPA]

    [warning] = tandem_warnings()

    assert warning.id == "tandem.W002"
    assert warning.msg == (
        "TANDEM_FRONTEND_URL (https://www.example.org) is neither served by this API (its host "
        "www.example.org is not in DJANGO_ALLOWED_HOSTS) nor an origin allowed to call it (not in "
        "DJANGO_CORS_ALLOWED_ORIGINS): the links in emails open an SPA that cannot reach the API."
    )
    assert "add it to DJANGO_CORS_ALLOWED_ORIGINS" in warning.hint
    assert "add www.example.org to DJANGO_ALLOWED_HOSTS" in warning.hint


@pytest.mark.parametrize(
    ("frontend_url", "allowed_hosts"),
    [
        ("https://example.com", ["example.com"]),  # the API serves the SPA
        ("https://example.com:8443/app", [".example.com"]),
        ("http://[::1]:8000", ["[::1]"]),
        ("https://example.com", ["*"]),
        (SPA, ["api.example.com"]),  # an SPA on another origin, allowed by CORS
        ("http://127.0.0.1:8000", ["api.example.com"]),  # the development default is not checked
    ],
)
def test_frontend_urls_that_reach_the_api_pass(settings, frontend_url, allowed_hosts):
    settings.FRONTEND_URL = frontend_url
    settings.ALLOWED_HOSTS = allowed_hosts
    settings.CORS_ALLOWED_ORIGINS = settings.CSRF_TRUSTED_ORIGINS = [SPA]

    assert tandem_warnings() == []


@pytest.mark.parametrize("frontend_url", ["app.example.com", "/spa", "ftp://example.com"])
def test_a_frontend_url_that_is_no_http_url_is_named(settings, frontend_url):
    settings.FRONTEND_URL = frontend_url

    [warning] = tandem_warnings()

    assert warning.id == "tandem.W003"
    assert f"TANDEM_FRONTEND_URL ({frontend_url!r}) is not an absolute http(s) URL" in warning.msg


def test_the_shipped_settings_pass():
    assert tandem_warnings() == []
