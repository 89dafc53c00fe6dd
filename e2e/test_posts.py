"""The shared blog and the dashboard, driven through the real SPA in Chromium."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import new_email, open_nav, publish, sign_up


def api_write(page: Page, method: str, path: str, data: dict | None = None):
    """A hand-made request with the page's own cookies and a valid CSRF token:
    what a curious user could send from the browser's console."""
    token = page.request.get("/api/csrf/").json()["csrf_token"]
    return page.request.fetch(path, method=method, data=data, headers={"X-CSRFToken": token})


@pytest.mark.core
def test_post_lifecycle_authorship_and_a_readers_view(
    page: Page, browser: Browser, base_url: str, screenshot
):
    author_email = new_email()
    sign_up(page, author_email)
    open_nav(page, "Posts")
    page.get_by_role("button", name="Mine").click()
    expect(page.get_by_text("You have not posted yet")).to_be_visible()

    post_id = publish(page, "A day at the lake", "We swam.\n\n  Then we had lunch.\nThe end.")
    body = page.get_by_test_id("post-body")
    # Plain text keeps its line breaks and leading spaces.
    assert body.text_content() == "We swam.\n\n  Then we had lunch.\nThe end."
    # No display name chosen: readers see "Member #<id>", never the address.
    expect(page.get_by_test_id("post-author")).to_have_text(re.compile(r"^Member #\d+$"))
    author_label = page.get_by_test_id("post-author").text_content()
    screenshot("post")

    open_nav(page, "Posts")
    entry = page.get_by_role("listitem").filter(has_text="A day at the lake")
    expect(entry).to_be_visible()
    expect(entry).to_contain_text("We swam.")
    screenshot("posts-list")
    entry.get_by_role("link", name="A day at the lake").click()
    expect(page).to_have_url(re.compile(rf"/posts/{post_id}$"))

    # Edit: a client-side check, then the server's own limit shown by the field, then a save.
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_role("heading", name="Edit post")).to_be_visible()
    page.get_by_label("Title").fill("  ")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a title.")).to_be_visible()
    page.get_by_label("Title").fill("A day at the lake, revised")
    page.get_by_label("Body").fill("x" * 50_001)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Body")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Ensure this field has no more than 50000 characters.")).to_be_visible()
    screenshot("post-editor-error")
    page.get_by_label("Body").fill("We swam, then had lunch.")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(rf"/posts/{post_id}$"))
    expect(page.get_by_role("heading", name="A day at the lake, revised")).to_be_visible()
    expect(page.get_by_test_id("post-body")).to_have_text("We swam, then had lunch.")

    # A second user, in a browser context of their own.
    reader_context = browser.new_context(base_url=base_url)
    try:
        reader = reader_context.new_page()
        sign_up(reader, new_email())
        open_nav(reader, "Posts")
        expect(reader.get_by_role("listitem").filter(has_text="A day at the lake, revised")).to_be_visible()
        reader.get_by_role("button", name="Mine").click()
        expect(reader.get_by_text("You have not posted yet")).to_be_visible()

        reader.goto(f"/posts/{post_id}")
        expect(reader.get_by_role("heading", name="A day at the lake, revised")).to_be_visible()
        expect(reader.get_by_test_id("post-author")).to_have_text(author_label or "")
        expect(reader.get_by_text(author_email)).to_have_count(0)
        expect(reader.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
        expect(reader.get_by_role("button", name="Delete", exact=True)).to_have_count(0)

        # Going around the UI does not help: the server refuses writes by anyone but the author.
        patched = api_write(reader, "PATCH", f"/api/posts/{post_id}/", {"title": "Hijacked", "version": 2})
        assert patched.status == 403
        assert patched.json()["errors"][0]["code"] == "permission_denied"
        deleted = api_write(reader, "DELETE", f"/api/posts/{post_id}/")
        assert deleted.status == 403
        assert deleted.json()["errors"][0]["code"] == "permission_denied"
        # The editor route, typed by hand, says so too and offers no form.
        reader.goto(f"/posts/{post_id}/edit")
        expect(reader.get_by_text("Only the author of this post can edit it.")).to_be_visible()
        expect(reader.get_by_label("Title")).to_have_count(0)

        page.reload()
        expect(page.get_by_role("heading", name="A day at the lake, revised")).to_be_visible()

        # The author deletes it, after confirming.
        page.get_by_role("button", name="Delete", exact=True).click()
        screenshot("post-confirm-delete")
        page.get_by_role("button", name="Confirm delete").click()
        expect(page).to_have_url(re.compile(r"/posts$"))
        expect(page.get_by_role("heading", name="Posts", level=1)).to_be_visible()
        expect(page.get_by_role("listitem").filter(has_text="A day at the lake")).to_have_count(0)

        reader.goto(f"/posts/{post_id}")
        expect(reader.get_by_role("heading", name="Post not found")).to_be_visible()
    finally:
        reader_context.close()


MALICIOUS_TITLE = '<img src=x onerror="window.__pwned=1;alert(1)">'
MALICIOUS_BODY = "\n".join(
    [
        "<script>window.__pwned = 2; alert(2)</script>",
        '<img src=x onerror="window.__pwned = 3; alert(3)">',
        '<a href="javascript:alert(4)">click me</a>',
        "[a markdown link](javascript:alert(5))",
        '<svg onload="alert(6)"></svg><iframe src="javascript:alert(7)"></iframe>',
    ]
)


def test_a_malicious_post_is_shown_as_text_and_runs_nothing(page: Page, screenshot):
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    sign_up(page, new_email())

    publish(page, MALICIOUS_TITLE, MALICIOUS_BODY)

    body = page.get_by_test_id("post-body")
    assert body.text_content() == MALICIOUS_BODY
    expect(page.get_by_role("heading", name=MALICIOUS_TITLE, level=1)).to_be_visible()
    main = page.get_by_role("main")
    for selector in ("img", "script", "svg", "iframe", "a[href^='javascript' i]"):
        expect(main.locator(selector)).to_have_count(0)
    # Clicking the would-be link does nothing: it is text.
    body.get_by_text("click me").click()
    screenshot("post-malicious")

    # The same title and excerpt on the list and on the dashboard.
    open_nav(page, "Posts")
    entry = page.get_by_role("listitem").filter(has_text=MALICIOUS_TITLE)
    expect(entry).to_contain_text("<script>window.__pwned = 2; alert(2)</script>")
    expect(main.locator("img, script, svg, iframe")).to_have_count(0)
    open_nav(page, "Dashboard")
    expect(page.get_by_role("list", name="Latest posts")).to_contain_text(MALICIOUS_TITLE)
    expect(main.locator("img, script, svg, iframe")).to_have_count(0)

    page.reload()
    expect(page.get_by_role("list", name="Latest posts")).to_contain_text(MALICIOUS_TITLE)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def add_todo_due(page: Page, title: str, due: datetime.date | None) -> None:
    page.get_by_label("New todo").fill(title)
    if due is not None:
        page.get_by_label("Due (optional)").fill(due.isoformat())
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("listitem").filter(has_text=title)).to_be_visible()


