"""Email verification and password reset, following the real emailed links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import PASSWORD, Outbox, email_link, log_out, new_email, sign_up

NEW_PASSWORD = "a-fresh-browser-password-9"


@pytest.mark.core
def test_signup_opens_the_emailed_link_and_lands_in_the_todos(
    page: Page, email_outbox: Outbox, screenshot
) -> None:
    email = new_email()
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    # Until the address is verified the app stays closed.
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    screenshot("check-inbox")
    page.goto("/todos")
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    message = email_outbox.latest(email)
    assert message["to"] == [email]
    assert message["subject"] == "[Tandem] Please Confirm Your Email Address"
    link = email_link(message, "/account/verify-email/")
    page.goto(link)
    expect(page.get_by_text(email)).to_be_visible()
    screenshot("verify-email")
    page.get_by_role("button", name="Confirm email address").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()

    # The link works once.
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile("invalid, has expired or was already used", re.I)
    )


def test_logging_in_before_verifying_shows_the_inbox_page(page: Page, email_outbox: Outbox) -> None:
    email = new_email()
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    page.context.clear_cookies()
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    # The link opened in this browser (which logged in) finishes the login.
    page.goto(email_link(email_outbox.latest(email), "/account/verify-email/"))
    page.get_by_role("button", name="Confirm email address").click()
    expect(page).to_have_url(re.compile(r"/todos$"))


def test_forgot_password_then_log_in_with_the_new_one(page: Page, email_outbox: Outbox, screenshot) -> None:
    email = new_email()
    sign_up(page, email)
    log_out(page)

    page.get_by_role("link", name="Forgot your password?").click()
    # The login page has an Email field too: wait for the reset page before typing.
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile("reset link is on its way", re.I))
    screenshot("forgot-password")

    message = email_outbox.latest(email, containing="/account/password/reset/")
    assert message["subject"] == "[Tandem] Password Reset Email"
    link = email_link(message, "/account/password/reset/")
    page.goto(link)
    page.get_by_label("New password").fill("password123")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text(re.compile("too common", re.I))).to_be_visible()
    page.get_by_label("New password").fill(NEW_PASSWORD)
    screenshot("reset-password")
    page.get_by_role("button", name="Set new password").click()

    expect(page).to_have_url(re.compile(r"/login\?reset=1"))
    expect(page.get_by_role("status")).to_contain_text(re.compile("password was reset", re.I))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/todos$"))

    # A used reset link is refused with a way forward.
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text(re.compile("invalid or was already used", re.I))
    expect(page.get_by_role("link", name="Ask for a new link")).to_be_visible()


def test_reset_request_for_an_unknown_address_looks_the_same(page: Page) -> None:
    page.goto("/account/password/reset")
    page.get_by_label("Email").fill(new_email())
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile("reset link is on its way", re.I))
