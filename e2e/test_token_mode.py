"""Token mode (cross-site SPA, allauth's app client with JWT) and the tab
synchronisation both modes share, in Chromium against the real API.

The token deployment's access tokens live E2E_ACCESS_TOKEN_SECONDS, so a few
seconds of waiting cross an expiry for real.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect

from .conftest import E2E_ACCESS_TOKEN_SECONDS
from .helpers import Deployment, add_todo, log_in, log_out, new_email, sign_up_at, stored_refresh_token

REFRESH_PATH = "/api/auth/app/v1/tokens/refresh"


@contextmanager
def refresh_responses(context: BrowserContext) -> Iterator[list[Response]]:
    """Every token refresh the app's tabs make while the block runs."""
    seen: list[Response] = []

    def record(response: Response) -> None:
        if response.url.endswith(REFRESH_PATH) and response.request.method == "POST":
            seen.append(response)

    context.on("response", record)
    try:
        yield seen
    finally:
        context.remove_listener("response", record)


def wait_for_access_token_expiry() -> None:
    time.sleep(E2E_ACCESS_TOKEN_SECONDS + 1)


def click_at_the_same_moment(tabs: list[Page], selector: str) -> None:
    """Clicks `selector` in every tab at one instant of the shared clock."""
    at = tabs[0].evaluate("Date.now()") + 300
    for tab in tabs:
        tab.evaluate(
            "([selector, at]) => setTimeout(() => document.querySelector(selector).click(), at - Date.now())",
            [selector, at],
        )


@pytest.mark.core
def test_an_expired_access_token_is_refreshed_without_the_user_noticing(
    page: Page, context: BrowserContext, cross_site_token: Deployment
) -> None:
    d = cross_site_token
    sign_up_at(page, d, new_email())
    first_refresh_token = stored_refresh_token(page)

    with refresh_responses(context) as refreshes:
        wait_for_access_token_expiry()
        add_todo(page, "Written after the access token expired")

    assert refreshes, "the expired access token was refreshed"
    assert [response.status for response in refreshes] == [200] * len(refreshes)
    rotated = stored_refresh_token(page)
    assert rotated
    assert rotated != first_refresh_token, "every refresh rotates the refresh token"
    expect(page).to_have_url(re.compile(r"/todos$"))

    # An attacker replaying the spent refresh token gets nothing.
    replay = page.request.post(f"{d.api}{REFRESH_PATH}", data={"refresh_token": first_refresh_token})
    assert replay.status == 400
    assert "access_token" not in replay.text()


def test_two_tabs_refreshing_at_once_both_stay_signed_in(
    page: Page, context: BrowserContext, cross_site_token: Deployment
) -> None:
    d = cross_site_token
    sign_up_at(page, d, new_email())
    add_todo(page, "Seen from two tabs")
    second = context.new_page()
    second.goto(f"{d.spa}/todos")
    expect(second.get_by_role("listitem").filter(has_text="Seen from two tabs")).to_be_visible()

    with refresh_responses(context) as refreshes:
        wait_for_access_token_expiry()
        # Both tabs find their access token expired and refresh in the same millisecond.
        click_at_the_same_moment([page, second], 'nav[aria-label="Main"] a[href="/posts"]')
        for tab in (page, second):
            expect(tab.get_by_role("heading", name="Posts", level=1)).to_be_visible()
        for tab in (page, second):
            expect(tab).to_have_url(re.compile(r"/posts$"))
        # The heading and the URL change at the click, before any request; once the list has
        # loaded, the refresh it needed has been answered and recorded.
        for tab in (page, second):
            expect(tab.get_by_role("region", name="Post list")).to_have_attribute("aria-busy", "false")

    statuses = [response.status for response in refreshes]
    assert 200 in statuses, f"the navigation needed a refresh: {statuses}"
    # Web Locks let one tab refresh at a time, but Chromium hands another tab the rotated
    # refresh token (localStorage) asynchronously: a tab that still reads the old one is
    # refused (400, a token retired moments ago, the session kept) and then takes the
    # newer tokens. Nothing else may answer.
    assert set(statuses) <= {200, 400}, statuses
    # The chain is intact: both tabs reload (no access token in memory) and stay signed in.
    for tab in (page, second):
        tab.goto(f"{d.spa}/todos")
        expect(tab.get_by_role("listitem").filter(has_text="Seen from two tabs")).to_be_visible()


