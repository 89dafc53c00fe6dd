"""Server-side rendering with the visitor's session: what a user, a shared
cache and an attacker see from the Nuxt app (issue 10's SSR tests)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from .conftest import PASSWORD, NuxtApp, request

# CI's Postgres + Redis pass runs these too (they take seconds).
pytestmark = pytest.mark.core

ANN, BOB = "ann-nuxt@example.com", "bob-nuxt@example.com"
# The first page: Ann's 20 newest todos; the second page holds the 5 oldest.
ANN_FIRST_PAGE = [f"Ann todo {n}" for n in range(25, 5, -1)]
ANN_SECOND_PAGE = [f"Ann todo {n}" for n in range(5, 0, -1)]
BOB_TODOS = ["Bob todo 3", "Bob todo 2", "Bob todo 1"]


def titles_in(html: str) -> list[str]:
    return re.findall(r"(?:Ann|Bob) todo \d+", html)


def test_first_response_of_todos_contains_the_users_first_page(nuxt_app: NuxtApp, nuxt_users) -> None:
    cookie = nuxt_app.log_in(ANN)

    answer = nuxt_app.get("/todos", cookie)

    assert answer.status == 200
    html = answer.text
    for title in ANN_FIRST_PAGE:
        assert f">{title}<" in html, f"{title} is not rendered in the first response"
    assert not any(f">{title}<" in html for title in ANN_SECOND_PAGE)
    assert "Load more" in html
    assert "Bob todo" not in html


def test_hydration_fetches_nothing_again_and_the_second_page_loads_in_the_browser(
    nuxt_page: Page, nuxt_app: NuxtApp, nuxt_users
) -> None:
    api_requests: list[Request] = []
    nuxt_page.on("request", lambda sent: api_requests.append(sent) if "/api/" in sent.url else None)

    # Log in with JavaScript (the nuxt_page calls allauth through the /api/ proxy).
    nuxt_page.goto("/login?next=/todos")
    nuxt_page.get_by_label("Email").fill(ANN)
    nuxt_page.get_by_label("Password").fill(PASSWORD)
    nuxt_page.get_by_role("button", name="Log in").click()
    expect(nuxt_page).to_have_url(re.compile(r"^[^?]*/todos$"))
    expect(nuxt_page.get_by_text("Ann todo 25", exact=True)).to_be_visible()

    # A fresh load: the server renders the list; the browser hydrates it from the payload.
    api_requests.clear()
    nuxt_page.reload(wait_until="networkidle")
    list_items = nuxt_page.get_by_role("region", name="Todo list").get_by_role("listitem")
    expect(list_items).to_have_count(20)
    assert [r.url for r in api_requests] == [], "hydration asked the API again for data the server had sent"

    nuxt_page.get_by_role("button", name="Load more").click()
    expect(list_items).to_have_count(25)
    expect(nuxt_page.get_by_text("Ann todo 1", exact=True)).to_be_visible()
    assert len(api_requests) == 1
    assert "/api/todos/" in api_requests[0].url
    assert "cursor=" in api_requests[0].url
    expect(nuxt_page.get_by_role("button", name="Load more")).to_have_count(0)


def revoked_cookie(nuxt_app: NuxtApp) -> str:
    """A session cookie that was valid until its owner logged out."""
    cookie = nuxt_app.log_in(BOB)
    assert nuxt_app.get("/todos", cookie).status == 200
    logout = request(
        nuxt_app.origin, "POST", "/forms/logout", cookie=cookie, headers={"Origin": nuxt_app.origin}
    )
    assert logout.status == 303
    return cookie


def test_no_forged_or_revoked_session_gets_the_login_page_and_nothing_private(
    nuxt_app: NuxtApp, nuxt_users
) -> None:
    cookies = {
        "none": "",
        "forged": "sessionid=forged0000000000000000000000000; csrftoken=forged",
        "revoked": revoked_cookie(nuxt_app),
    }
    for kind, cookie in cookies.items():
        answer = nuxt_app.get("/todos?status=all", cookie)

        assert answer.status == 302, f"{kind}: {answer.status}"
        location = urlsplit(answer.header("Location"))
        assert (location.path, parse_qs(location.query)) == ("/login", {"next": ["/todos?status=all"]}), kind
        assert titles_in(answer.text) == [], kind

        login = nuxt_app.get(answer.header("Location"), cookie)
        assert login.status == 200, kind
        assert "Log in" in login.text
        assert titles_in(login.text) == [], kind
        assert "-nuxt@example.com" not in login.text, kind


def test_set_cookie_from_the_api_reaches_the_browser_with_its_attributes(
    nuxt_app: NuxtApp, nuxt_users
) -> None:
    def attributes(line: str) -> set[str]:
        # Everything but the value and the absolute expiry date (a second may pass between the two answers).
        return {
            part.strip() for part in line.split(";")[1:] if not part.strip().lower().startswith("expires=")
        }

    # A stale session cookie: Django deletes it; that deletion must reach the browser through SSR.
    stale = "sessionid=forged0000000000000000000000000"
    direct = request(nuxt_app.api.url, "GET", "/api/auth/browser/v1/auth/session", cookie=stale)
    django_lines = {line.split("=", 1)[0]: line for line in direct.set_cookies}
    assert "sessionid" in django_lines
    assert "csrftoken" in django_lines

    rendered = nuxt_app.get("/", stale)

    assert rendered.status == 200
    relayed = {line.split("=", 1)[0]: line for line in rendered.set_cookies}
    assert set(relayed) == {"sessionid", "csrftoken"}
    for name, line in django_lines.items():
        assert attributes(relayed[name]) == attributes(line), name
    assert "Max-Age=0" in relayed["sessionid"]

    # Logging in rotates the CSRF token and sets the session: both reach the browser (HttpOnly kept).
    login = request(
        nuxt_app.origin, "POST", "/forms/login", form={"email": ANN, "password": PASSWORD, "next": "/todos"},
        headers={"Origin": nuxt_app.origin},
    )  # fmt: skip
    session_line = next(line for line in login.set_cookies if line.startswith("sessionid="))
    assert "HttpOnly" in session_line
    assert "SameSite=Lax" in session_line
    assert any(line.startswith("csrftoken=") for line in login.set_cookies)


def test_two_users_interleaved_never_see_each_others_data(nuxt_app: NuxtApp, nuxt_users) -> None:
    cookies = {ANN: nuxt_app.log_in(ANN), BOB: nuxt_app.log_in(BOB)}
    expected = {ANN: set(ANN_FIRST_PAGE), BOB: set(BOB_TODOS)}
    order = [ANN, BOB] * 25

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda who: (who, nuxt_app.get("/todos", cookies[who])), order))

    assert len(answers) == 50
    for who, answer in answers:
        other = BOB if who == ANN else ANN
        assert answer.status == 200
        assert set(titles_in(answer.text)) == expected[who]
        assert who in answer.text
        assert other not in answer.text


def test_pages_that_depend_on_the_session_are_private_and_vary_on_cookie(
    nuxt_app: NuxtApp, nuxt_users
) -> None:
    cookie = nuxt_app.log_in(ANN)
    for path, sent in [("/todos", cookie), ("/", cookie), ("/", ""), ("/login", ""), ("/todos", "")]:
        answer = nuxt_app.get(path, sent)
        cache_control = {part.strip() for part in answer.header("Cache-Control").split(",")}
        vary = {part.strip().lower() for part in answer.header("Vary").split(",")}
        assert {"private", "no-store"} <= cache_control, (path, answer.header("Cache-Control"))
        assert "cookie" in vary, (path, answer.header("Vary"))


def test_pages_and_form_answers_carry_the_security_headers(nuxt_app: NuxtApp, nuxt_users) -> None:
    login = request(
        nuxt_app.origin, "POST", "/forms/login", form={"email": "nobody-nuxt@example.com", "password": "wrong"},
        headers={"Origin": nuxt_app.origin},
    )  # fmt: skip
    for answer in (nuxt_app.get("/"), nuxt_app.get("/todos"), login):
        assert answer.header("X-Content-Type-Options") == "nosniff"
        assert answer.header("Referrer-Policy") == "same-origin"
        assert answer.header("X-Frame-Options") == "DENY"
        assert answer.header("Cross-Origin-Opener-Policy") == "same-origin"


def test_login_and_logout_work_without_javascript(browser: Browser, nuxt_app: NuxtApp, nuxt_users) -> None:
    context = browser.new_context(base_url=nuxt_app.origin, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/todos")
        expect(page).to_have_url(re.compile(r"/login\?next=%2Ftodos$|/login\?next=/todos$"))

        page.get_by_label("Email").fill(ANN)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_contain_text("not correct")

        page.get_by_label("Email").fill(ANN)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(re.compile(r"^[^?]*/todos$"))
        expect(page.get_by_text("Ann todo 25", exact=True)).to_be_visible()
        session = next(c for c in context.cookies() if c["name"] == "sessionid")
        assert session["httpOnly"]

        page.get_by_role("button", name="Log out").click()
        expect(page).to_have_url(re.compile(r"/login$"))
        expect(page.get_by_role("link", name="Log in")).to_be_visible()
        assert not any(c["name"] == "sessionid" for c in context.cookies())
        # The old session is revoked on the server, not only forgotten by the browser.
        old = nuxt_app.get("/todos", f"sessionid={session['value']}")
        assert old.status == 302
        assert titles_in(old.text) == []
    finally:
        context.close()


def test_a_form_posted_from_another_site_cannot_log_anyone_in(nuxt_app: NuxtApp, nuxt_users) -> None:
    answer = request(
        nuxt_app.origin, "POST", "/forms/login", form={"email": ANN, "password": PASSWORD},
        headers={"Origin": "https://attacker.example"},
    )  # fmt: skip
    assert answer.status == 403
    assert not any(line.startswith("sessionid=") for line in answer.set_cookies)


def test_an_api_outage_renders_the_outage_state_not_a_500(nuxt_outage: str) -> None:
    for path in ("/todos", "/"):
        answer = request(nuxt_outage, "GET", path, cookie="sessionid=whatever")
        assert answer.status == 503, (path, answer.status)
        assert "The service is unavailable right now" in answer.text
        assert "private, no-store" in answer.header("Cache-Control")


def log_in_with_javascript(page: Page, email: str) -> None:
    page.goto("/login?next=/todos")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"^[^?]*/todos$"))


def test_writes_in_the_browser_go_through_the_proxy_with_csrf(
    nuxt_page: Page, nuxt_app: NuxtApp, nuxt_users
) -> None:
    log_in_with_javascript(nuxt_page, BOB)

    nuxt_page.get_by_label("New todo").fill("Water the plants")
    nuxt_page.get_by_role("button", name="Add").click()
    expect(nuxt_page.get_by_text("Water the plants", exact=True)).to_be_visible()
    nuxt_page.get_by_role("checkbox", name="Done: Water the plants").check()
    expect(nuxt_page.get_by_role("checkbox", name="Done: Water the plants")).to_be_checked()

    # Saved by Django: the next server render has it, done.
    nuxt_page.reload()
    expect(nuxt_page.get_by_role("checkbox", name="Done: Water the plants")).to_be_checked()


def test_a_logout_in_one_tab_sends_the_other_tab_to_login(
    nuxt_page: Page, nuxt_app: NuxtApp, nuxt_users
) -> None:
    log_in_with_javascript(nuxt_page, BOB)
    expect(nuxt_page.get_by_text("Bob todo 3", exact=True)).to_be_visible()
    other = nuxt_page.context.new_page()
    other.goto(f"{nuxt_app.origin}/todos", wait_until="networkidle")
    expect(other.get_by_text("Bob todo 3", exact=True)).to_be_visible()

    nuxt_page.get_by_role("button", name="Log out").click()

    # As in the SPAs: the other tab says why it is on the login page.
    expect(other).to_have_url(re.compile(r"/login\?reason=logged-out-elsewhere$"))
    expect(other.get_by_role("status")).to_contain_text("You logged out in another tab.")
    expect(other.get_by_text("Bob todo 3", exact=True)).to_have_count(0)
