"""allauth's rate limits, answered as JSON 429 with a Retry-After."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient
from django.core.cache import cache

from tandem.accounts.models import User
from tandem.api.ratelimits import rate_period, retry_after_seconds

from .helpers import AUTH


def assert_429(response, code: str) -> None:
    assert response.status_code == 429, response.content
    body = response.json()
    assert body["status"] == 429
    assert body["errors"][0]["code"] == code
    assert body["errors"][0]["message"]
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize(
    ("rate", "seconds"),
    [("20/m/ip", 60), ("5/5m/key", 300), ("1/3m/key", 180), ("3/10s/key", 10), ("1/h/user", 3600)],
)
def test_rate_periods(rate: str, seconds: int):
    assert rate_period(rate) == seconds


def test_retry_after_is_the_longest_period_of_the_endpoints_limits():
    assert retry_after_seconds("/api/auth/browser/v1/auth/login") == 300
    assert retry_after_seconds("/api/auth/app/v1/auth/signup") == 60
    assert retry_after_seconds("/api/auth/browser/v1/auth/password/request") == 60


def test_failed_logins_lock_the_address_with_a_429(user: User):
    client = ApiClient()
    for _ in range(5):
        client.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": "wrong-password-1"})

    response = client.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})

    assert_429(response, "too_many_login_attempts")
    assert response["Retry-After"] == "300"
    assert client.get(f"{AUTH}/auth/session").status_code == 401


def test_signups_are_limited_per_ip(db, settings):
    statuses = [
        ApiClient()
        .send("POST", f"{AUTH}/auth/signup", {"email": f"n{i}@example.com", "password": PASSWORD})
        .status_code
        for i in range(20)
    ]

    response = ApiClient().send(
        "POST", f"{AUTH}/auth/signup", {"email": "late@example.com", "password": PASSWORD}
    )

    assert set(statuses) == {401}  # each one a pending verification
    assert_429(response, "throttled")
    assert response["Retry-After"] == "60"
    assert not User.objects.filter(email="late@example.com").exists()


def test_password_reset_requests_are_limited_per_address(user: User):
    client = ApiClient()
    statuses = [
        client.send("POST", f"{AUTH}/auth/password/request", {"email": user.email}).status_code
        for _ in range(5)
    ]

    response = client.send("POST", f"{AUTH}/auth/password/request", {"email": user.email})

    assert statuses == [200] * 5
    assert_429(response, "throttled")


def test_the_limits_live_in_the_shared_cache(user: User):
    client = ApiClient()
    for _ in range(6):
        client.send("POST", f"{AUTH}/auth/password/request", {"email": user.email})
    assert client.send("POST", f"{AUTH}/auth/password/request", {"email": user.email}).status_code == 429

    # The counters are cache entries (Redis when REDIS_URL is set): every worker sees them.
    cache.clear()
    assert client.send("POST", f"{AUTH}/auth/password/request", {"email": user.email}).status_code == 200


def test_resending_a_verification_email_too_soon_is_a_429_with_retry_after(signed_in: ApiClient, user: User):
    from allauth.account.models import EmailAddress
    from django.core import mail

    EmailAddress.objects.create(user=user, email="ann.work@example.com", primary=False, verified=False)
    first = signed_in.send("PUT", f"{AUTH}/account/email", {"email": "ann.work@example.com"})
    assert first.status_code == 200, first.content
    sent = len(mail.outbox)

    response = signed_in.send("PUT", f"{AUTH}/account/email", {"email": "ann.work@example.com"})

    assert_429(response, "throttled")
    assert response["Retry-After"] == "180"  # "confirm_email": "1/3m/key"
    assert "verification email" in response.json()["errors"][0]["message"]
    assert len(mail.outbox) == sent
