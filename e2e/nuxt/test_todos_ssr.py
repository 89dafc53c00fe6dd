"""/todos with a filter or a search, server-rendered: the URL's query is the list's query."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from playwright.sync_api import Page, Request, expect

from harness.servers import manage

from .conftest import PASSWORD, NuxtApp

pytestmark = pytest.mark.core

CARA = "cara-nuxt@example.com"
# Title -> done. Created in this order, so the page shows them newest first.
CARA_TODOS = {
    "Cara buys milk": False,
    "Cara buys bread": True,
    "Cara walks the dog": False,
    "Cara pays the rent": True,
}

_CREATE_CARA = """
import json
from allauth.account.models import EmailAddress
from tandem.accounts.models import User
from tandem.todos.models import Todo
User.objects.filter(email__iexact={email!r}).delete()  # a fixture set up again starts from the same data
user = User.objects.create_user(email={email!r}, password={password!r}, name="Cara")
EmailAddress.objects.create(user=user, email={email!r}, primary=True, verified=True)
for title, done in json.loads({todos!r}).items():
    Todo.objects.create(owner=user, title=title, done=done)
"""


@pytest.fixture(scope="module")
def cara(nuxt_app: NuxtApp) -> str:
    """A user whose todos are half done; her own, so other tests' writes cannot change them."""
    script = _CREATE_CARA.format(email=CARA, password=PASSWORD, todos=json.dumps(CARA_TODOS))
    try:
        manage(nuxt_app.api.env, "shell", "-c", script)
    except subprocess.CalledProcessError as failed:
        raise AssertionError(f"could not create {CARA}: {failed.stderr}") from failed
    return nuxt_app.log_in(CARA)


def rendered_titles(html: str) -> set[str]:
    return set(re.findall(r">\s*(Cara [a-z ]+?)\s*<", html))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/todos", set(CARA_TODOS)),
        ("/todos?status=active", {"Cara buys milk", "Cara walks the dog"}),
        ("/todos?status=done", {"Cara buys bread", "Cara pays the rent"}),
        ("/todos?search=buys", {"Cara buys milk", "Cara buys bread"}),
        ("/todos?status=active&search=BUYS", {"Cara buys milk"}),
    ],
)
def test_the_first_response_holds_only_the_todos_the_query_asks_for(
    nuxt_app: NuxtApp, cara: str, path: str, expected: set[str]
) -> None:
    answer = nuxt_app.get(path, cara)

    assert answer.status == 200
    assert rendered_titles(answer.text) == expected


def test_the_rendered_toolbar_shows_the_query_and_a_query_matching_nothing_says_so(
    nuxt_app: NuxtApp, cara: str
) -> None:
    answer = nuxt_app.get("/todos?status=done&search=nothing%20like%20this", cara)

    assert answer.status == 200
    assert rendered_titles(answer.text) == set()
    assert "No todos match" in answer.text
    pressed = re.findall(r'aria-pressed="true"[^>]*>\s*(\w+)\s*<', answer.text)
    assert pressed == ["Done"]
    assert re.search(r'<input[^>]*id="todo-search"[^>]*value="nothing like this"', answer.text)


def test_an_unknown_status_shows_every_todo(nuxt_app: NuxtApp, cara: str) -> None:
    answer = nuxt_app.get("/todos?status=%3Cscript%3E&search=", cara)

    assert answer.status == 200
    assert rendered_titles(answer.text) == set(CARA_TODOS)
    assert re.findall(r'aria-pressed="true"[^>]*>\s*(\w+)\s*<', answer.text) == ["All"]


def test_filter_and_search_go_to_the_url_and_a_reload_renders_the_same_list(
    nuxt_page: Page, nuxt_app: NuxtApp, cara: str
) -> None:
    nuxt_page.goto("/login?next=/todos")
    nuxt_page.get_by_label("Email").fill(CARA)
    nuxt_page.get_by_label("Password").fill(PASSWORD)
    nuxt_page.get_by_role("button", name="Log in").click()
    items = nuxt_page.get_by_role("region", name="Todo list").get_by_role("listitem")
    expect(items).to_have_count(4)

    nuxt_page.get_by_role("button", name="Done", exact=True).click()
    expect(items).to_have_count(2)
    expect(nuxt_page).to_have_url(re.compile(r"/todos\?status=done$"))
    nuxt_page.get_by_label("Search").fill("rent")
    expect(items).to_have_count(1)
    expect(nuxt_page).to_have_url(re.compile(r"/todos\?status=done&search=rent$"))

    api_requests: list[Request] = []
    nuxt_page.on("request", lambda sent: api_requests.append(sent) if "/api/" in sent.url else None)
    nuxt_page.reload(wait_until="networkidle")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Cara pays the rent")
    expect(nuxt_page.get_by_role("button", name="Done", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(nuxt_page.get_by_label("Search")).to_have_value("rent")
    assert [r.url for r in api_requests] == [], "hydration asked the API again for data the server had sent"

    # Back to the full list: the URL drops the query.
    nuxt_page.get_by_label("Search").fill("")
    nuxt_page.get_by_role("button", name="All", exact=True).click()
    expect(items).to_have_count(4)
    expect(nuxt_page).to_have_url(re.compile(r"/todos$"))
