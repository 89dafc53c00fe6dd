"""Starting real Tandem servers for tests: production settings, loopback only.

Used by the browser tests (runserver behind Chromium) and the deployment tests
(gunicorn, several servers sharing one Postgres and one Redis).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "backend" / "manage.py"
ARTIFACTS = REPO / "test-results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


@dataclass
class Server:
    """A server process on 127.0.0.1:port, its output in test-results/<name>.log."""

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
        return ARTIFACTS / f"{self.name}.log"

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
