"""The Nuxt app, server-rendered: browser -> Nuxt origin (pages + /api/ proxy) -> Django.

One Nuxt build (`make build CLIENT=nuxt`, which `make test-e2e` runs) is
started once per session in front of a production-mode Django; tests talk to
the Nuxt origin only, with a real Chromium or with plain HTTP (no JavaScript).
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from harness.servers import NUXT_ENTRY, Server, backend, free_port, manage, nuxt_server

PASSWORD = "nuxt-e2e-password-42"

# Verified accounts with their todos, created straight in the database (signup has its own tests).
_CREATE_USERS = """
import json
from allauth.account.models import EmailAddress
from tandem.accounts.models import User
from tandem.todos.models import Todo
for email, titles in json.loads({spec!r}).items():
    user = User.objects.create_user(email=email, password={password!r}, name=email.split("@")[0].title())
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    for title in titles:
        Todo.objects.create(owner=user, title=title)
"""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    @property
    def set_cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []

    def cookie_values(self) -> dict[str, str]:
        values = {}
        for line in self.set_cookies:
            name, _, value = line.split(";", 1)[0].partition("=")
            values[name.strip()] = value.strip()
        return values


def request(
    origin: str, method: str, path: str, *, cookie: str = "", form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None, body: str | None = None,
) -> Answer:  # fmt: skip
    """One plain HTTP request, as curl would send it: no JavaScript, no redirects followed."""
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    sent = {**(headers or {})}
    if cookie:
        sent["Cookie"] = cookie
    if form is not None:
        body = urlencode(form)
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


@dataclass
class NuxtApp:
    origin: str
    api: Server

    def get(self, path: str, cookie: str = "") -> Answer:
        return request(self.origin, "GET", path, cookie=cookie)

    def log_in(self, email: str, password: str = PASSWORD) -> str:
        """Logs in through the JavaScript-free form; returns the browser's Cookie header afterwards."""
        answer = request(
            self.origin, "POST", "/forms/login", form={"email": email, "password": password, "next": "/todos"},
            headers={"Origin": self.origin},
        )  # fmt: skip
        assert answer.status == 303, answer.text
        assert answer.header("Location") == "/todos"
        return "; ".join(f"{name}={value}" for name, value in answer.cookie_values().items() if value)


@pytest.fixture(scope="session")
def nuxt_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NuxtApp]:
    if not NUXT_ENTRY.exists():
        pytest.fail(
            f"The Nuxt app is not built ({NUXT_ENTRY}): run `make build CLIENT=nuxt` (make test-e2e does)."
        )
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    data_dir = tmp_path_factory.mktemp("nuxt-api")
    # Django behind the Nuxt server counts it as its one proxy, as deployed (test_forwarded.py).
    with backend(
        "api-nuxt",
        data_dir,
        DJANGO_CSRF_TRUSTED_ORIGINS=origin,
        TANDEM_FRONTEND_URL=origin,
        TANDEM_TRUSTED_PROXY_COUNT="1",
    ) as api:
        server = nuxt_server("nuxt", api.url, port=port).start()
        try:
            yield NuxtApp(origin, api)
        finally:
            server.stop()


@pytest.fixture(scope="session")
def nuxt_users(nuxt_app: NuxtApp) -> dict[str, list[str]]:
    """Ann has 25 todos (two pages of 20), Bob 3; titles name their owner. Newest first on the page."""
    spec = {
        "ann-nuxt@example.com": [f"Ann todo {n}" for n in range(1, 26)],
        "bob-nuxt@example.com": [f"Bob todo {n}" for n in range(1, 4)],
    }
    manage(nuxt_app.api.env, "shell", "-c", _CREATE_USERS.format(spec=json.dumps(spec), password=PASSWORD))
    return spec


@pytest.fixture
def nuxt_page(browser: Browser, nuxt_app: NuxtApp) -> Iterator[Page]:
    """A page in a fresh browser context whose relative URLs open the Nuxt origin.

    Its own context, not pytest-playwright's `page`: overriding `base_url` here
    would be cached by the session-scoped `browser_context_args` and send the
    SPA tests that run later to the Nuxt server."""
    context = browser.new_context(base_url=nuxt_app.origin)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def nuxt_outage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Nuxt app with its API down (nothing listens where it sends /api/)."""
    server = nuxt_server("nuxt-outage", f"http://127.0.0.1:{free_port()}").start()
    try:
        yield server.url
    finally:
        server.stop()


# Posts by the users above, oldest first; prints {title: id}.
_CREATE_POSTS = """
import json
from tandem.accounts.models import User
from tandem.posts.models import Post
ids = {{}}
for email, title, body in json.loads({spec!r}):
    post = Post.objects.create(author=User.objects.get(email=email), title=title, body=body)
    ids[title] = post.id
print(json.dumps(ids))
"""


@pytest.fixture(scope="session")
def nuxt_posts(nuxt_app: NuxtApp, nuxt_users) -> dict[str, int]:
    """25 posts (two pages of 20): Bob's 3, then Ann's 22, so the newest first page
    is "Ann post 22" .. "Ann post 3" and the second "Ann post 2", "Ann post 1", "Bob post 3" ..
    Returns {title: id}. Posts are public to signed-in users; the body names its author."""
    spec = [("bob-nuxt@example.com", f"Bob post {n}", f"Written by Bob ({n}).") for n in range(1, 4)]
    spec += [("ann-nuxt@example.com", f"Ann post {n}", f"Written by Ann ({n}).") for n in range(1, 23)]
    out = manage(nuxt_app.api.env, "shell", "-c", _CREATE_POSTS.format(spec=json.dumps(spec)))
    return json.loads(out.strip().splitlines()[-1])
