"""/posts, a post's page and /dashboard rendered on the server with the visitor's
session: what a user, a shared cache and an attacker see (issue 10's SSR tests)."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from .conftest import NuxtApp, request
from .test_ssr import ANN, BOB, log_in_with_javascript, revoked_cookie

pytestmark = pytest.mark.core

# nuxt_posts: 25 posts, newest first. The first page holds Ann's 20 newest.
FIRST_PAGE = [f"Ann post {n}" for n in range(22, 2, -1)]
SECOND_PAGE = ["Ann post 2", "Ann post 1", "Bob post 3", "Bob post 2", "Bob post 1"]
PRIVATE_PAGES = ("/posts", "/posts/new", "/dashboard")


def post_titles(page_html: str) -> list[str]:
    """Post titles rendered as elements' text (the payload's JSON is not counted)."""
    return re.findall(r">\s*((?:Ann|Bob) post \d+)\s*<", page_html)


def mine_marks(page_html: str) -> dict[str, bool]:
    """On /posts: each post's title and whether the page marks it "You" (the viewer's own)."""
    items = re.findall(r"<li.*?</li>", page_html, flags=re.S)
    marked = {}
    for item in items:
        titles = post_titles(item)
        if titles:
            marked[titles[0]] = ">You<" in item
    return marked


def open_count(page_html: str) -> int:
    match = re.search(r'data-testid="open-todos-count"[^>]*>\s*(\d+)\s*<', page_html)
    assert match, "the dashboard shows no open-todos count"
    return int(match.group(1))


def test_first_response_of_posts_contains_the_first_page_with_authors(
    nuxt_app: NuxtApp, nuxt_posts: dict[str, int]
) -> None:
    answer = nuxt_app.get("/posts", nuxt_app.log_in(BOB))

    assert answer.status == 200
    assert post_titles(answer.text) == FIRST_PAGE
    assert "Ann-Nuxt" in answer.text  # the authors' names are rendered too
    assert re.search(r">\s*Load more\s*<", answer.text)
    # Bob's own posts are on the second page: nothing on the first is marked his.
    assert set(mine_marks(answer.text).values()) == {False}


def test_a_post_page_is_rendered_on_the_server_as_text(nuxt_app: NuxtApp, nuxt_posts: dict[str, int]) -> None:
    cookie = nuxt_app.log_in(ANN)

    answer = nuxt_app.get(f"/posts/{nuxt_posts['Bob post 2']}", cookie)

    assert answer.status == 200
    assert re.search(r"<h1[^>]*>\s*Bob post 2\s*</h1>", answer.text)
    assert "Written by Bob (2)." in answer.text
    assert 'data-testid="post-author"' in answer.text
    # A reader is not offered the author's actions.
    assert not re.search(r">\s*Edit\s*<", answer.text)

    missing = nuxt_app.get("/posts/999999", cookie)
    assert missing.status == 404
    assert "Post not found" in missing.text


def test_a_malicious_post_reaches_the_html_escaped(nuxt_app: NuxtApp, nuxt_posts: dict[str, int]) -> None:
    cookie = nuxt_app.log_in(ANN)
    token = json.loads(request(nuxt_app.origin, "GET", "/api/csrf/", cookie=cookie).text)["csrf_token"]
    title, body = '<img src=x onerror="alert(1)">', "<script>alert(2)</script>"
    created = request(
        nuxt_app.origin, "POST", "/api/posts/", cookie=cookie,
        headers={"X-CSRFToken": token, "Content-Type": "application/json", "Origin": nuxt_app.origin},
        body=json.dumps({"title": title, "body": body}),
    )  # fmt: skip
    assert created.status == 201, created.text
    post_id = json.loads(created.text)["id"]
    try:
        answer = nuxt_app.get(f"/posts/{post_id}", cookie)
        assert answer.status == 200
        assert "<img src=x" not in answer.text
        assert "<script>alert(2)" not in answer.text
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in answer.text
        assert "&lt;img src=x" in answer.text
    finally:
        deleted = request(
            nuxt_app.origin, "DELETE", f"/api/posts/{post_id}/", cookie=cookie,
            headers={"X-CSRFToken": token, "Origin": nuxt_app.origin},
        )  # fmt: skip
        assert deleted.status == 204, deleted.text


def test_hydration_asks_nothing_again_and_the_second_page_loads_in_the_browser(
    nuxt_page: Page, nuxt_app: NuxtApp, nuxt_posts: dict[str, int]
) -> None:
    log_in_with_javascript(nuxt_page, ANN)
    api_requests: list[Request] = []
    nuxt_page.on("request", lambda sent: api_requests.append(sent) if "/api/" in sent.url else None)

    # Fresh loads: the server renders each page; the browser hydrates it from the payload.
    for path, shows in [
        ("/posts", nuxt_page.get_by_role("link", name="Ann post 22", exact=True)),
        (f"/posts/{nuxt_posts['Bob post 1']}", nuxt_page.get_by_role("heading", name="Bob post 1", level=1)),
        ("/dashboard", nuxt_page.get_by_test_id("open-todos-count")),
        # The failure state survives hydration too (the browser has no ApiError, only the payload).
        ("/posts/999999", nuxt_page.get_by_role("heading", name="Post not found")),
    ]:
        api_requests.clear()
        nuxt_page.goto(path, wait_until="networkidle")
        expect(shows).to_be_visible()
        assert [r.url for r in api_requests] == [], f"{path}: hydration asked the API again"

    nuxt_page.goto("/posts", wait_until="networkidle")
    items = nuxt_page.get_by_role("region", name="Post list").get_by_role("listitem")
    expect(items).to_have_count(20)
    api_requests.clear()
    nuxt_page.get_by_role("button", name="Load more").click()
    expect(items).to_have_count(25)
    expect(nuxt_page.get_by_role("link", name="Bob post 1", exact=True)).to_be_visible()
    assert len(api_requests) == 1
    assert urlsplit(api_requests[0].url).path == "/api/posts/"
    assert "cursor=" in api_requests[0].url
    expect(nuxt_page.get_by_role("button", name="Load more")).to_have_count(0)

    # "Mine" is asked in the browser and shows only the viewer's posts.
    nuxt_page.get_by_role("button", name="Mine").click()
    expect(items).to_have_count(20)
    expect(nuxt_page.get_by_role("link", name="Bob post 1", exact=True)).to_have_count(0)


def test_no_forged_or_revoked_session_gets_the_login_page_and_no_post(
    nuxt_app: NuxtApp, nuxt_posts: dict[str, int]
) -> None:
    cookies = {
        "none": "",
        "forged": "sessionid=forged0000000000000000000000000; csrftoken=forged",
        "revoked": revoked_cookie(nuxt_app),
    }
    post_id = nuxt_posts["Ann post 5"]
    paths = [*PRIVATE_PAGES, f"/posts/{post_id}", f"/posts/{post_id}/edit"]
    for kind, cookie in cookies.items():
        for path in paths:
            answer = nuxt_app.get(path, cookie)

            assert answer.status == 302, (kind, path, answer.status)
            location = urlsplit(answer.header("Location"))
            assert (location.path, parse_qs(location.query)) == ("/login", {"next": [path]}), (kind, path)
            assert post_titles(answer.text) == [], (kind, path)
            assert "Written by" not in answer.text, (kind, path)

        login = nuxt_app.get("/login?next=/posts", cookie)
        assert login.status == 200, kind
        assert "Ann post" not in login.text, kind
        assert "Bob post" not in login.text, kind


def test_two_users_interleaved_never_see_each_others_data(
    nuxt_app: NuxtApp, nuxt_posts: dict[str, int]
) -> None:
    cookies = {ANN: nuxt_app.log_in(ANN), BOB: nuxt_app.log_in(BOB)}
    # Each user's own open-todo count, as the API tells them (other tests may have added todos).
    counts = {
        who: json.loads(request(nuxt_app.origin, "GET", "/api/dashboard/", cookie=cookie).text)[
            "open_todos_count"
        ]
        for who, cookie in cookies.items()
    }
    assert counts[ANN] != counts[BOB]
    post_path = f"/posts/{nuxt_posts['Ann post 22']}"
    paths = ["/posts", "/dashboard", post_path]
    order = [(who, paths[n % 3]) for n in range(25) for who in (ANN, BOB)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda job: (*job, nuxt_app.get(job[1], cookies[job[0]])), order))

    assert len(answers) == 50
    for who, path, answer in answers:
        other = BOB if who == ANN else ANN
        assert answer.status == 200, (who, path)
        assert who in answer.text, (who, path)
        assert other not in answer.text, (who, path)
        if path == "/posts":
            # Ann's posts fill the first page: marked "You" for Ann only.
            assert set(mine_marks(answer.text).values()) == {who == ANN}, (who, path)
        elif path == "/dashboard":
            assert open_count(answer.text) == counts[who], (who, path)
        else:
            edit = re.search(r">\s*Edit\s*<", answer.text) is not None
            assert edit == (who == ANN), (who, path)


def test_the_pages_are_private_and_vary_on_cookie(nuxt_app: NuxtApp, nuxt_posts: dict[str, int]) -> None:
    cookie = nuxt_app.log_in(ANN)
    post_id = nuxt_posts["Ann post 3"]
    for path in [*PRIVATE_PAGES, f"/posts/{post_id}", f"/posts/{post_id}/edit"]:
        for sent in (cookie, ""):
            answer = nuxt_app.get(path, sent)
            assert answer.status == (200 if sent else 302), (path, answer.status)
            cache_control = {part.strip() for part in answer.header("Cache-Control").split(",")}
            vary = {part.strip().lower() for part in answer.header("Vary").split(",")}
            assert {"private", "no-store"} <= cache_control, (path, answer.header("Cache-Control"))
            assert "cookie" in vary, (path, answer.header("Vary"))


def test_an_api_outage_renders_the_outage_state_on_these_pages(nuxt_outage: str) -> None:
    for path in ("/posts", "/posts/1", "/dashboard"):
        answer = request(nuxt_outage, "GET", path, cookie="sessionid=whatever")
        assert answer.status == 503, (path, answer.status)
        assert "The service is unavailable right now" in answer.text


def test_writing_editing_and_deleting_with_version_conflicts_in_the_browser(
    nuxt_page: Page, nuxt_app: NuxtApp, nuxt_posts: dict[str, int]
) -> None:
    log_in_with_javascript(nuxt_page, ANN)
    nuxt_page.goto("/posts")
    nuxt_page.get_by_role("link", name="New post").click()
    nuxt_page.get_by_label("Title").fill("Conflicted news")
    nuxt_page.get_by_label("Body").fill("First draft.")
    nuxt_page.get_by_role("button", name="Publish").click()
    expect(nuxt_page).to_have_url(re.compile(r"/posts/\d+$"))
    expect(nuxt_page.get_by_role("heading", name="Conflicted news", level=1)).to_be_visible()
    post_path = urlsplit(nuxt_page.url).path

    # Editing here while another tab saves first: the save is refused (409), the
    # newest version is taken as the base and the typed text is kept.
    nuxt_page.get_by_role("link", name="Edit", exact=True).click()
    expect(nuxt_page.get_by_role("heading", name="Edit post")).to_be_visible()
    other = nuxt_page.context.new_page()
    other.goto(f"{nuxt_app.origin}{post_path}/edit")
    other.get_by_label("Title").fill("Changed elsewhere")
    other.get_by_role("button", name="Save").click()
    expect(other.get_by_role("heading", name="Changed elsewhere", level=1)).to_be_visible()

    nuxt_page.get_by_label("Body").fill("My version.")
    nuxt_page.get_by_role("button", name="Save").click()
    expect(nuxt_page.get_by_text("This post was changed elsewhere while you were editing.")).to_be_visible()
    expect(nuxt_page.get_by_label("Body")).to_have_value("My version.")
    nuxt_page.get_by_role("button", name="Save").click()
    expect(nuxt_page).to_have_url(re.compile(rf"{post_path}$"))
    expect(nuxt_page.get_by_role("heading", name="Conflicted news", level=1)).to_be_visible()
    expect(nuxt_page.get_by_test_id("post-body")).to_have_text("My version.")

    # Deleting a version that was edited meanwhile is refused (412): the latest one is shown.
    other.goto(f"{nuxt_app.origin}{post_path}/edit")
    other.get_by_label("Title").fill("Edited again")
    other.get_by_role("button", name="Save").click()
    expect(other.get_by_role("heading", name="Edited again", level=1)).to_be_visible()
    nuxt_page.get_by_role("button", name="Delete", exact=True).click()
    nuxt_page.get_by_role("button", name="Confirm delete").click()
    expect(
        nuxt_page.get_by_text("This post was changed elsewhere; here is the latest version.")
    ).to_be_visible()
    expect(nuxt_page.get_by_role("heading", name="Edited again", level=1)).to_be_visible()
    nuxt_page.get_by_role("button", name="Delete", exact=True).click()
    nuxt_page.get_by_role("button", name="Confirm delete").click()
    expect(nuxt_page).to_have_url(re.compile(r"/posts$"))
    expect(nuxt_page.get_by_role("link", name="Ann post 22", exact=True)).to_be_visible()
    expect(nuxt_page.get_by_role("link", name="Edited again")).to_have_count(0)
    assert nuxt_app.get(post_path, nuxt_app.log_in(BOB)).status == 404
