"""Browser tests: a real Chromium against the real backend serving the built SPA.

The server runs as a separate process with production settings (DEBUG off,
whitenoise, collectstatic) on a free port of 127.0.0.1, with its own data
folder; with DATABASE_URL set it gets a fresh Postgres database of its own.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from . import helpers

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "backend" / "manage.py"
ARTIFACTS = REPO / "test-results"
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rsa_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _fresh_postgres_database(url: str) -> tuple[str, str]:
    """Creates an empty database next to the one in `url`; returns (new url, name)."""
    import psycopg

    name = f"tandem_e2e_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/health/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"The server did not answer within {timeout}s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (SPA_DIST / "index.html").exists():
        pytest.fail(f"The SPA is not built in {SPA_DIST}: run `make build` (make test-e2e does it for you).")
    data_dir = tmp_path_factory.mktemp("server-data")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",  # plain http on 127.0.0.1: no Secure cookies, no redirect
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_JWT_PRIVATE_KEY": _rsa_pem(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TANDEM_DATA_DIR": str(data_dir),
        "TANDEM_FRONTEND_URL": f"http://127.0.0.1:{port}",
        # Emails are kept as JSON files here: the tests open the real emailed links.
        "TANDEM_EMAIL_OUTBOX_DIR": str(data_dir / "outbox"),
        # Many signups from one IP in a few minutes; the rate limit itself has its own tests.
        "TANDEM_RATE_LIMIT_SIGNUP": "500/m/ip",
        # Every test fails logins from 127.0.0.1; the per-address limit (5 in 5 min) stays real.
        "TANDEM_RATE_LIMIT_LOGIN_FAILED": "200/m/ip,5/5m/key",
        "PYTHONUNBUFFERED": "1",
    }
    admin_db_url = os.environ.get("DATABASE_URL", "")
    db_name = None
    if admin_db_url:
        env["DATABASE_URL"], db_name = _fresh_postgres_database(admin_db_url)
    if env.get("REDIS_URL"):
        env["TANDEM_CACHE_PREFIX"] = f"tandem-e2e-{os.getpid()}"

    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, str(MANAGE), *command], env=env, check=True)

    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "server.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [sys.executable, str(MANAGE), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    helpers.OUTBOX.folder = data_dir / "outbox"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if db_name:
            _drop_postgres_database(admin_db_url, db_name)


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
