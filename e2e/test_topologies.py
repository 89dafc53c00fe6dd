"""Every way of deploying Tandem, end to end in Chromium.

1. Same origin: Django serves the built SPA (`make run`).
2. Cross-origin, same site, session mode: SPA on a static host at
   http://localhost:<port>, API at http://localhost:<other port>.
3. Cross-site, token mode: SPA at http://localhost:<port>, API at
   http://127.0.0.1:<port> (a different site: the browser would not send the
   API's cookies).

Ports are picked free (not 5173/8000) so a developer's `make dev` does not
collide with the tests; to the browser only the host names decide the site.
The misconfigurations at the end must say which setting to change, in the
page and in the API's log.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .helpers import (
    PASSWORD,
    Deployment,
    add_todo,
    log_out,
    new_email,
    open_nav,
    publish,
    sign_up_at,
    stored_refresh_token,
)


@pytest.fixture(params=["same_origin", "cross_origin_session", "cross_site_token"])
def deployment(request: pytest.FixtureRequest) -> Deployment:
    return request.getfixturevalue(request.param)


def test_core_flow(page: Page, context: BrowserContext, deployment: Deployment, screenshot) -> None:
    """Sign up → todo → post → reload → log out, in each topology."""
    email = new_email()
    sign_up_at(page, deployment, email)
    add_todo(page, "Ship the topology")
    publish(page, "Hello from " + deployment.name, "Written through " + deployment.spa)
    screenshot(f"topology-{deployment.name}")

    # A reload keeps the user signed in: the session cookie, or the stored refresh token.
    page.reload()
    expect(page.get_by_role("heading", name="Hello from " + deployment.name, level=1)).to_be_visible()
    open_nav(page, "Todos")
    expect(page.get_by_role("listitem").filter(has_text="Ship the topology")).to_be_visible()

    api_cookies = context.cookies(deployment.api)
    if deployment.auth_mode == "token":
        assert api_cookies == [], "token mode needs no cookie from the API"
        assert stored_refresh_token(page)
    else:
        assert any(cookie["name"].endswith("sessionid") for cookie in api_cookies)
        assert stored_refresh_token(page) is None

    log_out(page)
    assert stored_refresh_token(page) is None
    page.goto(f"{deployment.spa}/todos")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    assert "Refused cross-origin request" not in deployment.api_log.read_text()


def test_session_mode_across_sites_names_the_setting_to_change(
    page: Page, cross_origin_session: Deployment, screenshot
) -> None:
    """The session-mode build opened from http://127.0.0.1 while its API is on
    http://localhost: allow-listed, but a different site, so the browser keeps
    the API's cookies to itself. The deployer must hear why, not a vague error."""
    spa = cross_origin_session.misconfigured_spa
    page.goto(f"{spa}/signup")
    page.get_by_label("Email").fill(new_email())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("alert")).to_contain_text("VITE_AUTH_MODE=token")
    expect(page.get_by_role("alert")).to_contain_text(spa)
    screenshot("misconfigured-session-mode-across-sites")
    log = cross_origin_session.api_log.read_text()
    assert re.search(rf"WARNING.*{re.escape(spa)}.*VITE_AUTH_MODE", log), log[-2000:]


def test_origin_missing_from_the_allow_list_names_the_setting_to_change(
    page: Page, cross_site_token: Deployment, screenshot
) -> None:
    """The token-mode build served from an origin the API does not list."""
    spa = cross_site_token.misconfigured_spa
    page.goto(f"{spa}/login")

    banner = page.get_by_test_id("misconfiguration")
    expect(banner).to_contain_text(f"Add {spa} to DJANGO_CORS_ALLOWED_ORIGINS")
    page.get_by_label("Email").fill(new_email())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("DJANGO_CORS_ALLOWED_ORIGINS")
    screenshot("misconfigured-origin-not-allowed")

    log = cross_site_token.api_log.read_text()
    assert re.search(rf"WARNING.*{re.escape(spa)}.*DJANGO_CORS_ALLOWED_ORIGINS", log), log[-2000:]