@pytest.mark.core
def test_logout_revokes_the_refresh_and_the_access_token(
    page: Page, context: BrowserContext, cross_site_token: Deployment
) -> None:
    d = cross_site_token
    access_tokens: list[str] = []
    page.on(
        "request",
        lambda request: (
            access_tokens.append(request.headers["authorization"].split(" ", 1)[1])
            if "authorization" in request.headers
            else None
        ),
    )
    sign_up_at(page, d, new_email())
    add_todo(page, "Before logout")
    refresh_token = stored_refresh_token(page)
    assert access_tokens
    assert refresh_token

    log_out(page)

    assert stored_refresh_token(page) is None
    refused = page.request.post(f"{d.api}{REFRESH_PATH}", data={"refresh_token": refresh_token})
    assert refused.status == 400
    stale_access = page.request.get(
        f"{d.api}/api/todos/", headers={"Authorization": f"Bearer {access_tokens[-1]}"}
    )
    assert stale_access.status == 401


def test_a_session_ended_elsewhere_sends_the_tab_to_login_with_its_place(
    page: Page, browser: Browser, cross_site_token: Deployment
) -> None:
    d = cross_site_token
    email = new_email()
    sign_up_at(page, d, email)
    page.goto(f"{d.spa}/posts")
    expect(page.get_by_role("heading", name="Posts", level=1)).to_be_visible()

    laptop = browser.new_context()
    try:
        other = laptop.new_page()
        log_in(other, email, origin=d.spa)
        expect(other).to_have_url(re.compile(r"/todos$"))
        other.goto(f"{d.spa}/account/sessions")
        other.get_by_role("button", name="End all other sessions").click()
        expect(other.get_by_role("list", name="Sessions").get_by_role("listitem")).to_have_count(1)
    finally:
        laptop.close()

    # The next request carries an access token whose session is gone: refused, the
    # refresh is refused too, and the tab lands on login remembering where it was going.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Todos", exact=True).click()
    expect(page).to_have_url(re.compile(r"/login\?next=(%2F|/)todos"))
    expect(page.get_by_role("status")).to_contain_text("Your session ended")
    assert stored_refresh_token(page) is None


@pytest.mark.parametrize("topology", ["same_origin", "cross_site_token"])
def test_logging_out_in_one_tab_logs_out_every_tab_within_a_second(
    page: Page, context: BrowserContext, topology: str, request: pytest.FixtureRequest
) -> None:
    d: Deployment = request.getfixturevalue(topology)
    sign_up_at(page, d, new_email())
    other_tab = context.new_page()
    other_tab.goto(f"{d.spa}/posts")
    expect(other_tab.get_by_role("heading", name="Posts", level=1)).to_be_visible()

    log_out(page)  # returns once this tab shows it is logged out (the server said so)
    logged_out = time.monotonic()
    expect(other_tab).to_have_url(re.compile(r"/login\?reason=logged-out-elsewhere$"), timeout=1000)
    elapsed = time.monotonic() - logged_out
    expect(other_tab.get_by_role("link", name="Log in").first).to_be_visible()
    expect(other_tab.get_by_role("status")).to_contain_text("You logged out in another tab.")
    print(f"cross-tab logout ({topology}): other tab on /login {elapsed:.3f}s after this one logged out")


@pytest.mark.parametrize("topology", ["same_origin", "cross_site_token"])
def test_logging_in_in_one_tab_signs_in_the_tab_waiting_on_the_login_page(
    page: Page, context: BrowserContext, topology: str, request: pytest.FixtureRequest
) -> None:
    d: Deployment = request.getfixturevalue(topology)
    email = new_email()
    sign_up_at(page, d, email)
    log_out(page)
    waiting_tab = context.new_page()
    waiting_tab.goto(f"{d.spa}/login?next=/posts")
    expect(waiting_tab.get_by_role("heading", name="Log in")).to_be_visible()

    log_in(page, email, origin=d.spa)
    expect(page).to_have_url(re.compile(r"/todos$"))

    expect(waiting_tab).to_have_url(re.compile(r"/posts$"))
    expect(waiting_tab.get_by_role("heading", name="Posts", level=1)).to_be_visible()