def test_the_dashboard_shows_counts_matching_my_data_in_one_request(page: Page, screenshot):
    sign_up(page, new_email())
    open_nav(page, "Dashboard")
    expect(page.get_by_test_id("open-todos-count")).to_have_text("0")
    expect(page.get_by_text("Nothing due in the next 7 days.")).to_be_visible()
    # Latest posts are everyone's: other tests' posts may already be there.
    expect(page.get_by_role("heading", name="Latest posts")).to_be_visible()
    screenshot("dashboard-empty")

    # The server's day (UTC) decides what is due; offsets of a day or more keep
    # this stable whatever the hour.
    today = datetime.datetime.now(datetime.UTC).date()
    open_nav(page, "Todos")
    add_todo_due(page, "Plan the trip", today + datetime.timedelta(days=10))
    add_todo_due(page, "Pay rent", today + datetime.timedelta(days=2))
    add_todo_due(page, "File the overdue report", today - datetime.timedelta(days=1))
    add_todo_due(page, "Read a book", None)
    add_todo_due(page, "Buy milk", today + datetime.timedelta(days=1))
    page.get_by_label("Done: Buy milk").check()
    expect(page.get_by_label("Done: Buy milk")).to_be_checked()
    publish(page, "Dashboard news", "Fresh from the press.")

    api_calls: list[str] = []
    page.on("request", lambda request: api_calls.append(request.url) if "/api/" in request.url else None)
    open_nav(page, "Dashboard")

    expect(page.get_by_test_id("open-todos-count")).to_have_text("4")
    due = page.get_by_role("list", name="Todos due soon").get_by_role("listitem")
    expect(due).to_have_count(2)
    expect(due.nth(0)).to_contain_text("File the overdue report")
    expect(due.nth(0)).to_contain_text("Overdue")
    expect(due.nth(1)).to_contain_text("Pay rent")
    latest = page.get_by_role("list", name="Latest posts")
    expect(latest.get_by_role("listitem").first).to_contain_text("Dashboard news")
    expect(latest.get_by_role("listitem").first).to_contain_text("You")
    screenshot("dashboard")
    # The whole page came from one request.
    assert [urlsplit(url).path for url in api_calls] == ["/api/dashboard/"]

    latest.get_by_role("link", name="Dashboard news").click()
    expect(page.get_by_test_id("post-body")).to_have_text("Fresh from the press.")
