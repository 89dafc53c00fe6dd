"""Sessions and devices, profile name, password change choices, delete account."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .helpers import PASSWORD, new_email, sign_up


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/todos$"))


def test_ending_another_devices_session_sends_it_to_login(
    page: Page, browser: Browser, base_url: str, screenshot
) -> None:
    email = new_email()
    sign_up(page, email)
    other = browser.new_context(
        base_url=base_url, user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/18.0"
    )
    try:
        phone = other.new_page()
        log_in(phone, email)
        expect(phone.get_by_role("heading", name="Todos")).to_be_visible()

        page.get_by_role("link", name="Account").click()
        page.get_by_role("link", name="Sessions and devices").click()
        sessions = page.get_by_role("list", name="Sessions").get_by_role("listitem")
        expect(sessions).to_have_count(2)
        expect(sessions.filter(has_text="This device")).to_have_count(1)
        expect(sessions.filter(has_text="Safari on iOS")).to_contain_text("127.0.0.1")
        screenshot("sessions")
        page.get_by_role("button", name=re.compile(r"^End session: Safari on iOS")).click()
        expect(page.get_by_role("status")).to_contain_text("The session was ended")
        expect(sessions).to_have_count(1)

        # The phone's very next action finds its session gone and lands on login.
        phone.get_by_label("New todo").fill("Written after being signed out")
        phone.get_by_role("button", name="Add").click()
        expect(phone).to_have_url(re.compile(r"/login\?next="))
        expect(phone.get_by_role("link", name="Log in").first).to_be_visible()
    finally:
        other.close()

    # This device is untouched.
    page.get_by_role("link", name="Todos").click()
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()


def test_end_all_other_sessions(page: Page, browser: Browser, base_url: str) -> None:
    email = new_email()
    sign_up(page, email)
    contexts = [browser.new_context(base_url=base_url) for _ in range(2)]
    try:
        pages = [context.new_page() for context in contexts]
        for other in pages:
            log_in(other, email)
        page.goto("/account/sessions")
        expect(page.get_by_role("list", name="Sessions").get_by_role("listitem")).to_have_count(3)
        page.get_by_role("button", name="End all other sessions").click()
        expect(page.get_by_role("list", name="Sessions").get_by_role("listitem")).to_have_count(1)
        for other in pages:
            other.reload()
            expect(other).to_have_url(re.compile(r"/login"))
    finally:
        for context in contexts:
            context.close()


def test_display_name_shows_in_the_header(page: Page) -> None:
    sign_up(page, new_email())
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Display name").fill("Ada Lovelace")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("profile was saved")
    expect(page.get_by_test_id("header-user")).to_have_text("Ada Lovelace")
    page.reload()
    expect(page.get_by_test_id("header-user")).to_have_text("Ada Lovelace")


def test_password_change_can_keep_or_end_the_other_sessions(
    page: Page, browser: Browser, base_url: str
) -> None:
    email = new_email()
    sign_up(page, email)
    other = browser.new_context(base_url=base_url)
    try:
        laptop = other.new_page()
        log_in(laptop, email)

        page.get_by_role("link", name="Account").click()
        page.get_by_label("Sign out of my other sessions").uncheck()
        page.get_by_label("Current password").fill(PASSWORD)
        page.get_by_label("New password").fill("second-password-for-e2e-1")
        page.get_by_role("button", name="Change password").click()
        expect(page.get_by_text(re.compile("password was changed", re.I))).to_be_visible()
        laptop.reload()
        expect(laptop.get_by_role("heading", name="Todos")).to_be_visible()

        page.get_by_label("Sign out of my other sessions").check()
        page.get_by_label("Current password").fill("second-password-for-e2e-1")
        page.get_by_label("New password").fill("third-password-for-e2e-2")
        page.get_by_role("button", name="Change password").click()
        expect(page.get_by_text(re.compile("password was changed", re.I))).to_be_visible()
        laptop.reload()
        expect(laptop).to_have_url(re.compile(r"/login"))
    finally:
        other.close()


def test_delete_account_after_reauthentication(page: Page, screenshot) -> None:
    email = new_email()
    # Signed in by the emailed link: no credential was checked, so deleting asks
    # for the password (a fresh password login would count as recent instead).
    sign_up(page, email)
    page.get_by_label("New todo").fill("Soon gone")
    page.get_by_role("button", name="Add").click()
    page.get_by_role("link", name="Account").click()

    page.get_by_role("button", name="Delete account").click()
    page.get_by_role("button", name="Yes, delete my account").click()
    dialog = page.get_by_role("dialog", name="Confirm it is you")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Your password").fill("not-my-password")
    dialog.get_by_role("button", name="Confirm").click()
    expect(dialog.get_by_role("alert")).to_be_visible()
    screenshot("delete-account-reauth")
    dialog.get_by_label("Your password").fill(PASSWORD)
    dialog.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(r"/\?deleted=1$"))
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile("not correct", re.I))
