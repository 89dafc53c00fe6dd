"""The SSR profile as deployed: deploy/nginx-ssr.conf (TLS) in front of the
Nuxt server and Django, with Django in production mode over HTTPS (Secure
__Host- cookies, HTTPS redirect, Origin-checked CSRF). Pages come from Nuxt,
/api/ straight from Django; the Nuxt server believes nginx's X-Forwarded-*
(NUXT_TRUSTED_PROXIES) and a browser's own X-Forwarded-For reaches no one.

On loopback the browser and nginx share 127.0.0.1, so nginx talks to the
Nuxt server from 127.0.0.2 (proxy_bind), the one address Nuxt trusts."""

from __future__ import annotations

import http.client
import json
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from deploy.tests.test_deploy_files import _self_signed
from harness.servers import (
    ARTIFACTS,
    NUXT_ENTRY,
    REPO,
    Server,
    artifact,
    backend,
    free_port,
    manage,
    nuxt_server,
)

from .conftest import _CREATE_USERS, PASSWORD

pytestmark = pytest.mark.core

HOST = "tandem.test"
USER = "hana-ssr@example.com"


@dataclass
class Edge:
    https_port: int
    http_port: int

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: str | None = None,
        tls: bool = True,
    ) -> tuple[int, http.client.HTTPMessage, str]:
        if tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, timeout=30, context=context
            )
            host = f"{HOST}:{self.https_port}"
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
            host = f"{HOST}:{self.http_port}"
        try:
            connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()


def _nginx_conf(tmp: Path, edge: Edge, django_port: int, nuxt_port: int) -> Path:
    site = (
        (REPO / "deploy" / "nginx-ssr.conf")
        .read_text()
        .replace("server app:8000", f"server 127.0.0.1:{django_port}")
        .replace("server nuxt-edge:3000", f"server 127.0.0.1:{nuxt_port}")
        .replace("proxy_pass http://tandem_nuxt;", "proxy_pass http://tandem_nuxt; proxy_bind 127.0.0.2;")
        .replace("/etc/nginx/certs", str(tmp))
        .replace("listen 80;", f"listen 127.0.0.1:{edge.http_port};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{edge.https_port} ssl;")
    )
    assert "proxy_bind 127.0.0.2" in site
    (tmp / "site.conf").write_text(site)
    temp_paths = "".join(
        f"  {kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"worker_processes 1;\ndaemon off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log warn;\n"
        f"events {{ worker_connections 256; }}\nhttp {{\n  access_log off;\n{temp_paths}  include {tmp}/site.conf;\n}}\n"
    )
    return conf


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Edge]:
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    if not NUXT_ENTRY.exists():
        pytest.fail(f"The Nuxt app is not built ({NUXT_ENTRY}): run `make build CLIENT=nuxt`.")
    edge = Edge(https_port=free_port(), http_port=free_port())
    with backend(
        "api-nuxt-edge", tmp_path_factory.mktemp("api-nuxt-edge"),
        DJANGO_HTTPS="true", DJANGO_ALLOWED_HOSTS=f"127.0.0.1,{HOST}", DJANGO_CSRF_TRUSTED_ORIGINS=edge.origin,
        TANDEM_FRONTEND_URL=edge.origin, TANDEM_TRUSTED_PROXY_COUNT="1",
    ) as api:  # fmt: skip
        spec = {USER: ["Hana's first todo"]}
        manage(api.env, "shell", "-c", _CREATE_USERS.format(spec=json.dumps(spec), password=PASSWORD))
        nuxt = nuxt_server("nuxt-edge", api.url, NUXT_TRUSTED_PROXIES="127.0.0.2").start()
        tmp = tmp_path_factory.mktemp("nginx-ssr")
        tmp.chmod(0o777)
        _self_signed(tmp)
        conf = _nginx_conf(tmp, edge, api.port, nuxt.port)
        ARTIFACTS.mkdir(exist_ok=True)
        with artifact("nginx-ssr").open("w") as log:
            process = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp)], stdout=log, stderr=log)
        proxy = Server("nginx-ssr", [], {}, port=edge.http_port, process=process)
        try:
            proxy._wait_until_up(20)
            yield edge
        finally:
            process.terminate()
            process.wait(timeout=10)
            nuxt.stop()


def log_in(edge: Edge, headers: dict[str, str] | None = None) -> str:
    """The JavaScript-free login form over HTTPS; returns the browser's Cookie header."""
    status, answer, body = edge.request(
        "POST", "/forms/login", body=urlencode({"email": USER, "password": PASSWORD, "next": "/todos"}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": edge.origin, **(headers or {})},
    )  # fmt: skip
    assert status == 303, body
    assert answer["Location"] == "/todos"
    cookies = answer.get_all("Set-Cookie") or []
    session = [line for line in cookies if line.startswith("__Host-sessionid=")]
    assert session, cookies
    assert "Secure" in session[0]
    return "; ".join(line.split(";", 1)[0] for line in cookies if "=;" not in line.split(";", 1)[0] + ";")


def test_pages_come_from_nuxt_and_the_api_from_django(edge: Edge) -> None:
    status, headers, body = edge.request("GET", "/login")
    assert status == 200
    assert headers["X-Powered-By"] == "Nuxt"
    assert "'nonce-" in headers["Content-Security-Policy"]
    assert "Log in" in body

    status, headers, body = edge.request("GET", "/api/health/")
    assert status == 200
    assert headers["X-Powered-By"] is None  # straight from Django, not through the Nuxt server
    assert json.loads(body)["status"] == "ok"


def test_plain_http_redirects_except_the_health_checks(edge: Edge) -> None:
    status, headers, _ = edge.request("GET", "/todos", tls=False)
    assert status == 301
    assert headers["Location"].startswith("https://")
    assert edge.request("GET", "/healthz", tls=False)[0] == 200
    assert edge.request("GET", "/api/health/", tls=False)[0] == 200


def test_the_server_side_login_and_page_work_over_https(edge: Edge) -> None:
    # Django sees HTTPS (nginx's X-Forwarded-Proto, relayed by Nuxt) and the browser's origin (CSRF).
    cookie = log_in(edge)

    status, _, body = edge.request("GET", "/todos", headers={"Cookie": cookie})
    assert status == 200
    assert "Hana&#39;s first todo" in body or "Hana's first todo" in body


def test_a_spoofed_x_forwarded_for_reaches_neither_nuxt_nor_django_as_the_client(edge: Edge) -> None:
    cookie = log_in(edge, headers={"X-Forwarded-For": "203.0.113.7"})

    status, _, body = edge.request(
        "GET",
        "/api/auth/browser/v1/auth/sessions",
        headers={"Cookie": cookie, "X-Forwarded-For": "203.0.113.8"},
    )
    assert status == 200, body
    [current] = [session for session in json.loads(body)["data"] if session["is_current"]]
    assert current["ip"] == "127.0.0.1"
