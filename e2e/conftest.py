"""Browser tests: a real Chromium against the real backend serving the built SPA.

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

from . import helpers
from .servers import (
    ARTIFACTS,
    REPO,
    drop_postgres_database,
    free_port,
    fresh_postgres_database,
    manage,
    production_env,
    runserver,
)

SCREENSHOTS = ARTIFACTS / "screenshots"
SYSTEM_CHROMIUM = "/usr/bin/chromium"
# The built SPA the server serves (TANDEM_SPA_DIST lets parallel builds not collide).
SPA_DIST = Path(os.environ.get("TANDEM_SPA_DIST") or REPO / "frontend" / "dist")
# Flags that keep Chromium quiet and working as root on a CI machine without network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (SPA_DIST / "index.html").exists():
        pytest.fail(f"The SPA is not built in {SPA_DIST}: run `make build` (make test-e2e does it for you).")
    data_dir = tmp_path_factory.mktemp("server-data")
    port = free_port()
    env = production_env(
        data_dir,
        TANDEM_FRONTEND_URL=f"http://127.0.0.1:{port}",
        # Emails are kept as JSON files here: the tests open the real emailed links.
        TANDEM_EMAIL_OUTBOX_DIR=str(data_dir / "outbox"),
        # Many signups from one IP in a few minutes; the rate limit itself has its own tests.
        TANDEM_RATE_LIMIT_SIGNUP="500/m/ip",
        # Every test fails logins from 127.0.0.1; the per-address limit (5 in 5 min) stays real.
        TANDEM_RATE_LIMIT_LOGIN_FAILED="200/m/ip,5/5m/key",
    )
    admin_db_url = os.environ.get("DATABASE_URL", "")
    db_name = f"tandem_e2e_{os.getpid()}"
    if admin_db_url:
        env["DATABASE_URL"] = fresh_postgres_database(admin_db_url, db_name)
    if env.get("REDIS_URL"):
        env["TANDEM_CACHE_PREFIX"] = db_name

    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    server = runserver("server", env, port=port)
    helpers.OUTBOX.folder = data_dir / "outbox"
    try:
        yield server.start().url
    finally:
        server.stop()
        if admin_db_url:
            drop_postgres_database(admin_db_url, db_name)


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
def screenshot(page):
    """Saves a full-page screenshot under test-results/screenshots/ (CI artifact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def email_outbox(app_server: str) -> helpers.Outbox:
    """The server's outbox: `email_outbox.latest("ann@example.com")` is the newest email to her."""
    return helpers.OUTBOX
