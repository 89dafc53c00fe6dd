"""Steps shared by the browser tests."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

PASSWORD = "a-long-browser-password-7"


def new_email() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}@example.com"


def sign_up(page: Page, email: str) -> None:
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()


def log_out(page: Page) -> None:
    """Logs out and waits until the server has answered (the header changes)."""
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()


def add_todo(page: Page, title: str) -> None:
    page.get_by_label("New todo").fill(title)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("listitem").filter(has_text=title)).to_be_visible()
