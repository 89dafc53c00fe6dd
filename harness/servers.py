"""Starting real Tandem servers for tests: production settings, loopback only.

Used by the browser tests (runserver behind Chromium) and the deployment tests
(gunicorn, several servers sharing one Postgres and one Redis).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "backend" / "manage.py"
VITE = REPO / "node_modules" / ".bin" / "vite"
# The Node that `make install` chose: the system's when new enough, else the one in .venv.
NODE_BIN = REPO / ".venv" / "node-bin"
ARTIFACTS = REPO / "test-results"
# The built Nuxt server (`make build CLIENT=nuxt`).
NUXT_ENTRY = REPO / "apps" / "nuxt" / ".output" / "server" / "index.mjs"


# Test servers take ports from below the kernel's ephemeral range (32768+ on
# Linux, 49152+ on macOS), so no outgoing connection can be holding one, and
# from a block of their own per process: the workers of one pytest-xdist run
# get neighbouring blocks, so two of them never both find one port free and
# both try to bind it; another run (another checkout) starts elsewhere. (Asking
# the kernel for port 0 gave an ephemeral port, which a browser's connection
# could take before our server bound it: "That port is already in use".)
_PORT_BASE, _PORT_BLOCK, _PORT_BLOCKS = 10000, 1000, 22
_next_port = itertools.count(random.randrange(_PORT_BLOCK))


def xdist_worker() -> str | None:
    """This process's pytest-xdist worker ("gw0", "gw1"…), or None outside one."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def _port_block() -> int:
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or str(os.getpid())
    number = (xdist_worker() or "").removeprefix("gw")
    return (zlib.crc32(run.encode()) + (int(number) if number.isdigit() else 0)) % _PORT_BLOCKS


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on or connects from now, from this process's block."""
    base = _PORT_BASE + _port_block() * _PORT_BLOCK
    for _ in range(_PORT_BLOCK):
        port = base + next(_next_port) % _PORT_BLOCK
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {base}-{base + _PORT_BLOCK - 1}")


def artifact(name: str) -> Path:
    """test-results/<name>.log, named per pytest-xdist worker: two workers can run the same module."""
    worker = xdist_worker()
    return ARTIFACTS / (f"{name}-{worker}.log" if worker else f"{name}.log")


def rsa_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def production_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a production-mode server on plain http://127.0.0.1."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",  # plain http on loopback: no Secure cookies, no redirect
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_JWT_PRIVATE_KEY": rsa_pem(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TANDEM_DATA_DIR": str(data_dir),
        "PYTHONUNBUFFERED": "1",
        **overrides,
    }


