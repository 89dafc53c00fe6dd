"""A user's todos do not exist for anyone else: 404, never 403, nothing changed."""

from __future__ import annotations

import pytest
from conftest import ApiClient
from django.test import Client

from tandem.todos.models import Todo

URL = "/api/todos/"


@pytest.fixture
def anns_todo(user, make_todo) -> Todo:
    return make_todo(user, "Ann's secret", notes="private notes")


@pytest.fixture
def bob(make_signed_in) -> ApiClient:
    client, _ = make_signed_in("bob@example.com")
    return client


def assert_untouched(todo: Todo) -> None:
    stored = Todo.objects.get(pk=todo.pk)
    assert (stored.owner_id, stored.title, stored.notes, stored.done, stored.version) == (
        todo.owner_id,
        todo.title,
        todo.notes,
        todo.done,
        todo.version,
    )


@pytest.mark.parametrize(
    ("method", "payload", "headers"),
    [
        ("GET", None, {}),
        ("PATCH", {"title": "Pwned", "version": 1}, {}),
        ("PATCH", {"title": "Pwned"}, {"If-Match": '"1"'}),
        ("PATCH", {"title": "Pwned", "version": 2}, {}),
        ("DELETE", None, {}),
        ("DELETE", None, {"If-Match": '"1"'}),
        ("DELETE", None, {"If-Match": '"7"'}),
    ],
    ids=["get", "patch", "patch-if-match", "patch-stale", "delete", "delete-if-match", "delete-stale"],
)
def test_another_user_cannot_touch_a_todo_and_gets_a_plain_404(bob, anns_todo, method, payload, headers):
    response = bob.send(method, f"{URL}{anns_todo.pk}/", payload, headers=dict(headers))

    assert response.status_code == 404
    assert response.json() == bob.send(method, f"{URL}999999/", payload, headers=dict(headers)).json()
    assert response.json()["errors"][0]["code"] == "not_found"
    assert b"Ann" not in response.content
    assert b"current" not in response.content
    assert_untouched(anns_todo)


def test_lists_show_only_the_users_own_todos(signed_in: ApiClient, bob, anns_todo, make_user):
    carols = Todo.objects.create(owner=make_user("carol@example.com"), title="Carol's")  # a third user's
    bob.send("POST", URL, {"title": "Bob's"})

    ann_titles = [t["title"] for t in signed_in.get(URL).json()["results"]]
    bob_titles = [t["title"] for t in bob.get(URL).json()["results"]]

    assert ann_titles == ["Ann's secret"]
    assert bob_titles == ["Bob's"]
    assert carols.title not in ann_titles + bob_titles


def test_filters_and_search_stay_within_the_users_todos(bob, anns_todo):
    response = bob.get(f"{URL}?search=secret&status=all")

    assert response.json()["results"] == []


def test_a_cursor_from_another_users_list_shows_only_your_own(signed_in: ApiClient, bob, user, make_todo):
    for i in range(5):
        make_todo(user, f"ann {i}")
    anns_next = signed_in.get(f"{URL}?page_size=2").json()["next"]

    response = bob.get(anns_next)

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_created_todo_belongs_to_the_caller(bob):
    response = bob.send("POST", URL, {"title": "Mine"})

    assert Todo.objects.get(pk=response.json()["id"]).owner.email == "bob@example.com"


def test_bearer_tokens_are_scoped_to_their_user(anns_todo, make_user, app_login):
    make_user("bob@example.com")
    token = app_login("bob@example.com")["access_token"]
    client = Client(headers={"Authorization": f"Bearer {token}"})

    assert client.get(f"{URL}{anns_todo.pk}/").status_code == 404
    assert (
        client.patch(
            f"{URL}{anns_todo.pk}/", {"title": "Pwned", "version": 1}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.delete(f"{URL}{anns_todo.pk}/").status_code == 404
    assert client.get(URL).json()["results"] == []
    assert_untouched(anns_todo)
