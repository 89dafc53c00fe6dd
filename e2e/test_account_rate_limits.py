"""allauth's rate limits as a person meets them: a clear message with when to retry."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import PASSWORD, log_out, new_email, sign_up


def test_too_many_failed_logins_say_when_to_try_again(page: Page, screenshot) -> None:
    email = new_email()
    sign_up(page, email)
    log_out(page)

    page.goto("/login")
    page.get_by_label("Email").fill(email)
    for _ in range(5):
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_contain_text(re.compile("not correct", re.I))
        page.get_by_label("Password").fill("")

    limited: list[tuple[int, str | None]] = []
    page.on(
        "response",
        lambda response: (
            limited.append((response.status, response.headers.get("retry-after")))
            if response.url.endswith("/auth/login")
            else None
        ),
    )
    page.get_by_label("Password").fill(PASSWORD)  # even the right password waits now
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Too many attempts. Try again in 5 minutes.")
    screenshot("login-rate-limited")
    assert limited == [(429, "300")]
    expect(page).to_have_url(re.compile(r"/login"))
