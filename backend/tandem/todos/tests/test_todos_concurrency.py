"""Optimistic concurrency: a stale write is refused with the current data, never lost."""

from __future__ import annotations

import threading

import pytest
from conftest import PASSWORD, ApiClient
from django.db import connection

from tandem.todos.models import Todo

URL = "/api/todos/"


def errors(response) -> list[tuple[str, str | None]]:
    return [(item["code"], item.get("param")) for item in response.json()["errors"]]


@pytest.fixture
def todo(user, make_todo) -> Todo:
    return make_todo(user, "Original", notes="first notes")


@pytest.fixture
def other_tab(user) -> ApiClient:
    """The same user in a second browser tab (its own session)."""
    client = ApiClient()
    assert (
        client.send(
            "POST", "/api/auth/browser/v1/auth/login", {"email": user.email, "password": PASSWORD}
        ).status_code
        == 200
    )
    return client


def test_a_stale_body_version_is_a_409_with_the_current_todo(signed_in, other_tab, todo):
    url = f"{URL}{todo.pk}/"
    assert other_tab.send("PATCH", url, {"title": "Other tab wins", "version": 1}).status_code == 200

    response = signed_in.send("PATCH", url, {"title": "Lost update?", "done": True, "version": 1})

    assert response.status_code == 409
    assert errors(response) == [("version_conflict", "version")]
    current = response.json()["current"]
    assert (current["id"], current["title"], current["version"], current["done"]) == (
        todo.pk,
        "Other tab wins",
        2,
        False,
    )
    stored = Todo.objects.get(pk=todo.pk)
    assert (stored.title, stored.done, stored.version) == ("Other tab wins", False, 2)


def test_retrying_with_the_version_from_current_succeeds(signed_in, other_tab, todo):
    url = f"{URL}{todo.pk}/"
    other_tab.send("PATCH", url, {"notes": "other notes", "version": 1})
    conflict = signed_in.send("PATCH", url, {"title": "Mine", "version": 1})

    response = signed_in.send(
        "PATCH", url, {"title": "Mine", "version": conflict.json()["current"]["version"]}
    )

    assert response.status_code == 200
    stored = Todo.objects.get(pk=todo.pk)
    assert (stored.title, stored.notes, stored.version) == ("Mine", "other notes", 3)


