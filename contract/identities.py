"""Who the generated requests are sent as: a signed-in user with a bearer token
(allauth's app client), a signed-in browser session with its CSRF token, or nobody.

A generated request may end the session it is sent with (logout, "end my other
sessions", a garbage token that gets the session revoked): when an answer says
the caller is no longer signed in, the identity checks its session and signs in
again, so the following requests are still authenticated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import requests

AUTH = "/api/auth/{client}/v1"


@dataclass
class Totals:
    operations: set[str] = field(default_factory=set)
    requests: int = 0
    failures: int = 0
    excluded: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    survey: list = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "operations": len(self.operations),
            "requests": self.requests,
            "failures": self.failures,
            "excluded": sum(self.excluded.values()),
            "by_exclusion": dict(self.excluded),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


class Identity:
    name = ""
    client: str | None = None  # allauth's client these credentials belong to

    def __init__(self, base_url: str, email: str, password: str, totals: Totals) -> None:
        self.base_url = base_url
        self.email = email
        self.password = password
        self.totals = totals
        self.session = requests.Session()
        self.logins = 0

    def prepare(self, case) -> dict[str, str]:
        """Adjusts the case for these credentials; returns extra headers to send."""
        return {}

    def after(self, response) -> None:
        pass

    def _url(self, path: str, client: str) -> str:
        return self.base_url + path.replace("{client}", client)


class Anonymous(Identity):
    name = "anonymous"

    def prepare(self, case) -> dict[str, str]:
        self.session.cookies.clear()
        return {}


def _signed_out(response) -> bool:
    if response.status_code not in (401, 410):
        return False
    try:
        body = response.json()
    except ValueError:
        return True
    meta = body.get("meta") if isinstance(body, dict) else None
    return not (isinstance(meta, dict) and meta.get("is_authenticated") is True)


class AppBearer(Identity):
    """allauth's app client: `Authorization: Bearer <access token>`."""

    name = "app-bearer"
    client = "app"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.access_token: str | None = None

    def login(self) -> None:
        response = requests.post(
            self._url(f"{AUTH}/auth/login", "app"),
            json={"email": self.email, "password": self.password},
            timeout=30,
        )
        response.raise_for_status()
        self.access_token = response.json()["meta"]["access_token"]
        self.logins += 1

    def alive(self) -> bool:
        response = requests.get(
            self._url(f"{AUTH}/auth/session", "app"),
            headers={"Authorization": f"Bearer {self.access_token}"},
            timeout=30,
        )
        return response.status_code == 200

    def prepare(self, case) -> dict[str, str]:
        if self.access_token is None:
            self.login()
        self.session.cookies.clear()
        if case.cookies:
            case.cookies.pop("sessionid", None)
        if case.headers:
            # A generated X-Session-Token would stand in for the bearer token (anonymous covers it).
            case.headers.pop("X-Session-Token", None)
        return {"Authorization": f"Bearer {self.access_token}"}

    def after(self, response) -> None:
        if _signed_out(response) and not self.alive():
            self.access_token = None


class BrowserSession(Identity):
    """allauth's browser client: the session cookie, and the CSRF token in X-CSRFToken."""

    name = "browser-session"
    client = "browser"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.signed_in = False

    def login(self) -> None:
        self.session.cookies.clear()
        self.session.get(self.base_url + "/api/csrf/", timeout=30).raise_for_status()
        response = self.session.post(
            self._url(f"{AUTH}/auth/login", "browser"),
            json={"email": self.email, "password": self.password},
            headers={"X-CSRFToken": self.session.cookies["csrftoken"]},
            timeout=30,
        )
        response.raise_for_status()
        self.signed_in = True
        self.logins += 1

    def alive(self) -> bool:
        response = self.session.get(self._url(f"{AUTH}/auth/session", "browser"), timeout=30)
        return response.status_code == 200

    def prepare(self, case) -> dict[str, str]:
        if not self.signed_in or "sessionid" not in self.session.cookies:
            self.login()
        if case.cookies:
            case.cookies.pop("sessionid", None)
        if case.headers:
            case.headers.pop("Authorization", None)
        return {"X-CSRFToken": self.session.cookies.get("csrftoken", "")}

    def after(self, response) -> None:
        if _signed_out(response) and not self.alive():
            self.signed_in = False
