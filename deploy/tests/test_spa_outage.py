"""The SPA through a real database outage: it says so, retries, and recovers by itself.

Real Chromium, the built SPA served by gunicorn, Postgres cut by a forwarder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import SPA_DIST
from harness.servers import Server, gunicorn

from .conftest import PASSWORD

pytestmark = pytest.mark.needs_services


@pytest.fixture(scope="module")
def spa_server(stack) -> Iterator[Server]:
    if not (SPA_DIST / "index.html").exists():
        pytest.fail("The SPA is not built: run `make build` (make test-deploy does it for you).")
    app = gunicorn("gunicorn-spa", stack["env"], workers=1, threads=4).start()
    try:
        yield app
    finally:
        app.stop()


def test_the_spa_shows_the_outage_and_recovers_without_a_click(
    page: Page, spa_server, stack, make_user, screenshot
):
    email = make_user()
    page.goto(f"{spa_server.url}/login?next=/todos")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Todos")).to_be_visible()
    page.get_by_label("New todo").fill("Survives the outage")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("listitem").filter(has_text="Survives the outage")).to_be_visible()

    stack["database"].cut()
    try:
        page.get_by_role("button", name="Done", exact=True).click()  # a reload of the list
        banner = page.get_by_text(re.compile("service is unavailable.*retrying", re.I))
        expect(banner).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text(re.compile("unreachable", re.I))
        screenshot("outage")
    finally:
        stack["database"].restore()

    expect(banner).to_have_count(0, timeout=20_000)
    # The failed list reloaded by itself: no error left, the (empty) Done filter shows.
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_text("No todos match")).to_be_visible()
    page.get_by_role("button", name="All").click()
    expect(page.get_by_role("listitem").filter(has_text="Survives the outage")).to_be_visible()
