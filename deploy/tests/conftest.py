"""Deployment tests: production profile, gunicorn, Postgres + Redis, on loopback.

They need Postgres and Redis (DATABASE_URL / REDIS_URL, or the defaults on
127.0.0.1) and skip, saying so, when either does not answer.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# The browser fixtures of the e2e suite (Debian's Chromium, screenshots), shared here.
from e2e.conftest import browser_type_launch_args, pytest_configure, screenshot  # noqa: F401
from harness.servers import (
    drop_postgres_database,
    fresh_postgres_database,
    manage,
    migrate_and_collectstatic,
    production_env,
)

from .faults import Forwarder

ADMIN_DATABASE_URL = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/test"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/11"
PASSWORD = "deploy-test-password-5"
PUBLIC_HOST = "tandem.test"  # the name clients use when a proxy fronts the servers


def _answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config, items) -> None:
    missing = [
        name
        for name, url, port in (("Postgres", ADMIN_DATABASE_URL, 5432), ("Redis", REDIS_URL, 6379))
        if not _answers(url, port)
    ]
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"{' and '.join(missing)} not answering: deployment tests need both")
    for item in items:
        if "needs_services" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A fresh database, a Redis key space and the production env for servers on it.

    Postgres and Redis are reached through forwarders, so a test can cut them off.
    """
    name = f"tandem_deploy_{uuid.uuid4().hex[:8]}"
    database_url = fresh_postgres_database(ADMIN_DATABASE_URL, name)
    db_parts = urlsplit(database_url)
    redis_parts = urlsplit(REDIS_URL)
    db_forwarder = Forwarder(db_parts.port or 5432, db_parts.hostname or "127.0.0.1").start()
    redis_forwarder = Forwarder(redis_parts.port or 6379, redis_parts.hostname or "127.0.0.1").start()
    env = production_env(
        Path(tmp_path_factory.mktemp("deploy-data")),
        DATABASE_URL=database_url.replace(db_parts.netloc.split("@")[-1], f"127.0.0.1:{db_forwarder.port}"),
        REDIS_URL=REDIS_URL.replace(redis_parts.netloc.split("@")[-1], f"127.0.0.1:{redis_forwarder.port}"),
        TANDEM_CACHE_PREFIX=name,
        DJANGO_ALLOWED_HOSTS=f"127.0.0.1,localhost,{PUBLIC_HOST}",
        GUNICORN_ACCESS_LOG="-",
        DJANGO_LOG_LEVEL="WARNING",
    )
    migrate_and_collectstatic(env)
    try:
        yield {"env": env, "database": db_forwarder, "redis": redis_forwarder}
    finally:
        db_forwarder.cut()
        redis_forwarder.cut()
        drop_postgres_database(ADMIN_DATABASE_URL, name)


@pytest.fixture(scope="module")
def make_user(stack):
    """Creates a user with a verified email straight in the database."""

    def make(email: str | None = None) -> str:
        email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
        manage(
            stack["env"],
            "shell",
            "-c",
            "from allauth.account.models import EmailAddress;"
            "from tandem.accounts.models import User;"
            f"u = User.objects.create_user(email={email!r}, password={PASSWORD!r});"
            f"EmailAddress.objects.create(user=u, email={email!r}, primary=True, verified=True)",
        )
        return email

    return make
