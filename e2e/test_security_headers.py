"""Every client runs under the production Content-Security-Policy with no violation
(the SPAs under Django's, the Nuxt app under its own with per-page nonces)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import add_todo, new_email, sign_up

# Collects violations from the moment each document starts, before any app script.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_every_page_loads_under_the_csp_without_a_violation(page: Page) -> None:
    console_errors: list[str] = []
    page.on(
        "console", lambda message: console_errors.append(message.text) if message.type == "error" else None
    )
    page.add_init_script(RECORD_VIOLATIONS)

    public = (
        "/",
        "/login",
        "/signup",
        "/account/password/reset",
        "/account/verify-email/not-a-key",
        "/no/such/page",
    )
    for path in public:
        response = page.goto(path)
        assert response is not None
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # The app mounted (the SPAs' root is #app, Nuxt's #__nuxt): its scripts ran.
        expect(page.locator("#app, #__nuxt").first).not_to_be_empty()
        assert violations(page) == [], path

    sign_up(page, new_email())
    add_todo(page, "Under a strict CSP")
    signed_in = (
        "/todos",
        "/dashboard",
        "/posts",
        "/posts/new",
        "/account",
        "/account/sessions",
        "/account/security",
    )
    for path in signed_in:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert violations(page) == [], path

    # The authenticator-app setup draws a QR code: the likeliest place for an inline style.
    page.goto("/account/security")
    page.get_by_role("button", name="Set up authenticator app").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert violations(page) == [], "/account/security (TOTP setup)"

    assert not [text for text in console_errors if re.search("Content Security Policy", text, re.I)]


def test_the_app_cannot_be_framed_and_sends_the_security_headers(page: Page) -> None:
    response = page.goto("/")
    assert response is not None
    headers = response.headers
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])
