"""X-Forwarded-* through the Nuxt server: a browser cannot choose the address
Django counts it as (allauth's per-IP rate limits, the sessions list), and a
proxy the operator trusts (NUXT_TRUSTED_PROXIES) can. Plain HTTP.

Topology as deployed: Django behind the Nuxt server counts one proxy
(TANDEM_TRUSTED_PROXY_COUNT=1), so it takes the last X-Forwarded-For value,
the one the Nuxt server sets."""

from __future__ import annotations

import http.client
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from harness.servers import NUXT_ENTRY, backend, free_port, manage, nuxt_server

from .conftest import _CREATE_USERS, PASSWORD

pytestmark = pytest.mark.core

SPOOFED = "203.0.113.7"  # an address a browser claims (TEST-NET-3)
LOGIN_LIMIT = 4  # allauth's "login" limit per client address on these servers


@dataclass
class Front:
    """Two Nuxt servers in front of one Django: one trusts no proxy (the default), one trusts 127.0.0.1."""

    untrusting: str
    trusting: str


def _fronts(
    name: str, tmp_path_factory: pytest.TempPathFactory, **django: str
) -> Iterator[tuple[Front, dict]]:
    if not NUXT_ENTRY.exists():
        pytest.fail(f"The Nuxt app is not built ({NUXT_ENTRY}): run `make build CLIENT=nuxt`.")
    ports = free_port(), free_port()
    origins = [f"http://127.0.0.1:{port}" for port in ports]
    with backend(
        name, tmp_path_factory.mktemp(name), DJANGO_CSRF_TRUSTED_ORIGINS=",".join(origins),
        TANDEM_FRONTEND_URL=origins[0], TANDEM_TRUSTED_PROXY_COUNT="1", **django,
    ) as api:  # fmt: skip
        untrusting = nuxt_server(f"{name}-untrusting", api.url, port=ports[0]).start()
        trusting = nuxt_server(
            f"{name}-trusting", api.url, port=ports[1], NUXT_TRUSTED_PROXIES="127.0.0.1"
        ).start()
        try:
            yield Front(*origins), api.env
        finally:
            untrusting.stop()
            trusting.stop()


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    for pair, env in _fronts("api-nuxt-fwd", tmp_path_factory):
        spec = {f"{who}@example.com": [] for who in ("dana", "eve", "finn", "gus")}
        manage(env, "shell", "-c", _CREATE_USERS.format(spec=json.dumps(spec), password=PASSWORD))
        yield pair


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    """Its own Django, so that the login attempts of the other tests do not count here."""
    yield from (
        pair
        for pair, _ in _fronts(
            "api-nuxt-limit", tmp_path_factory, TANDEM_RATE_LIMIT_LOGIN=f"{LOGIN_LIMIT}/m/ip"
        )
    )


def call(
    origin: str, method: str, path: str, *, body: str | None = None, headers: dict[str, str]
) -> tuple[int, dict, list[str]]:
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        return (
            response.status,
            (json.loads(text) if text.startswith("{") else {}),
            response.headers.get_all("Set-Cookie") or [],
        )
    finally:
        connection.close()


def cookies_of(set_cookies: list[str]) -> dict[str, str]:
    return {line.split("=", 1)[0]: line.split(";", 1)[0].split("=", 1)[1] for line in set_cookies}


def api_login(origin: str, email: str, forwarded_for: str, password: str = PASSWORD) -> tuple[int, str]:
    """allauth's browser login through the Nuxt server's /api/ proxy, as a script would: returns the status and cookies."""
    status, body, set_cookies = call(origin, "GET", "/api/csrf/", headers={"X-Forwarded-For": forwarded_for})
    assert status == 200
    jar = cookies_of(set_cookies)
    status, _, set_cookies = call(
        origin, "POST", "/api/auth/browser/v1/auth/login", body=json.dumps({"email": email, "password": password}),
        headers={
            "Content-Type": "application/json", "Origin": origin, "X-CSRFToken": body["csrf_token"],
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()), "X-Forwarded-For": forwarded_for,
        },
    )  # fmt: skip
    jar.update(cookies_of(set_cookies))
    return status, "; ".join(f"{k}={v}" for k, v in jar.items() if v)


