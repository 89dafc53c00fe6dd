"""Every page of the SPA passes axe-core's WCAG 2.1 A/AA rules, with real
content on it (a done todo, an open editor, posts, the TOTP setup), signed out
and signed in. axe is injected into the page, so this context bypasses the
CSP; test_security_headers.py checks the CSP itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.servers import REPO

from .helpers import (
    OUTBOX,
    PASSWORD,
    add_todo,
    email_link,
    log_in,
    log_out,
    new_email,
    open_nav,
    publish,
    sign_up,
    totp_code,
)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def audited(browser: Browser, base_url: str) -> Iterator[Page]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make install`.")
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    yield context.new_page()
    context.close()


# Buttons fade their colours (150 ms) between busy and ready; axe sampling
# one halfway through reported a contrast no settled state has (a flaky
# failure seen on /account/security). The audit is of the settled page.
SETTLED = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def violations(page: Page) -> list[dict[str, Any]]:
    page.add_style_tag(content=SETTLED)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations",
        WCAG_21_AA,
    )
    return [
        {
            "rule": item["id"],
            "impact": item["impact"],
            "nodes": [node["html"][:160] for node in item["nodes"]][:5],
        }
        for item in found
    ]


def assert_accessible(page: Page, where: str) -> None:
    page.wait_for_load_state("networkidle")
    found = violations(page)
    assert not found, f"axe found WCAG 2.1 AA violations on {where}: {found}"


def visit(page: Page, path: str, heading: str | re.Pattern[str]) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_accessible(page, path)


def test_signed_out_pages_pass_axe(audited: Page):
    page = audited
    visit(page, "/", re.compile("full-stack starter"))
    visit(page, "/login", "Log in")
    visit(page, "/account/signup", "Sign up")
    visit(page, "/account/password/reset", "Reset your password")
    visit(page, "/no-such-page", "Page not found")
    visit(page, "/dev/outbox", "Dev outbox")

    # The forms with their error messages showing.
    page.goto("/login")
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_label("Password").fill("wrong-password-123")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "/login with an error")


def test_signed_in_pages_pass_axe(audited: Page):
    page = audited
    email = new_email()
    sign_up(page, email)
    add_todo(page, "Water the plants")
    add_todo(page, "Buy milk")
    page.get_by_role("listitem").filter(has_text="Buy milk").get_by_role("checkbox").check()
    expect(page.get_by_role("listitem").filter(has_text="Buy milk").get_by_role("checkbox")).to_be_checked()
    assert_accessible(page, "/todos with a done todo")

    page.get_by_role("listitem").filter(has_text="Water the plants").get_by_role(
        "button", name=re.compile("^Edit")
    ).click()
    expect(page.get_by_text("Enter saves")).to_be_visible()
    assert_accessible(page, "/todos while editing")
    page.keyboard.press("Escape")

    post_id = publish(page, "Notes from the garden", "Tomatoes are in.")
    assert_accessible(page, f"/posts/{post_id}")
    open_nav(page, "Posts")
    expect(page.get_by_role("link", name="Notes from the garden")).to_be_visible()
    assert_accessible(page, "/posts")
    page.get_by_role("link", name="New post").click()
    expect(page.get_by_role("heading", name="New post")).to_be_visible()
    assert_accessible(page, "/posts/new")

    visit(page, "/dashboard", "Dashboard")
    visit(page, "/account", "Account")
    visit(page, "/account/sessions", "Sessions and devices")
    visit(page, "/account/security", "Two-factor authentication")

    # TOTP setup: the QR code, a wrong code's error, the re-authentication dialog, the recovery codes.
    page.get_by_role("button", name="Set up authenticator app").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Authentication code").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Incorrect code.")).to_be_visible()
    assert_accessible(page, "/account/security during TOTP setup")
    page.get_by_label("Authentication code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    dialog = page.get_by_role("dialog", name="Confirm it is you")
    codes = page.get_by_role("list", name="Recovery codes")
    # Asked only when the last proof of identity is older than allauth's window.
    expect(dialog.or_(codes)).to_be_visible()
    if dialog.is_visible():
        assert_accessible(page, "the re-authentication dialog")
        dialog.get_by_label("Your password").fill(PASSWORD)
        dialog.get_by_role("button", name="Confirm").click()
    expect(codes.get_by_role("listitem")).to_have_count(10)
    assert_accessible(page, "/account/security showing recovery codes")


def test_email_link_pages_pass_axe(audited: Page):
    page = audited
    email = new_email()
    page.goto("/account/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    assert_accessible(page, "/account/verify-email")

    link = email_link(OUTBOX.latest(email, containing="/account/verify-email/"), "/account/verify-email/")
    page.goto(link)
    expect(page.get_by_role("button", name="Confirm email address")).to_be_visible()
    assert_accessible(page, "/account/verify-email/<key>")


# --- What a newcomer's walk through the pages found ------------------------------


def test_focus_moves_into_each_new_page_and_the_dashboard_reads_well(page: Page):
    email = new_email()
    sign_up(page, email)
    add_todo(page, "Water the plants")
    log_out(page)
    log_in(page, email)
    # After the login the keyboard starts on the new page, not on <body>.
    expect(page.get_by_role("heading", name="Todos", level=1)).to_be_focused()

    open_nav(page, "Dashboard")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_focused()
    expect(page.get_by_test_id("open-todos-count").locator("xpath=..")).to_have_text("1 open todo")


def test_success_messages_do_not_linger_next_to_other_forms(page: Page):
    sign_up(page, new_email())
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Display name").fill("Ann")
    page.get_by_role("button", name="Save").click()
    saved = page.get_by_text("Your profile was saved.")
    expect(saved).to_be_visible()

    page.get_by_label("Current password").fill("not-my-password")
    page.get_by_label("New password").fill("another-long-password-8")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(saved).to_be_hidden()


def test_deleting_the_account_says_so_on_arrival(page: Page):
    sign_up(page, new_email())
    page.get_by_role("link", name="Account").click()
    page.get_by_role("button", name="Delete account").click()
    page.get_by_role("button", name="Yes, delete my account").click()
    dialog = page.get_by_role("dialog", name="Confirm it is you")
    expect(dialog.or_(page.get_by_role("heading", level=1, name=re.compile("full-stack")))).to_be_visible()
    if dialog.is_visible():
        dialog.get_by_label("Your password").fill(PASSWORD)
        dialog.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Your account and everything in it were deleted")


def test_two_factor_user_gets_the_code_field_focused_codes_to_keep_and_a_clear_email_rule(
    page: Page, tmp_path
):
    email = new_email()
    sign_up(page, email)
    page.goto("/account/security")
    page.get_by_role("button", name="Set up authenticator app").click()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Authentication code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    dialog = page.get_by_role("dialog", name="Confirm it is you")
    codes = page.get_by_role("list", name="Recovery codes")
    expect(dialog.or_(codes)).to_be_visible()
    if dialog.is_visible():
        dialog.get_by_label("Your password").fill(PASSWORD)
        dialog.get_by_role("button", name="Confirm").click()
    expect(codes.get_by_role("listitem")).to_have_count(10)
    shown = codes.get_by_role("listitem").all_inner_texts()

    # The codes can be kept: downloaded as a file holding every one of them.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download codes").click()
    saved = tmp_path / "codes.txt"
    download.value.save_as(saved)
    assert all(code in saved.read_text() for code in shown)
    page.get_by_role("button", name="Copy codes").click()
    expect(page.get_by_role("status").filter(has_text=re.compile("Copied|Could not copy"))).to_be_visible()
    page.get_by_role("button", name="I have saved them").click()

    # Changing the email is refused while a second factor is on: the page says so before the form.
    page.goto("/account")
    expect(page.get_by_text("While two-factor authentication or a passkey is on")).to_be_visible()
    expect(page.get_by_label("New email address")).to_have_count(0)

    log_out(page)
    log_in(page, email)
    expect(page.get_by_label("Authentication code")).to_be_focused()
