"""Two-factor authentication in the browser: TOTP with a computed code, recovery codes."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import PASSWORD, log_in, log_out, new_email, sign_up, totp_code


def enrol_totp(page: Page) -> tuple[str, list[str]]:
    """Turns on the authenticator app from the security page; returns (secret, recovery codes)."""
    page.get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Two-factor authentication and passkeys").click()
    page.get_by_role("button", name="Set up authenticator app").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret

    page.get_by_label("Authentication code").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Incorrect code.")).to_be_visible()

    page.get_by_label("Authentication code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    # A sensitive change: allauth wants a fresh proof first, then the action is retried.
    dialog = page.get_by_role("dialog", name="Confirm it is you")
    dialog.get_by_label("Your password").fill(PASSWORD)
    dialog.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Two-factor authentication is on")
    items = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(items).to_have_count(10)
    codes = items.all_inner_texts()
    page.get_by_role("button", name="I have saved them").click()
    expect(page.get_by_text("10 of 10 unused")).to_be_visible()
    return secret, codes


def test_enrol_totp_then_log_in_with_a_code(page: Page, screenshot) -> None:
    email = new_email()
    sign_up(page, email)
    secret, _ = enrol_totp(page)
    screenshot("mfa-on")
    log_out(page)

    log_in(page, email)
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    screenshot("login-second-factor")
    page.get_by_label("Authentication code").fill("123456" if totp_code(secret) != "123456" else "654321")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_contain_text("Incorrect code")
    page.get_by_label("Authentication code").fill(totp_code(secret))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/todos$"))


def test_log_in_with_a_recovery_code_once(page: Page) -> None:
    email = new_email()
    sign_up(page, email)
    _, codes = enrol_totp(page)
    log_out(page)

    log_in(page, email)
    page.get_by_label("Authentication code").fill(codes[0])
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
    page.goto("/account/security")
    expect(page.get_by_text("9 of 10 unused")).to_be_visible()
    log_out(page)

    # A used recovery code is refused.
    log_in(page, email)
    page.get_by_label("Authentication code").fill(codes[0])
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_contain_text("Incorrect code")
    page.get_by_label("Authentication code").fill(codes[1])
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