def form_login(origin: str, email: str, forwarded_for: str) -> str:
    """The JavaScript-free login form (the Nuxt server logs in on the visitor's behalf): returns the cookies."""
    status, _, set_cookies = call(
        origin, "POST", "/forms/login", body=f"email={email.replace('@', '%40')}&password={PASSWORD}&next=%2F",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin, "X-Forwarded-For": forwarded_for},
    )  # fmt: skip
    assert status == 303
    jar = cookies_of(set_cookies)
    assert jar.get("sessionid"), "the form login did not sign in"
    return "; ".join(f"{k}={v}" for k, v in jar.items() if v)


def session_address(origin: str, cookie: str) -> str:
    """The address Django recorded for this session (allauth's sessions list, as the account page shows it)."""
    status, body, _ = call(origin, "GET", "/api/auth/browser/v1/auth/sessions", headers={"Cookie": cookie})
    assert status == 200, body
    [current] = [session for session in body["data"] if session["is_current"]]
    return current["ip"]


def test_a_browser_cannot_choose_its_address_through_the_api_proxy(front: Front) -> None:
    status, cookie = api_login(front.untrusting, "dana@example.com", SPOOFED)
    assert status == 200
    assert session_address(front.untrusting, cookie) == "127.0.0.1"


def test_a_browser_cannot_choose_its_address_through_the_server_side_login(front: Front) -> None:
    cookie = form_login(front.untrusting, "eve@example.com", SPOOFED)
    assert session_address(front.untrusting, cookie) == "127.0.0.1"


@pytest.mark.parametrize(
    ("forwarded_for", "client"),
    [
        (SPOOFED, SPOOFED),
        # The browser's own X-Forwarded-For (left) plus the address the proxy saw (right): the proxy's word counts.
        (f"198.51.100.9, {SPOOFED}", SPOOFED),
    ],
)
def test_behind_a_trusted_proxy_the_address_it_saw_counts(
    front: Front, forwarded_for: str, client: str
) -> None:
    status, cookie = api_login(front.trusting, "finn@example.com", forwarded_for)
    assert status == 200
    assert session_address(front.trusting, cookie) == client
    assert (
        session_address(front.trusting, form_login(front.trusting, "gus@example.com", forwarded_for))
        == client
    )


def test_rotating_x_forwarded_for_does_not_dodge_the_per_address_login_limit(limited: Front) -> None:
    statuses = [
        api_login(
            limited.untrusting, f"nobody-{uuid.uuid4().hex[:6]}@example.com", f"198.51.100.{n}", "wrong"
        )[0]
        for n in range(LOGIN_LIMIT + 1)
    ]
    assert statuses[:LOGIN_LIMIT] == [400] * LOGIN_LIMIT
    assert statuses[LOGIN_LIMIT] == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_login_limit(limited: Front) -> None:
    statuses = [
        api_login(limited.trusting, f"nobody-{uuid.uuid4().hex[:6]}@example.com", f"192.0.2.{n}", "wrong")[0]
        for n in range(LOGIN_LIMIT + 1)
    ]
    assert statuses == [400] * (LOGIN_LIMIT + 1)


@pytest.mark.parametrize("setting", ["10.0.0.0/33", "proxy.internal", "127.0.0.1, 999.1.1.1"])
def test_a_malformed_trusted_proxies_setting_stops_the_server_at_start(setting: str) -> None:
    server = nuxt_server("nuxt-bad-proxies", f"http://127.0.0.1:{free_port()}", NUXT_TRUSTED_PROXIES=setting)
    with pytest.raises(RuntimeError, match="exited early") as stopped:
        server.start(timeout=30)
    assert "NUXT_TRUSTED_PROXIES" in str(stopped.value)
