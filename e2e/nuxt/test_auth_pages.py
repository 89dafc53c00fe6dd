"""Signup, email verification, password reset and the login page's states on
the Nuxt app: without JavaScript (the forms post to the Nuxt server), as plain
HTTP (what the server renders), and the session changes a tab follows."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from harness.servers import manage

from ..helpers import Outbox, email_link
from .conftest import _CREATE_USERS, PASSWORD, NuxtApp, request

pytestmark = pytest.mark.core


def fresh_email() -> str:
    return f"nuxt-{uuid.uuid4().hex[:10]}@example.com"


@pytest.fixture
def outbox(nuxt_app: NuxtApp) -> Outbox:
    return Outbox(Path(nuxt_app.api.env["TANDEM_EMAIL_OUTBOX_DIR"]))


@pytest.fixture
def no_js(browser: Browser, nuxt_app: NuxtApp) -> BrowserContext:
    context = browser.new_context(base_url=nuxt_app.origin, java_script_enabled=False)
    yield context
    context.close()


def verified_user(nuxt_app: NuxtApp, email: str) -> None:
    spec = json.dumps({email: [f"{email} todo"]})
    manage(nuxt_app.api.env, "shell", "-c", _CREATE_USERS.format(spec=spec, password=PASSWORD))


def test_signup_and_the_emailed_link_work_without_javascript(no_js: BrowserContext, outbox: Outbox) -> None:
    page = no_js.new_page()
    email = fresh_email()
    page.goto("/signup")  # the old path still leads to the form
    expect(page).to_have_url(re.compile(r"/account/signup$"))

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("password123")
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/account/signup\?"))
    expect(page.get_by_role("alert")).to_contain_text("This password is too common.")

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    page.goto("/todos")  # closed until the address is verified
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    link = email_link(outbox.latest(email, containing="/account/verify-email/"), "/account/verify-email/")
    page.goto(link)
    expect(page.get_by_text(email)).to_be_visible()
    page.get_by_role("button", name="Confirm email address").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()

    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("invalid, has expired or was already used")


def test_password_reset_works_without_javascript(
    no_js: BrowserContext, nuxt_app: NuxtApp, outbox: Outbox
) -> None:
    email = fresh_email()
    verified_user(nuxt_app, email)
    page = no_js.new_page()
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_role("status")).to_contain_text("reset link is on its way")

    link = email_link(outbox.latest(email, containing="/account/password/reset/"), "/account/password/reset/")
    page.goto(link)
    expect(page.get_by_text(f"For {email}.")).to_be_visible()
    page.get_by_label("New password").fill("password123")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_role("alert")).to_contain_text("too common")
    page.get_by_label("New password").fill("a-new-nuxt-password-8")
    page.get_by_role("button", name="Set new password").click()
    expect(page).to_have_url(re.compile(r"/login\?reset=1$"))
    expect(page.get_by_role("status")).to_contain_text("Your password was reset")

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-new-nuxt-password-8")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/todos$"))


def test_the_verification_page_arrives_with_the_address_and_a_pending_signup_is_kept_out(
    nuxt_app: NuxtApp, outbox: Outbox
) -> None:
    email = fresh_email()
    signup = request(
        nuxt_app.origin, "POST", "/forms/signup", form={"email": email, "password": PASSWORD},
        headers={"Origin": nuxt_app.origin},
    )  # fmt: skip
    assert signup.status == 303
    assert signup.header("Location") == "/account/verify-email"
    cookie = "; ".join(f"{name}={value}" for name, value in signup.cookie_values().items() if value)

    # The pending signup's session reaches only the inbox page.
    todos = nuxt_app.get("/todos", cookie)
    assert todos.status == 302
    assert todos.header("Location") == "/account/verify-email"
    inbox = nuxt_app.get("/account/verify-email", cookie)
    assert inbox.status == 200
    assert email in inbox.text

    link = email_link(outbox.latest(email, containing="/account/verify-email/"), "/account/verify-email/")
    page = nuxt_app.get(urlsplit(link).path)
    assert page.status == 200
    assert email in page.text
    assert "Confirm email address" in page.text


def test_a_form_posted_from_another_site_cannot_sign_anyone_up(nuxt_app: NuxtApp, outbox: Outbox) -> None:
    email = fresh_email()
    answer = request(
        nuxt_app.origin, "POST", "/forms/signup", form={"email": email, "password": PASSWORD},
        headers={"Origin": "https://attacker.example"},
    )  # fmt: skip
    assert answer.status == 403
    assert outbox.count(email) == 0


def test_an_unknown_path_answers_404_with_the_not_found_page(nuxt_app: NuxtApp) -> None:
    answer = nuxt_app.get("/no/such/page")
    assert answer.status == 404
    assert "Page not found" in answer.text


def test_an_error_code_in_the_link_cannot_make_the_page_say_anything(nuxt_app: NuxtApp) -> None:
    answer = nuxt_app.get("/login?error=Call%20us%20at%20555&field=email")
    assert answer.status == 200
    assert "Call us" not in answer.text
    limited = nuxt_app.get("/login?error=rate_limited&retry=300")
    assert "Too many attempts. Try again in 5 minutes." in limited.text


def log_in_with_javascript(page: Page, email: str, next_path: str = "/todos") -> None:
    page.goto(f"/login?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(rf"^[^?]*{next_path}$"))


def test_logging_in_in_one_tab_signs_in_the_tab_waiting_on_the_login_page(
    nuxt_page: Page, nuxt_app: NuxtApp
) -> None:
    email = fresh_email()
    verified_user(nuxt_app, email)
    waiting = nuxt_page.context.new_page()
    waiting.goto(f"{nuxt_app.origin}/login?next=/todos", wait_until="networkidle")

    log_in_with_javascript(nuxt_page, email, "/account/verify-email")

    expect(waiting).to_have_url(re.compile(r"/todos$"))
    expect(waiting.get_by_text(f"{email} todo", exact=True)).to_be_visible()


def test_a_session_ended_elsewhere_sends_the_tab_to_login_saying_so(
    nuxt_page: Page, nuxt_app: NuxtApp
) -> None:
    email = fresh_email()
    verified_user(nuxt_app, email)
    log_in_with_javascript(nuxt_page, email)
    nuxt_page.goto("/", wait_until="networkidle")

    # The same session ends from elsewhere (a logout with this browser's cookie, not in this tab).
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in nuxt_page.context.cookies())
    ended = request(
        nuxt_app.origin, "POST", "/forms/logout", cookie=cookie, headers={"Origin": nuxt_app.origin}
    )
    assert ended.status == 303

    nuxt_page.get_by_role("navigation", name="Main").get_by_role("link", name="Todos", exact=True).click()
    expect(nuxt_page).to_have_url(re.compile(r"/login\?next=(%2F|/)todos&reason=session-ended$"))
    expect(nuxt_page.get_by_role("status")).to_contain_text("Your session ended")
    expect(nuxt_page.get_by_text(f"{email} todo", exact=True)).to_have_count(0)


def test_after_logging_in_the_keyboard_starts_on_the_new_page(nuxt_page: Page, nuxt_app: NuxtApp) -> None:
    email = fresh_email()
    verified_user(nuxt_app, email)
    log_in_with_javascript(nuxt_page, email)
    expect(nuxt_page.get_by_role("heading", name="Todos", level=1)).to_be_focused()
    # Client-side navigation too: the new page's heading, not the link that is gone.
    nuxt_page.get_by_role("link", name="Tandem").click()
    expect(nuxt_page.get_by_role("heading", level=1)).to_be_focused()
