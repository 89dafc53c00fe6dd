"""What an authenticated read costs, pinned: one database query for the data,
and with Redis one round trip for authentication, rate limiting and session
activity together. Counted, not timed (bench/ measures time).

Needs Redis (REDIS_URL, default redis://127.0.0.1:6379/11); skipped, saying
so, when it does not answer. Its keys live under a prefix of their own.
"""

from __future__ import annotations

import os
import socket
import uuid
from urllib.parse import urlsplit

import pytest
import redis
from conftest import PASSWORD, ApiClient
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tandem.todos.models import Todo

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/11"
TODOS = "/api/todos/?page_size=20"


def _redis_answers() -> bool:
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason=f"Redis not answering at {REDIS_URL}")


@pytest.fixture
def on_redis(settings):
    prefix = f"test-hot-path-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {"BACKEND": "tandem.api.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    }
    settings.SESSION_ENGINE = "tandem.accounts.sessionstores.cached_db"
    settings.TANDEM_AUTH_RECORDS = "cache"
    yield
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def round_trips(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = redis.Redis.execute_command

    def counting(self, *args, **kwargs):
        calls.append(str(args[0]))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return calls


def bearer_client(user) -> Client:
    client = Client()
    login = client.post(
        "/api/auth/app/v1/auth/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert login.status_code == 200, login.content
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {login.json()['meta']['access_token']}"
    return client


def cookie_client(user) -> ApiClient:
    client = ApiClient()
    login = client.send(
        "POST", "/api/auth/browser/v1/auth/login", {"email": user.email, "password": PASSWORD}
    )
    assert login.status_code == 200, login.content
    return client


@pytest.mark.parametrize("make_client", [bearer_client, cookie_client], ids=["bearer", "session-cookie"])
def test_an_authenticated_read_is_one_query_and_one_redis_round_trip(
    on_redis, round_trips, user, make_client
):
    Todo.objects.bulk_create([Todo(owner=user, title=f"todo {i}") for i in range(30)])
    client = make_client(user)
    for _ in range(2):  # the first read validates the long way and leaves the record
        assert client.get(TODOS).status_code == 200
    round_trips.clear()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(TODOS)

    assert response.status_code == 200
    assert len(response.json()["results"]) == 20
    assert [q["sql"].split(" FROM ")[1].split()[0] for q in queries.captured_queries] == ['"todos_todo"']
    assert round_trips == ["EVALSHA"]


@pytest.mark.parametrize("make_client", [bearer_client, cookie_client], ids=["bearer", "session-cookie"])
def test_the_single_round_trip_still_enforces_the_rate_limit(on_redis, monkeypatch, user, make_client):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/min", "anon": "100/min"})
    client = make_client(user)

    statuses = [client.get(TODOS).status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
