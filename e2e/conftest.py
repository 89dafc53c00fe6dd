"""Browser tests: a real Chromium against the real backend serving a built client.

Every test that opens a page runs once per client (`spa_client`: the Vue SPA
in apps/vue, the React SPA in apps/react and the Nuxt SSR app in apps/nuxt),
driving each by accessible names only: one test proves every app.
E2E_CLIENTS=vue (or react, nuxt, or a comma-separated list; all three by
default) picks the clients.

The Nuxt app runs in its own topology (browser -> Nuxt origin, which renders
the pages and proxies /api/ -> Django), so the SPA-only deployments (an SPA on
a static host, token mode across sites) do not exist for it: those tests are
not collected for Nuxt. Tests the Nuxt app cannot pass yet are listed in
NUXT_PENDING with the reason, deselected for Nuxt only, and named in the
summary of every run.

The server runs as a separate process with production settings (DEBUG off,
whitenoise, collectstatic) on a free port of 127.0.0.1, with its own data
folder; with DATABASE_URL set it gets a fresh Postgres database of its own.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.servers import (
    ARTIFACTS,
    NUXT_ENTRY,
    REPO,
    StaticSpa,
    artifact,
    backend,
    build_spa,
    free_port,
    nuxt_server,
    xdist_worker,
)

from . import helpers

SCREENSHOTS = ARTIFACTS / "screenshots"
SYSTEM_CHROMIUM = "/usr/bin/chromium"
CLIENTS = ("vue", "react", "nuxt")

# How long `expect(...)` waits for the page to reach a state (Playwright's default: 5 s).
# A login hashes with Argon2 and CI runs two browser workers on two cores: under load a
# state the app does reach can take longer than 5 s. A wrong state still fails, later.
expect.set_options(timeout=int(os.environ.get("E2E_EXPECT_TIMEOUT_MS", "15000")))

# Deployments that exist for the SPAs only: a test needing one is not collected for Nuxt.
SPA_ONLY_TOPOLOGIES = ("cross_origin_session", "cross_site_token")

# Shared tests the Nuxt app does not pass yet: "file.py" (whole module) or
# "file.py::test_name" -> why. Remove an entry the moment its test passes on Nuxt.
NUXT_PENDING: dict[str, str] = {}


def _selected_clients() -> list[str]:
    raw = os.environ.get("E2E_CLIENTS", "").strip()
    chosen = [name.strip() for name in raw.split(",") if name.strip()] if raw else list(CLIENTS)
    unknown = sorted(set(chosen) - set(CLIENTS))
    if unknown:
        raise pytest.UsageError(
            f"E2E_CLIENTS: unknown client(s) {', '.join(unknown)}; pick from {', '.join(CLIENTS)}"
        )
    return chosen


SELECTED_CLIENTS = _selected_clients()


def spa_dist(client: str) -> Path:
    """The built SPA of `client` (TANDEM_SPA_DIST_VUE / _REACT let parallel builds not collide)."""
    return Path(os.environ.get(f"TANDEM_SPA_DIST_{client.upper()}") or REPO / "apps" / client / "dist")


# The built Vue SPA (the deployment tests serve it).
SPA_DIST = Path(os.environ.get("TANDEM_SPA_DIST") or spa_dist("vue"))

# Flags that keep Chromium quiet and working as root on a CI machine without network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _nuxt_exclusion(item: pytest.Item) -> str | None:
    """Why `item` does not run for the Nuxt app, or None when it does."""
    callspec = getattr(item, "callspec", None)
    if callspec is None or callspec.params.get("spa_client") != "nuxt":
        return None
    fixtures = set(getattr(item, "fixturenames", ())) | set(map(str, callspec.params.values()))
    if fixtures & set(SPA_ONLY_TOPOLOGIES):
        return "an SPA-only deployment"
    module = item.path.name
    return NUXT_PENDING.get(f"{module}::{item.originalname}") or NUXT_PENDING.get(module)  # type: ignore[attr-defined]


_NUXT_NOT_RUN: dict[str, list[str]] = {}


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright empties its --output folder when a session starts, in each
    # xdist worker. Its default is test-results/, where the servers' logs and the
    # screenshots live: a worker starting late deleted the logs of servers the other
    # worker had started (a test reading one then found it empty). It gets a folder
    # of its own per worker; the failure screenshots (--screenshot) land there.
    if config.getoption("--output", default=None) == "test-results":
        config.option.output = str(ARTIFACTS / "playwright" / (xdist_worker() or "main"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept, deselected = [], []
    for item in items:
        item.add_marker(pytest.mark.e2e)
        reason = _nuxt_exclusion(item)
        if reason is None:
            kept.append(item)
        else:
            deselected.append(item)
            _NUXT_NOT_RUN.setdefault(reason, []).append(item.nodeid)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_sessionfinish(session: pytest.Session) -> None:
    # A pytest-xdist worker hands what it deselected to the controller, which prints the summary.
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["nuxt_not_run"] = _NUXT_NOT_RUN


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    for reason, ids in getattr(node, "workeroutput", {}).get("nuxt_not_run", {}).items():
        known = _NUXT_NOT_RUN.setdefault(reason, [])
        known.extend(nodeid for nodeid in ids if nodeid not in known)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    pending = {reason: ids for reason, ids in _NUXT_NOT_RUN.items() if reason != "an SPA-only deployment"}
    if not pending:
        return
    terminalreporter.section("shared browser tests not yet run against Nuxt (NUXT_PENDING)")
    for reason, ids in sorted(pending.items()):
        terminalreporter.write_line(f"{len(ids):3d}  {reason}")


@pytest.fixture(scope="session", params=SELECTED_CLIENTS)
def spa_client(request: pytest.FixtureRequest) -> str:
    """The client under test: "vue", "react" or "nuxt" (E2E_CLIENTS picks)."""
    return request.param


@pytest.fixture(scope="session")
def app_server(spa_client: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Topology 1, same origin: Django serves the built SPA and the API; for
    Nuxt, the Nuxt server renders the pages and proxies /api/ to Django."""
    if spa_client == "nuxt":
        yield from _nuxt_in_front_of_django(tmp_path_factory)
        return
    dist = spa_dist(spa_client)
    if not (dist / "index.html").exists():
        pytest.fail(
            f"The {spa_client} SPA is not built in {dist}: run `make build CLIENT={spa_client}` "
            "(make test-e2e builds both)."
        )
    data_dir = tmp_path_factory.mktemp(f"server-data-{spa_client}")
    port = free_port()
    with backend(
        f"server-{spa_client}", data_dir, port=port, TANDEM_FRONTEND_URL=f"http://127.0.0.1:{port}",
        TANDEM_CLIENT=spa_client, TANDEM_SPA_DIST=str(dist),
    ) as server:  # fmt: skip
        helpers.OUTBOX.folder = data_dir / "outbox"
        yield server.url