def test_if_match_with_the_current_etag_updates(signed_in, todo):
    url = f"{URL}{todo.pk}/"
    etag = signed_in.get(url)["ETag"]

    response = signed_in.send("PATCH", url, {"title": "Via If-Match"}, headers={"If-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert Todo.objects.get(pk=todo.pk).title == "Via If-Match"


@pytest.mark.parametrize("if_match", ['W/"1"', '"1", W/"1"', ' W/"1" '])
def test_a_weak_etag_is_refused_in_if_match(signed_in, todo, if_match: str):
    """If-Match compares strongly (RFC 9110 §13.1.1): a weak tag can never match."""
    response = signed_in.send("PATCH", f"{URL}{todo.pk}/", {"title": "Weak"}, headers={"If-Match": if_match})

    assert response.status_code == 400
    assert errors(response) == [("invalid_if_match", None)]
    assert "weak" in response.json()["errors"][0]["message"]
    assert Todo.objects.get(pk=todo.pk).title == "Original"


@pytest.mark.parametrize("if_match", ["*", '"1", "2"', '"7","1"', '"1" , "9"', ', "1"'])
def test_if_match_star_or_a_list_holding_the_current_etag_updates(signed_in, todo, if_match: str):
    response = signed_in.send(
        "PATCH", f"{URL}{todo.pk}/", {"title": "Listed"}, headers={"If-Match": if_match}
    )

    assert response.status_code == 200, response.content
    assert Todo.objects.get(pk=todo.pk).title == "Listed"


def test_if_match_star_wins_over_a_stale_body_version(signed_in, todo):
    response = signed_in.send(
        "PATCH", f"{URL}{todo.pk}/", {"title": "Any", "version": 9}, headers={"If-Match": "*"}
    )

    assert response.status_code == 200
    assert response["ETag"] == '"2"'


@pytest.mark.parametrize(
    "if_match",
    ['"abc"', '"-1"', '"01"', '"2", "3"', '"\u00b9"', '"' + "9" * 5000 + '"', '"' + "1" * 19 + '"'],
    ids=["text", "negative", "leading-zero", "list", "superscript", "5000-digits", "past-bigint"],
)
def test_an_if_match_naming_no_version_of_ours_is_a_412(signed_in, todo, if_match: str):
    """Well-formed tags that match nothing (even digits int() cannot read, or
    numbers past the database's integer) fail the precondition, never a 500."""
    response = signed_in.send("PATCH", f"{URL}{todo.pk}/", {"title": "x"}, headers={"If-Match": if_match})

    assert response.status_code == 412, response.content
    assert errors(response) == [("precondition_failed", None)]
    assert response.json()["current"]["version"] == 1
    assert Todo.objects.get(pk=todo.pk).title == "Original"


@pytest.mark.parametrize("if_match", ['"' + "9" * 5000 + '"', '"\u00b2"', '"1", "3"'])
def test_delete_with_if_match_naming_no_version_of_ours_is_a_412(signed_in, other_tab, todo, if_match: str):
    other_tab.send("PATCH", f"{URL}{todo.pk}/", {"title": "Edited meanwhile", "version": 1})

    response = signed_in.send("DELETE", f"{URL}{todo.pk}/", headers={"If-Match": if_match})

    assert response.status_code == 412
    assert Todo.objects.filter(pk=todo.pk).exists()


def test_a_stale_if_match_is_a_412_with_the_current_todo(signed_in, other_tab, todo):
    url = f"{URL}{todo.pk}/"
    stale_etag = signed_in.get(url)["ETag"]
    other_tab.send("PATCH", url, {"title": "Other tab wins", "version": 1})

    response = signed_in.send("PATCH", url, {"title": "Lost update?"}, headers={"If-Match": stale_etag})

    assert response.status_code == 412
    assert errors(response) == [("precondition_failed", None)]
    assert response.json()["current"]["title"] == "Other tab wins"
    assert response.json()["current"]["version"] == 2
    assert Todo.objects.get(pk=todo.pk).title == "Other tab wins"


def test_if_match_takes_precedence_over_the_body_version(signed_in, todo):
    response = signed_in.send(
        "PATCH", f"{URL}{todo.pk}/", {"title": "x", "version": 1}, headers={"If-Match": '"5"'}
    )

    assert response.status_code == 412
    assert Todo.objects.get(pk=todo.pk).title == "Original"


def test_patch_without_any_version_is_a_428(signed_in, todo):
    response = signed_in.send("PATCH", f"{URL}{todo.pk}/", {"title": "Blind write"})

    assert response.status_code == 428
    assert errors(response) == [("version_required", "version")]
    assert Todo.objects.get(pk=todo.pk).title == "Original"


@pytest.mark.parametrize(
    "if_match", ["abc", "1", "\u00b9", "9" * 5000, '"1', '1"', '"1" "2"', '"1", x', "**", '"a"b"', "", " "]
)
def test_a_malformed_if_match_is_a_400(signed_in, todo, if_match: str):
    response = signed_in.send(
        "PATCH", f"{URL}{todo.pk}/", {"title": "x", "version": 1}, headers={"If-Match": if_match}
    )

    assert response.status_code == 400
    assert errors(response) == [("invalid_if_match", None)]
    assert Todo.objects.get(pk=todo.pk).title == "Original"


def test_delete_with_a_stale_if_match_is_a_412_and_deletes_nothing(signed_in, other_tab, todo):
    url = f"{URL}{todo.pk}/"
    other_tab.send("PATCH", url, {"title": "Edited meanwhile", "version": 1})

    response = signed_in.send("DELETE", url, headers={"If-Match": '"1"'})

    assert response.status_code == 412
    assert errors(response) == [("precondition_failed", None)]
    assert response.json()["current"]["title"] == "Edited meanwhile"
    assert Todo.objects.filter(pk=todo.pk).exists()


def test_delete_with_the_current_if_match_deletes(signed_in, todo):
    response = signed_in.send("DELETE", f"{URL}{todo.pk}/", headers={"If-Match": '"1"'})

    assert response.status_code == 204
    assert not Todo.objects.filter(pk=todo.pk).exists()


def test_delete_with_a_malformed_if_match_is_a_400_and_deletes_nothing(signed_in, todo):
    response = signed_in.send("DELETE", f"{URL}{todo.pk}/", headers={"If-Match": "nope"})

    assert response.status_code == 400
    assert Todo.objects.filter(pk=todo.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_writers_with_the_same_version_exactly_one_wins(make_user, make_todo):
    owner = make_user()
    todo = make_todo(owner, "Original")
    writers = 6
    clients = []
    for _ in range(writers):
        client = ApiClient()
        client.send("POST", "/api/auth/browser/v1/auth/login", {"email": owner.email, "password": PASSWORD})
        clients.append((client, client.csrf()))
    barrier = threading.Barrier(writers)
    results: list[tuple[int, str]] = []

    def write(index: int) -> None:
        client, token = clients[index]
        barrier.wait()
        try:
            response = client.patch(
                f"{URL}{todo.pk}/",
                {"title": f"writer {index}", "version": 1},
                content_type="application/json",
                headers={"X-CSRFToken": token},
            )
            results.append((response.status_code, f"writer {index}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [409] * (writers - 1)
    winner = next(title for status, title in results if status == 200)
    stored = Todo.objects.get(pk=todo.pk)
    assert (stored.title, stored.version) == (winner, 2)
