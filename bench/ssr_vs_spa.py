"""Nuxt SSR versus the Vue SPA, in Chromium, in one run (issue 10's measurement).

    make build CLIENT=vue && make build CLIENT=nuxt
    .venv/bin/python -m bench.ssr_vs_spa [--runs 15]

One production-mode Django (SQLite, its own data folder) serves the built Vue
SPA on its origin and answers the Nuxt server, which renders pages at its
own origin: the same backend and the same seeded data (40 posts, 25 todos,
some due soon) for both clients. A signed-in Chromium (/usr/bin/chromium)
loads /posts, a post's page and /dashboard in each client, alternately, N
times each, with a warm HTTP cache (a returning visitor). Per load it reads:

  ttfb          navigation timing, responseStart - startTime (the HTML's first byte)
  fcp           the browser's first-contentful-paint
  data_painted  when the page's data (the first post title / the post's title /
                the open-todos count) is first on screen: a MutationObserver
                notes the element, the next animation frame is the paint (not
                before fcp: server-rendered data is painted with the first paint)
  api           /api/ requests the browser makes until the network is idle

It prints the medians and writes JSON to bench/results/. The comparison the
issue asks for is Nuxt's ttfb (the data is in that first response) against
the SPA's data_painted (its FCP is the empty shell or the loading skeleton,
before the data); both are printed. Timings on a shared machine are noise
between runs; compare within one run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from harness.servers import NUXT_ENTRY, REPO, backend, free_port, manage, nuxt_server

RESULTS = REPO / "bench" / "results"
VUE_DIST = REPO / "apps" / "vue" / "dist"
CHROMIUM = "/usr/bin/chromium"
EMAIL, PASSWORD = "ssr-bench@example.com", "ssr-bench-password-42"

SEED = """
import datetime
from allauth.account.models import EmailAddress
from django.utils import timezone
from tandem.accounts.models import User
from tandem.posts.models import Post
from tandem.todos.models import Todo
user = User.objects.create_user(email={email!r}, password={password!r}, name="Bench")
EmailAddress.objects.create(user=user, email={email!r}, primary=True, verified=True)
other = User.objects.create_user(email="other-ssr-bench@example.com", password={password!r}, name="Other")
today = timezone.localdate()
for n in range(25):
    due = today + datetime.timedelta(days=n % 10) if n % 3 == 0 else None
    Todo.objects.create(owner=user, title=f"Bench todo {{n}}", due_date=due)
for n in range(40):
    Post.objects.create(author=user if n % 2 else other, title=f"Bench post {{n}}", body="Some text. " * 80)
print(Post.objects.order_by("-created", "-id").first().id)
"""

# Notes when a selector's element is first in the DOM, then the next frame (its paint).
WATCH_DATA = """
([selector, text]) => {
  window.__dataPainted = null;
  const present = () => [...document.querySelectorAll(selector)].some((el) => el.textContent.includes(text));
  const seen = () => {
    if (window.__dataPainted !== null || !present()) return false;
    requestAnimationFrame(() => { window.__dataPainted = performance.now(); });
    return true;
  };
  if (!seen()) {
    // The document itself: the parser's insertions (server-rendered HTML) count too.
    const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }
}
"""

TIMINGS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const first = fcp ? fcp.startTime : null;
  // Data in the DOM is on screen at the next frame, but never before the first paint.
  const data = first === null ? window.__dataPainted : Math.max(first, window.__dataPainted);
  return { ttfb: nav.responseStart - nav.startTime, fcp: first, data_painted: data };
}
"""


def log_in(page: Page, origin: str) -> None:
    page.goto(f"{origin}/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def measure(page: Page, url: str, selector: str, text: str) -> dict[str, float | int | None]:
    api: list[str] = []
    page.on("request", lambda request: api.append(request.url) if "/api/" in request.url else None)
    page.add_init_script(f"({WATCH_DATA})({json.dumps([selector, text])})")
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("window.__dataPainted !== null")
    timings = page.evaluate(TIMINGS)
    return {**timings, "api": len(api)}


def median(rows: list[dict], key: str) -> float | None:
    values = [row[key] for row in rows if row[key] is not None]
    return round(statistics.median(values), 1) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="loads per page and client (default 15)")
    args = parser.parse_args()
    for built, how in (
        (VUE_DIST / "index.html", "make build CLIENT=vue"),
        (NUXT_ENTRY, "make build CLIENT=nuxt"),
    ):
        if not built.exists():
            raise SystemExit(f"{built} is missing: run `{how}` first.")

    nuxt_port = free_port()
    nuxt_origin = f"http://127.0.0.1:{nuxt_port}"
    with (
        tempfile.TemporaryDirectory(prefix="ssr-bench-") as data,
        backend(
            "ssr-bench-api", Path(data), DJANGO_CSRF_TRUSTED_ORIGINS=nuxt_origin,
            TANDEM_CLIENT="vue", TANDEM_SPA_DIST=str(VUE_DIST),
        ) as api,
    ):  # fmt: skip
        post_id = int(manage(api.env, "shell", "-c", SEED.format(email=EMAIL, password=PASSWORD)).split()[-1])
        nuxt = nuxt_server("ssr-bench-nuxt", api.url, port=nuxt_port).start()
        try:
            clients = {"nuxt": nuxt_origin, "vue": api.url}
            pages = {
                # (path, CSS selector, text it must contain): the page's data on screen.
                "posts": ("/posts", "a", "Bench post 39"),
                "post": (f"/posts/{post_id}", "h1", "Bench post 39"),
                "dashboard": ("/dashboard", "[data-testid=open-todos-count]", "25"),
            }
            rows: dict[str, dict[str, list[dict]]] = {c: {p: [] for p in pages} for c in clients}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM if os.path.exists(CHROMIUM) else None
                )
                contexts = {}
                for client, origin in clients.items():
                    contexts[client] = browser.new_context()
                    log_in(contexts[client].new_page(), origin)
                for _ in range(args.runs):
                    for name, (path, selector, text) in pages.items():
                        for client, origin in clients.items():  # alternately: load drifts hit both
                            page = contexts[client].new_page()
                            rows[client][name].append(measure(page, origin + path, selector, text))
                            page.close()
                browser.close()
        finally:
            nuxt.stop()

    summary = {
        client: {
            name: {key: median(found, key) for key in ("ttfb", "fcp", "data_painted", "api")}
            for name, found in by_page.items()
        }
        for client, by_page in rows.items()
    }
    print(f"Medians of {args.runs} loads (ms; api = /api/ requests the browser made per load):")
    print(f"{'page':<10} {'client':<6} {'ttfb':>7} {'fcp':>7} {'data':>7} {'api':>4}")
    for name in pages:
        for client in clients:
            cell = summary[client][name]
            print(
                f"{name:<10} {client:<6} {cell['ttfb']!s:>7} {cell['fcp']!s:>7} {cell['data_painted']!s:>7} "
                f"{cell['api']!s:>4}"
            )
    for name in pages:
        nuxt_ttfb, spa_data = summary["nuxt"][name]["ttfb"], summary["vue"][name]["data_painted"]
        print(f"{name}: Nuxt TTFB {nuxt_ttfb} ms vs the SPA's data painted {spa_data} ms")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"ssr-vs-spa-{stamp}.json"
    out.write_text(json.dumps({"runs": args.runs, "summary": summary, "loads": rows}, indent=2))
    print(f"Written to {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
