"""Password reset by emailed link, through allauth headless."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient
from django.conf import settings

from tandem.accounts.models import User

from .helpers import AUTH, last_email_to, reset_key

NEW_PASSWORD = "a-brand-new-password-42"


def request_reset(email: str):
    return ApiClient().send("POST", f"{AUTH}/auth/password/request", {"email": email})


def test_the_answer_is_the_same_whether_or_not_the_account_exists(user: User):
    known = request_reset(user.email)
    unknown = request_reset("nobody@example.com")

    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()


def test_the_email_carries_a_link_to_the_spa_reset_route(user: User):
    request_reset("ANN@example.com")

    message = last_email_to(user.email)
    assert message.subject == "[Tandem] Password Reset Email"
    # allauth's conventional frontend route, so any client built on allauth's docs opens it.
    assert f"{settings.FRONTEND_URL}/account/password/reset/key/" in message.body
    assert reset_key(user.email)


def test_the_key_can_be_checked_before_the_form_is_shown(user: User):
    request_reset(user.email)
    api = ApiClient()

    good = api.get(f"{AUTH}/auth/password/reset", headers={"X-Password-Reset-Key": reset_key(user.email)})
    bad = api.get(f"{AUTH}/auth/password/reset", headers={"X-Password-Reset-Key": "1-not-a-key"})

    assert good.status_code == 200
    assert good.json()["data"]["user"]["email"] == user.email
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["code"] == "invalid_password_reset"


def test_the_new_password_must_pass_the_validators(user: User):
    request_reset(user.email)

    response = ApiClient().send(
        "POST", f"{AUTH}/auth/password/reset", {"key": reset_key(user.email), "password": "password123"}
    )

    assert response.status_code == 400
    assert {item["param"] for item in response.json()["errors"]} == {"password"}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_reset_sets_the_password_and_ends_every_session(user: User, make_signed_in):
    laptop = ApiClient()
    assert (
        laptop.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD}).status_code
        == 200
    )
    assert laptop.get("/api/todos/").status_code == 200
    request_reset(user.email)

    response = ApiClient().send(
        "POST", f"{AUTH}/auth/password/reset", {"key": reset_key(user.email), "password": NEW_PASSWORD}
    )

    assert response.status_code == 401  # done; the resetting browser is not signed in
    # The session that was open before is over on its very next request.
    assert laptop.get(f"{AUTH}/auth/session").status_code == 401
    assert laptop.get("/api/todos/").status_code in (401, 403)
    from allauth.usersessions.models import UserSession

    assert not UserSession.objects.filter(user=user).exists()
    old = ApiClient().send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})
    assert old.status_code == 400
    new = ApiClient().send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": NEW_PASSWORD})
    assert new.status_code == 200


def test_a_used_reset_link_is_refused(user: User):
    request_reset(user.email)
    key = reset_key(user.email)
    first = ApiClient().send("POST", f"{AUTH}/auth/password/reset", {"key": key, "password": NEW_PASSWORD})
    assert first.status_code == 401

    again = ApiClient().send(
        "POST", f"{AUTH}/auth/password/reset", {"key": key, "password": "yet-another-pass-77"}
    )

    assert again.status_code == 400
    assert again.json()["errors"][0]["code"] == "invalid_password_reset"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_resetting_an_unknown_address_sends_no_reset_link():
    from django.core import mail

    request_reset("nobody@example.com")

    assert all("/account/password/reset/" not in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_an_unknown_address_is_pointed_at_the_conventional_signup_route(settings):
    from django.core import mail

    request_reset("nobody@example.com")

    [message] = [m for m in mail.outbox if "nobody@example.com" in m.to]
    assert f"{settings.FRONTEND_URL}/account/signup" in message.body
