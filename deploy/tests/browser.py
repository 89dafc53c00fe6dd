"""A minimal browser-like HTTP client: one cookie jar, JSON bodies, the CSRF header.

The deployment tests talk to real servers on loopback ports, so Django's test
client cannot be used. Like a browser, the jar ignores ports: a cookie set by
127.0.0.1:8001 is sent to 127.0.0.1:8002 too.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import Any


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


class Browser:
    def __init__(self, host: str | None = None) -> None:
        # `host` pins the Host header, as a proxy in front of several servers does.
        self.host = host
        self.jar = CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(
        self, method: str, url: str, data: Any = None, headers: dict[str, str] | None = None
    ) -> Reply:
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, method=method)  # noqa: S310
        request.add_header("Accept", "application/json")
        if self.host:
            request.add_header("Host", self.host)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with self._opener.open(request, timeout=30) as response:
                return self._reply(response.status, response.read(), response.headers)
        except urllib.error.HTTPError as error:
            return self._reply(error.code, error.read(), error.headers)

    def write(self, method: str, url: str, data: Any = None) -> Reply:
        """An unsafe request with a fresh CSRF token from the same server, as the SPA does."""
        origin = url.split("/api/")[0]
        token = self.request("GET", f"{origin}/api/csrf/").body["csrf_token"]
        return self.request(method, url, data, headers={"X-CSRFToken": token, "Referer": f"{origin}/"})

    def login(self, base: str, email: str, password: str) -> Reply:
        return self.write(
            "POST", f"{base}/api/auth/browser/v1/auth/login", {"email": email, "password": password}
        )

    @staticmethod
    def _reply(status: int, raw: bytes, headers) -> Reply:
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        return Reply(status, body, dict(headers.items()))
