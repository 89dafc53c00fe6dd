"""Mandatory email verification through allauth headless, with the real email."""

from __future__ import annotations

import time

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings
from django.core import mail

from tandem.accounts.models import User

from .helpers import AUTH, last_email_to, verification_key


def sign_up(api: ApiClient, email: str = "new@example.com"):
    return api.send("POST", f"{AUTH}/auth/signup", {"email": email, "password": PASSWORD})


def pending_flow(response) -> str | None:
    flows = response.json().get("data", {}).get("flows", [])
    return next((flow["id"] for flow in flows if flow.get("is_pending")), None)


@pytest.mark.django_db
def test_the_email_links_to_the_spa_route_and_names_the_recipient(api: ApiClient):
    sign_up(api)

    message = last_email_to("new@example.com")
    assert message.to == ["new@example.com"]
    assert message.subject == "[Tandem] Please Confirm Your Email Address"
    assert f"{settings.FRONTEND_URL}/account/verify-email/" in message.body
    assert "/api/" not in message.body  # a page of the SPA, never a backend page


@pytest.mark.django_db
def test_until_verified_the_app_is_closed(api: ApiClient):
    sign_up(api)

    session = api.get(f"{AUTH}/auth/session")
    assert session.status_code == 401
    assert pending_flow(session) == "verify_email"
    assert api.get("/api/todos/").status_code in (401, 403)


@pytest.mark.django_db
def test_the_key_can_be_looked_at_before_it_is_used(api: ApiClient):
    sign_up(api)
    key = verification_key("new@example.com")

    response = api.get(f"{AUTH}/auth/email/verify", headers={"X-Email-Verification-Key": key})

    assert response.status_code == 200, response.content
    assert response.json()["data"]["email"] == "new@example.com"
    assert api.get(f"{AUTH}/auth/session").status_code == 401  # looking does not verify


@pytest.mark.django_db
def test_a_wrong_key_is_refused(api: ApiClient):
    sign_up(api)

    response = api.send("POST", f"{AUTH}/auth/email/verify", {"key": "MQ:1xV0XT:not-the-signature"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_or_expired_key"
    assert response.json()["errors"][0]["param"] == "key"


@pytest.mark.django_db
def test_a_used_key_is_refused_the_second_time(api: ApiClient):
    sign_up(api)
    key = verification_key("new@example.com")
    assert api.send("POST", f"{AUTH}/auth/email/verify", {"key": key}).status_code == 200

    again = ApiClient().send("POST", f"{AUTH}/auth/email/verify", {"key": key})

    assert again.status_code == 400
    assert again.json()["errors"][0]["code"] == "invalid_or_expired_key"


@pytest.mark.django_db
def test_an_expired_key_is_refused(api: ApiClient, monkeypatch):
    sign_up(api)
    key = verification_key("new@example.com")
    later = time.time() + settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS * 86400 + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = api.send("POST", f"{AUTH}/auth/email/verify", {"key": key})

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_or_expired_key"
    assert not User.objects.get().emailaddress_set.get().verified


@pytest.mark.django_db
def test_verifying_in_another_browser_verifies_but_does_not_sign_in(api: ApiClient):
    sign_up(api)
    key = verification_key("new@example.com")
    other = ApiClient()

    response = other.send("POST", f"{AUTH}/auth/email/verify", {"key": key})

    assert response.status_code == 401  # verified; this browser never signed up
    assert User.objects.get().emailaddress_set.get().verified
    login = other.send("POST", f"{AUTH}/auth/login", {"email": "new@example.com", "password": PASSWORD})
    assert login.status_code == 200


@pytest.mark.django_db
def test_logging_in_unverified_resends_the_link_at_most_every_three_minutes(api: ApiClient):
    sign_up(api)
    mail.outbox.clear()
    other = ApiClient()

    first = other.send("POST", f"{AUTH}/auth/login", {"email": "new@example.com", "password": PASSWORD})
    assert first.status_code == 401
    assert pending_flow(first) == "verify_email"
    # The signup email was sent moments ago: the cooldown holds the resend back.
    assert mail.outbox == []

    from django.core.cache import cache

    cache.clear()  # three minutes later, as far as the rate limit knows
    second = ApiClient().send(
        "POST", f"{AUTH}/auth/login", {"email": "new@example.com", "password": PASSWORD}
    )
    assert pending_flow(second) == "verify_email"
    assert [message.to for message in mail.outbox] == [["new@example.com"]]
    key = verification_key("new@example.com")
    assert ApiClient().send("POST", f"{AUTH}/auth/email/verify", {"key": key}).status_code == 401


@pytest.mark.django_db
def test_a_wrong_password_never_reveals_that_verification_is_pending(api: ApiClient):
    sign_up(api)

    response = ApiClient().send(
        "POST", f"{AUTH}/auth/login", {"email": "new@example.com", "password": "nope-nope-1"}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "email_password_mismatch"