def _nuxt_in_front_of_django(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not NUXT_ENTRY.exists():
        pytest.fail(
            f"The Nuxt app is not built ({NUXT_ENTRY}): run `make build CLIENT=nuxt` (make test-e2e does)."
        )
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    data_dir = tmp_path_factory.mktemp("server-data-nuxt")
    # Emailed links and CSRF's Origin check name the Nuxt origin, the only one the browser sees.
    # X-Forwarded-Host: the host the browser used (http://localhost:<port> in the passkey tests,
    # WebAuthn's relying party), as the Nuxt server forwards it.
    with backend(
        "server-nuxt", data_dir, TANDEM_FRONTEND_URL=origin, DJANGO_CSRF_TRUSTED_ORIGINS=origin,
        DJANGO_USE_X_FORWARDED_HOST="true",
    ) as api:  # fmt: skip
        helpers.OUTBOX.folder = data_dir / "outbox"
        server = nuxt_server("nuxt-shared", api.url, port=port).start()
        try:
            yield server.url
        finally:
            server.stop()


@pytest.fixture(scope="session")
def same_origin(app_server: str, spa_client: str) -> helpers.Deployment:
    return helpers.Deployment(
        "same-origin",
        app_server,
        app_server,
        "session",
        helpers.OUTBOX,
        artifact(f"server-{spa_client}"),
    )


@pytest.fixture(scope="session")
def cross_origin_session(
    spa_client: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[helpers.Deployment]:
    """Topology 2: SPA on a static host at http://localhost:<spa>, API at
    http://localhost:<api>: two origins, one site, so the session cookie flows
    (CORS with credentials for the listed origin, CSRF trusted origin).

    The same build is also served at http://127.0.0.1:<other>, a different
    site, allow-listed like a deployer who forgot that session mode needs one
    site: the misconfiguration test uses it."""
    api_port, spa, wrong_site = free_port(), StaticSpa(Path()), StaticSpa(Path())
    spa_origin, wrong_site_origin = spa.url("localhost"), wrong_site.url("127.0.0.1")
    data_dir = tmp_path_factory.mktemp(f"session-api-{spa_client}")
    origins = f"{spa_origin},{wrong_site_origin}"
    with backend(
        f"api-cross-origin-session-{spa_client}", data_dir, port=api_port,
        DJANGO_CORS_ALLOWED_ORIGINS=origins, TANDEM_FRONTEND_URL=spa_origin,
    ) as api:  # fmt: skip
        api_origin = f"http://localhost:{api.port}"
        spa.root = wrong_site.root = build_spa(
            tmp_path_factory.mktemp(f"spa-session-{spa_client}"), api_url=api_origin, auth_mode="session",
            client=spa_client,
        )  # fmt: skip
        spa.start(), wrong_site.start()
        try:
            yield helpers.Deployment(
                "cross-origin-session", spa_origin, api_origin, "session",
                helpers.Outbox(data_dir / "outbox"), api.log, misconfigured_spa=wrong_site_origin,
            )  # fmt: skip
        finally:
            spa.stop(), wrong_site.stop()


# Token mode's access tokens live this long in the browser tests, so that
# requests cross an expiry and a refresh within seconds.
E2E_ACCESS_TOKEN_SECONDS = 6


@pytest.fixture(scope="session")
def cross_site_token(
    spa_client: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[helpers.Deployment]:
    """Topology 3: SPA at http://localhost:<spa>, API at http://127.0.0.1:<api>,
    different sites to the browser: token mode, no cookies at all.

    The same build also runs on a second, unlisted origin: the test of an
    origin missing from DJANGO_CORS_ALLOWED_ORIGINS opens that one."""
    api_port, spa, unlisted = free_port(), StaticSpa(Path()), StaticSpa(Path())
    spa_origin = spa.url("localhost")
    data_dir = tmp_path_factory.mktemp(f"token-api-{spa_client}")
    with backend(
        f"api-cross-site-token-{spa_client}", data_dir, port=api_port,
        DJANGO_CORS_ALLOWED_ORIGINS=spa_origin, TANDEM_FRONTEND_URL=spa_origin,
        TANDEM_JWT_ACCESS_SECONDS=str(E2E_ACCESS_TOKEN_SECONDS),
    ) as api:  # fmt: skip
        spa.root = unlisted.root = build_spa(
            tmp_path_factory.mktemp(f"spa-token-{spa_client}"), api_url=api.url, auth_mode="token",
            client=spa_client,
        )  # fmt: skip
        spa.start(), unlisted.start()
        try:
            yield helpers.Deployment(
                "cross-site-token", spa_origin, api.url, "token",
                helpers.Outbox(data_dir / "outbox"), api.log, misconfigured_spa=unlisted.url("localhost"),
            )  # fmt: skip
        finally:
            spa.stop(), unlisted.stop()


@pytest.fixture(scope="session")
def base_url(app_server: str) -> str:
    # pytest-playwright resolves page.goto("/todos") against this.
    return app_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium when present (Playwright cannot download its own
    browser here); Playwright's bundled one elsewhere (`playwright install chromium`)."""
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    executable = os.environ.get("CHROMIUM_PATH") or (
        SYSTEM_CHROMIUM if Path(SYSTEM_CHROMIUM).exists() else shutil.which("chromium")
    )
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture
def screenshot(page, request: pytest.FixtureRequest):
    """Saves a full-page screenshot under test-results/screenshots/ (CI artifact), named per client."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    callspec = getattr(request.node, "callspec", None)
    client = callspec.params.get("spa_client") if callspec else None

    def take(name: str) -> Path:
        path = SCREENSHOTS / (f"{name}-{client}.png" if client else f"{name}.png")
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def email_outbox(app_server: str) -> helpers.Outbox:
    """The server's outbox: `email_outbox.latest("ann@example.com")` is the newest email to her."""
    return helpers.OUTBOX
