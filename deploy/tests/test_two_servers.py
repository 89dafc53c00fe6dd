"""Two gunicorn servers share one Postgres and one Redis: state is shared, nothing is lost.

Run directly against both ports, and again through nginx round-robin when
Debian's nginx is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.servers import ARTIFACTS, Server, artifact, free_port, gunicorn

from .browser import Browser
from .conftest import PASSWORD, PUBLIC_HOST

pytestmark = pytest.mark.needs_services

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream tandem {{ server 127.0.0.1:{port_a}; server 127.0.0.1:{port_b}; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://tandem;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


@pytest.fixture(scope="module")
def servers(stack) -> Iterator[tuple[Server, Server]]:
    a = gunicorn("gunicorn-a", stack["env"]).start()
    b = gunicorn("gunicorn-b", stack["env"]).start()
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()


@pytest.fixture(scope="module")
def nginx(servers, tmp_path_factory) -> Iterator[str]:
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light): round-robin variant not run")
    tmp = tmp_path_factory.mktemp("nginx")
    tmp.chmod(0o777)
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, port_a=servers[0].port, port_b=servers[1].port))
    ARTIFACTS.mkdir(exist_ok=True)
    with artifact("nginx").open("w") as log:
        process = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp)], stdout=log, stderr=log)
    proxy = Server("nginx", [], {}, port=port, process=process)
    try:
        proxy._wait_until_up(20)
        yield proxy.url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=["direct", "nginx"])
def entrypoints(request, servers) -> tuple[str, str]:
    """Where the 'first' and 'second' requests go: each server, or nginx twice."""
    if request.param == "direct":
        return servers[0].url, servers[1].url
    url = request.getfixturevalue("nginx")
    return url, url


def test_a_session_from_one_server_works_on_the_other(entrypoints, make_user):
    first, second = entrypoints
    browser = Browser()
    assert browser.login(first, make_user(), PASSWORD).status == 200

    for _ in range(4):  # through nginx, requests alternate between the servers
        assert browser.request("GET", f"{second}/api/auth/browser/v1/auth/session").status == 200


def test_a_todo_written_via_one_server_is_read_via_the_other(entrypoints, make_user):
    first, second = entrypoints
    browser = Browser()
    browser.login(first, make_user(), PASSWORD)

    created = browser.write("POST", f"{first}/api/todos/", {"title": "Written on one"})
    assert created.status == 201
    read = browser.request("GET", f"{second}/api/todos/{created.body['id']}/")
    assert read.status == 200
    assert read.body["title"] == "Written on one"


def test_logout_on_one_server_is_refused_by_the_other_at_once(entrypoints, make_user):
    first, second = entrypoints
    browser = Browser()
    browser.login(first, make_user(), PASSWORD)
    stolen = Browser()  # someone holding a copy of the cookie
    for cookie in browser.jar:
        stolen.jar.set_cookie(cookie)

    assert browser.write("DELETE", f"{second}/api/auth/browser/v1/auth/session").status == 401

    for url in (first, second):
        assert stolen.request("GET", f"{url}/api/todos/").status in (401, 403)
        assert stolen.request("GET", f"{url}/api/auth/browser/v1/auth/session").status == 401


def test_a_token_logged_out_on_one_server_is_refused_by_the_other_at_once(servers, make_user):
    """Both servers answer the token from the session's auth record in Redis;
    the logout on one removes it for both."""
    a, b = servers
    app = Browser()
    login = app.request(
        "POST", f"{a.url}/api/auth/app/v1/auth/login", {"email": make_user(), "password": PASSWORD}
    )
    assert login.status == 200, login.body
    bearer = {"Authorization": f"Bearer {login.body['meta']['access_token']}"}
    for server in (a, b, a, b):  # the first read on each validates the long way, the next from the record
        assert app.request("GET", f"{server.url}/api/todos/", headers=bearer).status == 200

    assert app.request("DELETE", f"{a.url}/api/auth/app/v1/auth/session", headers=bearer).status == 401

    for server in (b, a):
        assert app.request("GET", f"{server.url}/api/todos/", headers=bearer).status == 401
        assert app.request("GET", f"{server.url}/api/auth/app/v1/auth/session", headers=bearer).status == 401


def test_a_password_change_on_one_server_refuses_the_other_devices_on_the_other(servers, make_user):
    a, b = servers
    email = make_user()
    laptop, phone = Browser(), Browser()
    assert laptop.login(a.url, email, PASSWORD).status == 200
    login = phone.request(
        "POST", f"{b.url}/api/auth/app/v1/auth/login", {"email": email, "password": PASSWORD}
    )
    bearer = {"Authorization": f"Bearer {login.body['meta']['access_token']}"}
    for _ in range(2):
        assert phone.request("GET", f"{b.url}/api/todos/", headers=bearer).status == 200

    change = {"current_password": PASSWORD, "new_password": "another-deploy-password-6"}
    assert laptop.write("POST", f"{a.url}/api/auth/browser/v1/account/password/change", change).status == 200

    assert phone.request("GET", f"{b.url}/api/todos/", headers=bearer).status == 401
    assert laptop.request("GET", f"{b.url}/api/todos/").status == 200


def test_failed_logins_are_counted_across_servers(servers, make_user):
    a, b = servers
    email = make_user()
    # allauth allows 5 failures per account in 5 minutes ("login_failed": "5/5m/key"),
    # keyed by site (the Host) and email: one public host name, as behind a proxy.
    for url in (a.url, b.url, a.url, b.url, a.url):
        reply = Browser(host=PUBLIC_HOST).login(url, email, "wrong-password")
        assert reply.status == 400
        assert reply.body["errors"][0]["code"] == "email_password_mismatch"

    # With per-process counters, server b would have seen only two failures.
    reply = Browser(host=PUBLIC_HOST).login(b.url, email, PASSWORD)
    assert reply.status in (400, 429)
    assert reply.body["errors"][0]["code"] == "too_many_login_attempts"


def test_concurrent_writes_through_both_servers_lose_nothing(servers, make_user):
    a, b = servers
    browser = Browser()
    browser.login(a.url, make_user(), PASSWORD)
    todo = browser.write("POST", f"{a.url}/api/todos/", {"title": "Contended"}).body

    barrier = threading.Barrier(2)
    replies = {}

    def edit(server: Server, title: str) -> None:
        token = browser.request("GET", f"{server.url}/api/csrf/").body["csrf_token"]
        barrier.wait()
        replies[title] = browser.request(
            "PATCH",
            f"{server.url}/api/todos/{todo['id']}/",
            {"title": title, "version": todo["version"]},
            headers={"X-CSRFToken": token},
        )

    threads = [threading.Thread(target=edit, args=(s, f"via {s.name}")) for s in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(reply.status for reply in replies.values())
    assert statuses == [200, 409], {title: (r.status, r.body) for title, r in replies.items()}
    winner = next(title for title, reply in replies.items() if reply.status == 200)
    loser = next(reply for reply in replies.values() if reply.status == 409)
    assert loser.body["current"]["title"] == winner
    stored = browser.request("GET", f"{b.url}/api/todos/{todo['id']}/").body
    assert stored["title"] == winner
    assert stored["version"] == todo["version"] + 1


def test_nginx_spread_the_requests_over_both_servers(nginx, servers, make_user):
    browser = Browser()
    browser.login(nginx, make_user(), PASSWORD)
    before = [server.log.read_text().count("/api/todos/") for server in servers]
    for _ in range(6):
        assert browser.request("GET", f"{nginx}/api/todos/").status == 200
    # A worker writes its access-log line after it has sent the response, so
    # the newest lines may land a moment after the client has its answer.
    deadline = time.monotonic() + 5
    while True:
        after = [server.log.read_text().count("/api/todos/") for server in servers]
        if all(later > earlier for earlier, later in zip(before, after, strict=True)):
            break
        assert time.monotonic() < deadline, (before, after)
        time.sleep(0.05)
