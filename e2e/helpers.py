"""Steps shared by the browser tests."""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

PASSWORD = "a-long-browser-password-7"


def new_email() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}@example.com"


@dataclass
class Outbox:
    """The emails the server under test sent (JSON files in its outbox folder)."""

    folder: Path | None = None

    def all(self) -> list[dict[str, Any]]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return [json.loads(path.read_text()) for path in sorted(self.folder.glob("*.json"))]

    def latest(
        self, address: str, *, containing: str = "", after: float = 0, timeout: float = 10
    ) -> dict[str, Any]:
        """The newest email to `address` (whose body contains `containing`, sent after `after`), waiting for it."""
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.all()):
                if address in message["to"] and containing in message["body"] and message["sent_at"] > after:
                    return message
            if time.monotonic() > deadline:
                raise AssertionError(f"no email to {address} containing {containing!r}")
            time.sleep(0.1)

    def count(self, address: str) -> int:
        return sum(address in message["to"] for message in self.all())


# Set by the app_server fixture (conftest.py) once it knows the server's data folder.
OUTBOX = Outbox()


@dataclass
class Deployment:
    """One way of deploying Tandem, as the browser sees it."""

    name: str
    #: Origin the browser opens the SPA at.
    spa: str
    #: Origin the SPA sends its API requests to.
    api: str
    #: VITE_AUTH_MODE the SPA was built with.
    auth_mode: str
    outbox: Outbox
    #: The API server's log (test-results/<name>[-<worker>].log).
    api_log: Path
    #: The same SPA build served from an origin this deployment gets wrong on
    #: purpose (the misconfiguration tests), or "".
    misconfigured_spa: str = ""


def email_link(message: dict[str, Any], route: str) -> str:
    """The link in the email whose path starts with `route`, e.g. "/account/verify-email/"."""
    for link in message["links"]:
        if re.search(rf"^https?://[^/]+{re.escape(route)}", link):
            return link
    raise AssertionError(f"no {route} link in: {message['body']}")


def sign_up(page: Page, email: str) -> None:
    """Signs up and completes the mandatory email verification through the real
    emailed link, ending on the todos page (signed in)."""
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    verify_email_from_inbox(page, email)
    expect(page).to_have_url(re.compile(r"/todos$"))


def verify_email_from_inbox(page: Page, email: str) -> None:
    message = OUTBOX.latest(email, containing="/account/verify-email/")
    page.goto(email_link(message, "/account/verify-email/"))
    page.get_by_role("button", name="Confirm email address").click()


def log_out(page: Page) -> None:
    """Logs out and waits until the server has answered (the header changes)."""
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()


def add_todo(page: Page, title: str) -> None:
    page.get_by_label("New todo").fill(title)
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("listitem").filter(has_text=title)).to_be_visible()


def totp_code(secret: str) -> str:
    """RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as an authenticator app computes it: stdlib only."""
    import base64
    import hashlib
    import hmac
    import struct

    # Never hand out a code about to expire: a re-authentication (an Argon2 password
    # check) may come between the code and its use, and on a loaded CI machine that
    # took longer than 1.5 s ("Incorrect code." on the retried activation).
    if 30 - time.time() % 30 < 8:
        time.sleep(30 - time.time() % 30 + 0.05)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 1_000_000).zfill(6)


def log_in(page: Page, email: str, password: str = PASSWORD, *, origin: str = "") -> None:
    """Fills and sends the login form (the caller checks where it leads);
    `origin` is the SPA's when it is not the tests' base URL."""
    page.goto(f"{origin}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


POST_URL = re.compile(r"/posts/(\d+)$")


def open_nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def publish(page: Page, title: str, body: str) -> int:
    """Writes a post through the editor; returns its id (from the post page's URL)."""
    open_nav(page, "Posts")
    page.get_by_role("link", name="New post").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Body").fill(body)
    page.get_by_role("button", name="Publish").click()
    expect(page).to_have_url(POST_URL)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    match = POST_URL.search(page.url)
    assert match
    return int(match.group(1))


REFRESH_TOKEN_KEY = "tandem.refreshToken"


def sign_up_at(page: Page, deployment: Deployment, email: str) -> None:
    """Signs up on the deployment's SPA and confirms the address through the
    emailed link, which must point at that SPA; ends signed in on /todos."""
    page.goto(f"{deployment.spa}/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    link = email_link(
        deployment.outbox.latest(email, containing="/account/verify-email/"), "/account/verify-email/"
    )
    assert link.startswith(f"{deployment.spa}/"), link
    page.goto(link)
    page.get_by_role("button", name="Confirm email address").click()
    if deployment.auth_mode == "token":
        # Token mode keeps a login step's session token in the tab's memory only, so an
        # emailed link (a new page load) verifies the address; then the user logs in.
        expect(page.get_by_text("Your email address is verified")).to_be_visible()
        log_in(page, email, origin=deployment.spa)
    expect(page).to_have_url(re.compile(r"/todos$"))


def stored_refresh_token(page: Page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{REFRESH_TOKEN_KEY}')")
