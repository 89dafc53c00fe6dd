"""The foundation's promise, driven through the real SPA in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import PASSWORD, add_todo, log_out, new_email, sign_up


@pytest.mark.core
def test_signup_todos_reload_logout_login_round_trip(page: Page, screenshot) -> None:
    email = new_email()
    page.goto("/")
    expect(page).to_have_title(re.compile("Tandem"))
    screenshot("home")

    sign_up(page, email)
    expect(page).to_have_url(re.compile(r"/todos$"))
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()
    screenshot("todos-empty")

    for title in ("Buy milk", "Write report", "Call the bank"):
        add_todo(page, title)

    page.get_by_label("Done: Buy milk").check()
    expect(page.get_by_label("Done: Buy milk")).to_be_checked()

    page.get_by_role("button", name="Edit Write report").click()
    page.get_by_label("Title", exact=True).fill("Write the quarterly report")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("listitem").filter(has_text="Write the quarterly report")).to_be_visible()

    page.get_by_role("button", name="Delete Call the bank").click()
    confirm = page.get_by_role("button", name="Confirm delete")
    if confirm.count():
        confirm.click()
    expect(page.get_by_role("listitem").filter(has_text="Call the bank")).to_have_count(0)
    screenshot("todos")

    # A reload restores the session and shows the server's data, not a cache.
    page.reload()
    expect(page.get_by_label("Done: Buy milk")).to_be_checked()
    expect(page.get_by_role("listitem").filter(has_text="Write the quarterly report")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Call the bank")).to_have_count(0)

    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Account")).to_be_visible()
    expect(page.get_by_role("main").get_by_text(email)).to_be_visible()
    screenshot("account")
    log_out(page)

    # Protected route: sent to login, with the way back remembered.
    page.goto("/todos")
    expect(page).to_have_url(re.compile(r"/login\?next=(%2F|/)todos"))
    screenshot("login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
    expect(page.get_by_role("listitem").filter(has_text="Write the quarterly report")).to_be_visible()


def test_write_succeeds_after_csrf_cookie_is_deleted_mid_session(page: Page) -> None:
    sign_up(page, new_email())
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()
    add_todo(page, "Before the cookie vanished")

    # Drop only the CSRF cookie: the session stays, the client's cached token is now
    # stale. The next write must get csrf_failed, fetch a new token and retry once.
    context = page.context
    kept = [cookie for cookie in context.cookies() if cookie["name"] != "csrftoken"]
    assert len(kept) < len(context.cookies()), "expected a csrftoken cookie to delete"
    context.clear_cookies()
    context.add_cookies(kept)

    csrf_failures: list[int] = []
    page.on(
        "response",
        lambda response: (
            csrf_failures.append(response.status)
            if response.request.method == "POST"
            and response.url.endswith("/api/todos/")
            and response.status == 403
            else None
        ),
    )
    add_todo(page, "After the cookie vanished")
    page.reload()
    expect(page.get_by_role("listitem").filter(has_text="After the cookie vanished")).to_be_visible()
    assert csrf_failures == [403], "the first attempt should fail CSRF and the retry succeed"


def test_login_rejects_an_open_redirect(page: Page) -> None:
    email = new_email()
    sign_up(page, email)
    expect(page).to_have_url(re.compile(r"/todos$"))
    log_out(page)

    page.goto("/login?next=//evil.example/steal")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/todos$"))


def test_wrong_password_shows_an_error_and_unknown_route_shows_not_found(
    page: Page, screenshot, spa_client: str
) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(new_email())
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile("not correct", re.I))
    expect(page).to_have_url(re.compile(r"/login"))

    response = page.goto("/no/such/page")
    assert response is not None
    # An SPA's static host answers every path with the app's shell (200), then its router shows
    # the 404 page; the server-rendered app knows the path names no page and says so (404).
    assert response.status == (404 if spa_client == "nuxt" else 200)
    expect(page.get_by_text(re.compile("not found", re.I)).first).to_be_visible()
    screenshot("not-found")


def test_version_conflict_tells_the_user_and_shows_the_latest_data(page: Page, screenshot) -> None:
    sign_up(page, new_email())
    add_todo(page, "Shared title")

    # Another tab of the same user renames the todo behind this page's back.
    todo = page.request.get("/api/todos/").json()["results"][0]
    token = page.request.get("/api/csrf/").json()["csrf_token"]
    renamed = page.request.patch(
        f"/api/todos/{todo['id']}/",
        data={"title": "Renamed elsewhere", "version": todo["version"]},
        headers={"X-CSRFToken": token},
    )
    assert renamed.status == 200

    page.get_by_role("button", name="Edit Shared title").click()
    page.get_by_label("Title", exact=True).fill("My stale edit")
    page.get_by_role("button", name="Save").click()

    item = page.get_by_role("listitem").filter(has_text="Renamed elsewhere")
    expect(item.get_by_role("status")).to_contain_text(re.compile("changed elsewhere", re.I))
    screenshot("todos-conflict")
    stored = page.request.get(f"/api/todos/{todo['id']}/").json()
    assert stored["title"] == "Renamed elsewhere"  # the stale write was refused, not merged


def test_todos_are_usable_with_the_keyboard_alone(page: Page) -> None:
    sign_up(page, new_email())
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()

    page.get_by_label("New todo").focus()
    page.keyboard.type("Typed, not clicked")
    page.keyboard.press("Enter")
    done = page.get_by_label("Done: Typed, not clicked")
    expect(done).to_be_visible()

    done.focus()
    page.keyboard.press("Space")
    expect(done).to_be_checked()

    page.get_by_role("button", name="Edit Typed, not clicked").focus()
    page.keyboard.press("Enter")
    title = page.get_by_label("Title", exact=True)
    expect(title).to_be_focused()
    title.fill("Changed my mind")
    page.keyboard.press("Escape")
    expect(page.get_by_role("listitem").filter(has_text="Typed, not clicked")).to_be_visible()


def test_server_side_validation_errors_appear_next_to_the_field(page: Page) -> None:
    sign_up(page, new_email())
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()
    # Bypass the input's own limit so the API's message is the one shown.
    page.get_by_label("New todo").evaluate("el => el.removeAttribute('maxlength')")
    page.get_by_label("New todo").fill("x" * 201)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text(re.compile("no more than 200 characters", re.I))).to_be_visible()
    expect(page.get_by_role("listitem")).to_have_count(0)


def test_reload_restores_the_session_with_one_request(page: Page, spa_client: str) -> None:
    sign_up(page, new_email())
    add_todo(page, "Survives a reload")

    session_calls: list[str] = []
    page.on(
        "request",
        lambda request: (
            session_calls.append(request.method)
            if request.url.endswith("/api/auth/browser/v1/auth/session")
            else None
        ),
    )
    page.reload()
    expect(page.get_by_role("listitem").filter(has_text="Survives a reload")).to_be_visible()
    # An SPA asks once per page load; the server-rendered app asks on the server and hands the
    # answer to the browser in the page's payload, so the browser asks nothing.
    assert session_calls == ([] if spa_client == "nuxt" else ["GET"])


def test_logging_out_leaves_nothing_for_the_next_user_of_the_tab(page: Page) -> None:
    sign_up(page, new_email())
    add_todo(page, "Private to the first user")
    log_out(page)

    sign_up(page, new_email())
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()
    expect(page.get_by_text(re.compile("no todos yet", re.I))).to_be_visible()
    expect(page.get_by_text("Private to the first user")).to_have_count(0)


def test_filter_search_and_load_more(page: Page) -> None:
    sign_up(page, new_email())
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()
    token = page.request.get("/api/csrf/").json()["csrf_token"]
    for number in range(1, 26):  # one more page than the default page size of 20
        created = page.request.post(
            "/api/todos/",
            data={"title": f"Task {number:02d}", "done": number % 5 == 0},
            headers={"X-CSRFToken": token},
        )
        assert created.status == 201
    page.reload()

    items = page.get_by_role("list").get_by_role("listitem")
    expect(items).to_have_count(20)
    page.get_by_role("button", name="Load more").click()
    expect(items).to_have_count(25)
    expect(page.get_by_role("button", name="Load more")).to_have_count(0)

    page.get_by_role("button", name="Done", exact=True).click()
    expect(items).to_have_count(5)
    page.get_by_role("button", name="Active").click()
    expect(items).to_have_count(20)

    page.get_by_role("button", name="All").click()
    page.get_by_label("Search").fill("task 1")
    expect(items).to_have_count(10)  # Task 10..19
    page.get_by_label("Search").fill("no such task")
    expect(page.get_by_text("No todos match")).to_be_visible()


def test_change_password_then_log_in_with_the_new_one(page: Page) -> None:
    email = new_email()
    sign_up(page, email)
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()
    page.get_by_role("link", name="Account").click()

    page.get_by_label("Current password").fill("not-my-password")
    page.get_by_label("New password").fill("an-even-longer-password-8")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text(re.compile("type your current password", re.I))).to_be_visible()

    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill("an-even-longer-password-8")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text(re.compile("password (was )?changed", re.I))).to_be_visible()

    log_out(page)
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Password").fill("an-even-longer-password-8")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/todos$"))
