"""Refresh-token reuse (RFC 9700 §4.14.2): a rotated-out refresh token presented
again ends the session it belongs to; the legitimate two-tab race never does."""

from __future__ import annotations

import logging
import time

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client

from tandem.accounts.models import User

from .test_auth_app_jwt import AUTH, bearer, refresh


def can_read(access_token: str) -> bool:
    status = Client().get("/api/todos/", headers=bearer(access_token)).status_code
    assert status in (200, 401), status
    return status == 200


def test_a_refresh_with_the_current_token_after_rotation_works(user: User, app_login):
    tokens = app_login()
    current = tokens["refresh_token"]

    for _ in range(3):
        response = refresh(current)
        assert response.status_code == 200, response.content
        current = response.json()["data"]["refresh_token"]
        assert can_read(response.json()["data"]["access_token"])

    assert UserSession.objects.filter(user=user).count() == 1


@pytest.fixture
def no_grace(settings):
    """Reuse counts at once (the grace period for lagging tabs is its own test)."""
    settings.TANDEM_REFRESH_REUSE_GRACE_SECONDS = 0


def test_reusing_a_rotated_out_refresh_token_ends_the_session(user: User, app_login, caplog, no_grace):
    tokens = app_login()
    rotated = refresh(tokens["refresh_token"]).json()["data"]
    assert can_read(rotated["access_token"])

    with caplog.at_level(logging.WARNING, logger="tandem.security"):
        replay = refresh(tokens["refresh_token"])

    assert replay.status_code == 400
    assert replay.json()["status"] == 400
    assert replay.json()["errors"]
    # Every token of the session is refused at once: the thief's and the owner's.
    assert not can_read(rotated["access_token"])
    assert not can_read(tokens["access_token"])
    assert refresh(rotated["refresh_token"]).status_code == 400
    assert not UserSession.objects.filter(user=user).exists()
    events = [r for r in caplog.records if r.name == "tandem.security"]
    assert [getattr(r, "event", None) for r in events] == ["refresh_token_reuse"]
    assert events[0].user_id == str(user.pk)


def test_reuse_ends_only_that_session(user: User, app_login, no_grace):
    phone, laptop = app_login(), app_login()
    refresh(phone["refresh_token"])

    refresh(phone["refresh_token"])

    assert not can_read(phone["access_token"])
    assert can_read(laptop["access_token"])
    assert refresh(laptop["refresh_token"]).status_code == 200


def test_two_tabs_racing_to_refresh_under_the_lock_never_trip_reuse(user: User, app_login, caplog):
    """What @tandem/client does: both tabs see their access token expire; each
    refreshes in turn under the Web Lock, reading the refresh token stored at
    that moment (the one the other tab just rotated in), never its own copy."""
    storage = {"refresh": app_login()["refresh_token"]}
    tabs = ["tab-1", "tab-2", "tab-1", "tab-2", "tab-2", "tab-1"]

    with caplog.at_level(logging.WARNING, logger="tandem.security"):
        for _tab in tabs:
            response = refresh(storage["refresh"])  # inside the lock: the stored token
            assert response.status_code == 200, response.content
            storage["refresh"] = response.json()["data"]["refresh_token"]
            assert can_read(response.json()["data"]["access_token"])

    assert not [r for r in caplog.records if r.name == "tandem.security"]
    assert UserSession.objects.filter(user=user).count() == 1


def test_a_refused_refresh_that_is_not_reuse_ends_nothing(user: User, app_login, caplog):
    tokens = app_login()
    signed_elsewhere = tokens["refresh_token"][:-4] + "AAAA"

    with caplog.at_level(logging.WARNING, logger="tandem.security"):
        assert refresh(signed_elsewhere).status_code == 400
        assert refresh("garbage").status_code == 400

    assert can_read(tokens["access_token"])
    assert not [r for r in caplog.records if r.name == "tandem.security"]


def test_after_logout_an_old_refresh_token_is_refused_quietly(user: User, app_login, caplog):
    tokens = app_login()
    Client().delete(f"{AUTH}/auth/session", headers=bearer(tokens["access_token"]))

    with caplog.at_level(logging.WARNING, logger="tandem.security"):
        assert refresh(tokens["refresh_token"]).status_code == 400

    assert not [r for r in caplog.records if r.name == "tandem.security"]


def test_a_tab_that_saw_the_rotation_late_is_refused_but_ends_nothing(user: User, app_login, caplog):
    """Another tab's view of localStorage lags: under the lock it presents the
    token the first tab rotated out a moment ago. Refused, nothing ended; the
    stored successor still works once the tab sees it."""
    tokens = app_login()
    rotated = refresh(tokens["refresh_token"]).json()["data"]

    with caplog.at_level(logging.WARNING, logger="tandem.security"):
        assert refresh(tokens["refresh_token"]).status_code == 400

    assert can_read(rotated["access_token"])
    assert refresh(rotated["refresh_token"]).status_code == 200
    assert not [r for r in caplog.records if r.name == "tandem.security"]


def test_reuse_after_the_grace_period_ends_the_session(user: User, app_login, monkeypatch):
    tokens = app_login()
    rotated = refresh(tokens["refresh_token"]).json()["data"]
    later = time.time() + 11  # the default grace is 10 s
    monkeypatch.setattr(time, "time", lambda: later)

    assert refresh(tokens["refresh_token"]).status_code == 400

    assert refresh(rotated["refresh_token"]).status_code == 400
    assert not UserSession.objects.filter(user=user).exists()