def fresh_postgres_database(url: str, name: str) -> str:
    """Creates an empty database `name` on the server of `url`; returns its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(MANAGE), *args], env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def migrate_and_collectstatic(env: dict[str, str]) -> None:
    """`migrate` then `collectstatic`, in one process: each `manage.py` run first
    spends about as long importing Django as either command takes, and the
    browser suites start dozens of backends."""
    manage(
        env, "shell", "-c",
        "from django.core.management import call_command as run;"
        "run('migrate', interactive=False, verbosity=0);"
        "run('collectstatic', interactive=False, verbosity=0)",
    )  # fmt: skip


@dataclass
class Server:
    """A server process on 127.0.0.1:port, its output in test-results/<name>[-<worker>].log."""

    name: str
    command: list[str]
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return artifact(self.name)

    def start(self, timeout: float = 60) -> Server:
        ARTIFACTS.mkdir(exist_ok=True)
        command = [part.format(port=self.port) for part in self.command]
        with self.log.open("w") as log_file:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log_file, stderr=subprocess.STDOUT, cwd=REPO
            )
        self._wait_until_up(timeout)
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def _wait_until_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log.read_text()[-4000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/health/", timeout=2):  # noqa: S310
                    return
            except urllib.error.HTTPError:
                return  # it answers (maybe 503 on purpose): it is up
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {timeout}s:\n{self.log.read_text()[-4000:]}")


def runserver(name: str, env: dict[str, str], port: int | None = None) -> Server:
    command = [sys.executable, str(MANAGE), "runserver", "127.0.0.1:{port}", "--noreload"]
    return Server(name, command, env, port=port or free_port())


def gunicorn(name: str, env: dict[str, str], workers: int = 2, threads: int = 2) -> Server:
    return Server(
        name,
        [
            sys.executable, "-m", "gunicorn", "--config", str(REPO / "deploy" / "gunicorn.conf.py"),
            "--bind", "127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
        ],
        env,
    )  # fmt: skip


@contextlib.contextmanager
def backend(name: str, data_dir: Path, port: int | None = None, **overrides: str) -> Iterator[Server]:
    """A production-mode backend on 127.0.0.1 (runserver), migrated, with its
    own data folder, outbox (data_dir/outbox) and, when DATABASE_URL is set,
    its own fresh Postgres database and Redis key prefix."""
    defaults = {
        # Emails are kept as JSON files here: the tests open the real emailed links.
        "TANDEM_EMAIL_OUTBOX_DIR": str(data_dir / "outbox"),
        # Many signups from one IP in a few minutes; the rate limit itself has its own tests.
        "TANDEM_RATE_LIMIT_SIGNUP": "500/m/ip",
        # Every test fails logins from 127.0.0.1; the per-address limit (5 in 5 min) stays real.
        "TANDEM_RATE_LIMIT_LOGIN_FAILED": "200/m/ip,5/5m/key",
    }
    env = production_env(data_dir, **{**defaults, **overrides})
    admin_db_url = os.environ.get("DATABASE_URL", "")
    db_name = f"tandem_e2e_{name.replace('-', '_')}_{os.getpid()}"
    if admin_db_url:
        env["DATABASE_URL"] = fresh_postgres_database(admin_db_url, db_name)
    if env.get("REDIS_URL"):
        env["TANDEM_CACHE_PREFIX"] = db_name
    migrate_and_collectstatic(env)
    server = runserver(name, env, port=port)
    try:
        yield server.start()
    finally:
        server.stop()
        if admin_db_url:
            drop_postgres_database(admin_db_url, db_name)


def nuxt_server(name: str, api_origin: str, port: int | None = None, **overrides: str) -> Server:
    """The built Nuxt app on 127.0.0.1:port: it renders the pages and proxies
    /api/ to Django at `api_origin`, which must trust this server's origin for
    CSRF (DJANGO_CSRF_TRUSTED_ORIGINS): to the browser, one origin. `overrides`
    are more environment variables (e.g. NUXT_TRUSTED_PROXIES)."""
    port = port or free_port()
    node = NODE_BIN / "node"
    env = {
        **os.environ,
        "NUXT_API_ORIGIN": api_origin,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "NODE_ENV": "production",
        **overrides,
    }
    return Server(name, [str(node) if node.exists() else "node", str(NUXT_ENTRY)], env, port=port)


def build_spa(out_dir: Path, *, api_url: str, auth_mode: str, client: str = "vue") -> Path:
    """Builds an SPA (apps/<client>) as a team would for a static host: the API's
    origin and the auth mode are baked in at build time (VITE_API_BASE_URL, VITE_AUTH_MODE)."""
    env = {**os.environ, "VITE_API_BASE_URL": api_url, "VITE_AUTH_MODE": auth_mode}
    if NODE_BIN.is_dir():
        env["PATH"] = f"{NODE_BIN}{os.pathsep}{env.get('PATH', '')}"
    subprocess.run(
        [str(VITE), "build", "--outDir", str(out_dir), "--emptyOutDir", "--logLevel", "error"],
        cwd=REPO / "apps" / client, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return out_dir


class _SpaHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        # History-mode routing: a path that is not a file gets index.html.
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class StaticSpa:
    """A static host for a built SPA on 127.0.0.1:port, as a CDN or `vite
    preview` would serve it: files as they are, index.html for every route.
    The browser may call it http://localhost:port or http://127.0.0.1:port:
    to the browser those are different sites."""

    root: Path
    port: int = field(default_factory=free_port)
    _server: http.server.ThreadingHTTPServer | None = None

    def url(self, host: str = "localhost") -> str:
        return f"http://{host}:{self.port}"

    def start(self) -> StaticSpa:
        handler = functools.partial(_SpaHandler, directory=str(self.root))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
