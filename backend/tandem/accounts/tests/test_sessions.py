"""Sessions and devices (allauth.usersessions), and password change ending the others."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient

from tandem.accounts.models import User

from .helpers import AUTH

NEW_PASSWORD = "a-brand-new-password-42"


def login(user: User, agent: str = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0") -> ApiClient:
    client = ApiClient(HTTP_USER_AGENT=agent)
    response = client.send("POST", f"{AUTH}/auth/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200, response.content
    return client


def sessions(client: ApiClient) -> list[dict]:
    response = client.get(f"{AUTH}/auth/sessions")
    assert response.status_code == 200, response.content
    return response.json()["data"]


def test_every_session_is_listed_with_its_device_ip_and_last_seen(user: User):
    laptop = login(user, "Mozilla/5.0 (Macintosh) Firefox/140.0")
    phone = login(user, "Mozilla/5.0 (iPhone) Safari/18.0")

    listed = sessions(laptop)

    assert len(listed) == 2
    current = [entry for entry in listed if entry["is_current"]]
    assert [entry["user_agent"] for entry in current] == ["Mozilla/5.0 (Macintosh) Firefox/140.0"]
    assert {entry["user_agent"] for entry in listed} == {
        "Mozilla/5.0 (Macintosh) Firefox/140.0",
        "Mozilla/5.0 (iPhone) Safari/18.0",
    }
    for entry in listed:
        assert entry["ip"] == "127.0.0.1"
        assert entry["last_seen_at"] >= entry["created_at"]
    assert phone.get("/api/todos/").status_code == 200


def test_another_users_sessions_are_not_listed_nor_endable(user: User, make_user):
    mine = login(user)
    other = login(make_user(email="bob@example.com"))
    [theirs] = sessions(other)

    assert len(sessions(mine)) == 1
    response = mine.send("DELETE", f"{AUTH}/auth/sessions", {"sessions": [theirs["id"]]})
    assert response.status_code == 400
    assert other.get("/api/todos/").status_code == 200


def test_ending_a_session_takes_effect_on_its_next_request(user: User):
    laptop = login(user)
    phone = login(user)
    assert phone.get("/api/todos/").status_code == 200
    [phone_session] = [entry for entry in sessions(laptop) if not entry["is_current"]]

    response = laptop.send("DELETE", f"{AUTH}/auth/sessions", {"sessions": [phone_session["id"]]})

    assert response.status_code == 200
    assert [entry["is_current"] for entry in response.json()["data"]] == [True]
    assert phone.get("/api/todos/").status_code in (401, 403)
    assert phone.get(f"{AUTH}/auth/session").status_code == 401
    assert laptop.get("/api/todos/").status_code == 200


def test_ending_the_current_session_logs_out(user: User):
    laptop = login(user)
    [current] = sessions(laptop)

    response = laptop.send("DELETE", f"{AUTH}/auth/sessions", {"sessions": [current["id"]]})

    assert response.status_code == 401
    assert laptop.get(f"{AUTH}/auth/session").status_code == 401


def change_password(client: ApiClient, **extra) -> int:
    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, **extra}
    return client.send("POST", f"{AUTH}/account/password/change", body).status_code


def test_password_change_ends_the_other_sessions_by_default(user: User):
    laptop, phone, tablet = login(user), login(user), login(user)

    assert change_password(laptop) == 200

    assert laptop.get("/api/todos/").status_code == 200
    assert phone.get("/api/todos/").status_code in (401, 403)
    assert tablet.get(f"{AUTH}/auth/session").status_code == 401
    assert [entry["is_current"] for entry in sessions(laptop)] == [True]


def test_password_change_can_keep_the_other_sessions(user: User, make_user):
    laptop, phone = login(user), login(user)
    stranger = login(make_user(email="bob@example.com"))

    assert change_password(laptop, end_other_sessions=False) == 200

    assert laptop.get("/api/todos/").status_code == 200
    assert phone.get("/api/todos/").status_code == 200
    assert len(sessions(laptop)) == 2
    assert stranger.get("/api/todos/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_wrong_current_password_changes_nothing(user: User):
    laptop, phone = login(user), login(user)

    status = laptop.send(
        "POST",
        f"{AUTH}/account/password/change",
        {"current_password": "wrong-one-1", "new_password": NEW_PASSWORD},
    ).status_code

    assert status == 400
    assert phone.get("/api/todos/").status_code == 200


@pytest.mark.django_db
def test_last_seen_is_recorded_at_most_once_a_minute(user: User, django_assert_max_num_queries):
    laptop = login(user)
    laptop.get("/api/todos/")
    # Login already recorded the session: later requests within a minute do not write.
    with django_assert_max_num_queries(4):
        assert laptop.get("/api/todos/").status_code == 200
