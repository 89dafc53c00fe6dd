"""Passkeys in Chromium, with a virtual authenticator driven over CDP.

WebAuthn refuses an IP address as the relying party id, so these tests use
the server as http://localhost:<port> (a secure context, like 127.0.0.1)
once the account exists.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import PASSWORD, log_out, new_email, sign_up


@pytest.fixture
def authenticator(page: Page):
    """A platform authenticator with user verification, like Touch ID or Windows Hello."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield cdp, added["authenticatorId"]
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": added["authenticatorId"]})


def on_localhost(page: Page, base_url: str, email: str, password: str = PASSWORD) -> str:
    """Logs in again on http://localhost:<port> and returns that origin."""
    origin = base_url.replace("127.0.0.1", "localhost")
    page.goto(f"{origin}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
    return origin


def add_passkey(page: Page, origin: str, name: str) -> None:
    page.goto(f"{origin}/account/security")
    page.get_by_label("Passkey name").fill(name)
    page.get_by_role("button", name="Add a passkey").click()
    # Right after a password login: the login is the recent authentication, no second prompt.
    expect(page.get_by_role("status")).to_contain_text(f"Passkey “{name}” added")
    expect(page.get_by_role("dialog", name="Confirm it is you")).to_have_count(0)
    expect(page.get_by_role("list", name="Passkeys")).to_contain_text(name)


def test_register_a_passkey_and_log_in_with_it(page: Page, authenticator, base_url: str, screenshot) -> None:
    cdp, authenticator_id = authenticator
    email = new_email()
    sign_up(page, email)
    origin = on_localhost(page, base_url, email)
    add_passkey(page, origin, "Test laptop")
    # The first authenticator brings recovery codes, shown once.
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(10)
    screenshot("passkey-added")
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]
    assert len(credentials) == 1
    assert credentials[0]["isResidentCredential"] is True
    log_out(page)

    # Passwordless: no email, no password.
    page.goto(f"{origin}/login")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("main").get_by_text(email)).to_be_visible()
    log_out(page)

    # With the password, the passkey is the second step.
    page.goto(f"{origin}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(re.compile(r"/todos$"))


def test_a_removed_passkey_no_longer_logs_in(page: Page, authenticator, base_url: str) -> None:
    email = new_email()
    sign_up(page, email)
    origin = on_localhost(page, base_url, email)
    add_passkey(page, origin, "Old key")
    page.get_by_role("button", name="I have saved them").click()
    page.get_by_role("button", name="Remove passkey Old key").click()
    expect(page.get_by_role("status")).to_contain_text("removed")
    log_out(page)

    page.goto(f"{origin}/login")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login"))
