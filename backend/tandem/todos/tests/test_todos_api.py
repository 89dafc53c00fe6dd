"""Todos: CRUD, validation, filters, ordering and cursor pagination."""

from __future__ import annotations

import datetime

import pytest
from conftest import ApiClient
from django.utils import timezone

from tandem.todos.models import Todo

URL = "/api/todos/"


def detail(todo_id: int) -> str:
    return f"{URL}{todo_id}/"


def errors(response) -> list[tuple[str, str | None]]:
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == response.status_code
    return [(item["code"], item.get("param")) for item in response.json()["errors"]]


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [todo["title"] for todo in response.json()["results"]]


# --- CRUD -------------------------------------------------------------------------


def test_create_returns_201_with_the_trimmed_title_and_an_etag(signed_in: ApiClient, user):
    response = signed_in.send(
        "POST", URL, {"title": "  Buy milk  ", "notes": "  two litres  ", "due_date": "2030-01-31"}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Buy milk"
    assert body["notes"] == "  two litres  "  # notes are kept as typed
    assert body["done"] is False
    assert body["due_date"] == "2030-01-31"
    assert body["version"] == 1
    assert response["ETag"] == '"1"'
    todo = Todo.objects.get(pk=body["id"])
    assert todo.owner == user
    assert todo.title == "Buy milk"
    assert todo.due_date == datetime.date(2030, 1, 31)


def test_create_with_only_a_title_uses_the_defaults(signed_in: ApiClient):
    response = signed_in.send("POST", URL, {"title": "Minimal"})

    assert response.status_code == 201
    body = response.json()
    assert (body["notes"], body["done"], body["due_date"]) == ("", False, None)


def test_retrieve_returns_the_todo_with_its_etag(signed_in: ApiClient, user, make_todo):
    todo = make_todo(user, "Read me", notes="n")

    response = signed_in.get(detail(todo.pk))

    assert response.status_code == 200
    assert response.json()["title"] == "Read me"
    assert response.json()["notes"] == "n"
    assert response["ETag"] == '"1"'


def test_patch_with_the_current_version_updates_and_bumps_the_version(signed_in: ApiClient, user, make_todo):
    todo = make_todo(user, "Old")
    before = todo.updated

    response = signed_in.send("PATCH", detail(todo.pk), {"title": " New ", "done": True, "version": 1})

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["done"], body["version"]) == ("New", True, 2)
    assert response["ETag"] == '"2"'
    todo.refresh_from_db()
    assert (todo.title, todo.done, todo.version) == ("New", True, 2)
    assert todo.updated > before
    assert todo.notes == ""  # untouched fields stay as they were


def test_patch_can_clear_the_due_date(signed_in: ApiClient, user, make_todo):
    todo = make_todo(user, due_date=datetime.date(2030, 1, 1))

    response = signed_in.send("PATCH", detail(todo.pk), {"due_date": None, "version": 1})

    assert response.status_code == 200
    todo.refresh_from_db()
    assert todo.due_date is None


def test_delete_returns_204_then_the_todo_is_gone(signed_in: ApiClient, user, make_todo):
    todo = make_todo(user)

    response = signed_in.send("DELETE", detail(todo.pk))

    assert response.status_code == 204
    assert response.content == b""
    assert not Todo.objects.filter(pk=todo.pk).exists()
    assert signed_in.get(detail(todo.pk)).status_code == 404
    assert signed_in.send("DELETE", detail(todo.pk)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", URL), ("POST", URL), ("GET", detail(1)), ("PATCH", detail(1)), ("DELETE", detail(1))],
)
def test_anonymous_requests_are_401(api: ApiClient, user, make_todo, method: str, path: str):
    make_todo(user)  # id 1 may or may not exist: the answer must not depend on it

    response = api.send(method, path, {"title": "x", "version": 1})

    assert response.status_code == 401
    assert errors(response) == [("not_authenticated", None)]
    assert Todo.objects.count() == 1


# --- validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "code", "param"),
    [
        ({}, "required", "title"),
        ({"title": ""}, "blank", "title"),
        ({"title": "   \t\n "}, "blank", "title"),
        ({"title": None}, "null", "title"),
        ({"title": "x" * 201}, "max_length", "title"),
        ({"title": "ok", "notes": "x" * 10_001}, "max_length", "notes"),
        ({"title": "ok", "due_date": "2024-02-30"}, "invalid", "due_date"),
        ({"title": "ok", "due_date": "tomorrow"}, "invalid", "due_date"),
        ({"title": "ok", "due_date": 20240101}, "invalid", "due_date"),
        ({"title": ["a", "list"]}, "invalid", "title"),
        ({"title": {"an": "object"}}, "invalid", "title"),
        ({"title": True}, "invalid", "title"),
        ({"title": "ok", "done": "maybe"}, "invalid", "done"),
        ({"title": "ok", "done": [True]}, "invalid", "done"),
        ({"title": "nul\x00byte"}, "null_characters_not_allowed", "title"),
    ],
    ids=[
        "missing-title",
        "empty-title",
        "blank-title",
        "null-title",
        "long-title",
        "long-notes",
        "impossible-date",
        "word-date",
        "number-date",
        "list-title",
        "object-title",
        "bool-title",
        "word-done",
        "list-done",
        "nul-title",
    ],
)
def test_invalid_create_is_a_400_naming_the_field(signed_in: ApiClient, payload, code, param):
    response = signed_in.send("POST", URL, payload)

    assert response.status_code == 400, response.content
    assert errors(response) == [(code, param)]
    assert not Todo.objects.exists()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_standard_json_numbers_are_a_parse_error(signed_in: ApiClient, constant: str):
    response = signed_in.post(
        URL,
        f'{{"title": "ok", "notes": {constant}}}',
        content_type="application/json",
        headers={"X-CSRFToken": signed_in.csrf()},
    )

    assert response.status_code == 400
    assert errors(response) == [("parse_error", None)]
    assert not Todo.objects.exists()


def test_limits_are_inclusive(signed_in: ApiClient):
    response = signed_in.send("POST", URL, {"title": "x" * 200, "notes": "n" * 10_000})

    assert response.status_code == 201
    assert len(Todo.objects.get().notes) == 10_000


@pytest.mark.parametrize("body", ['[{"title": "x"}]', '"just a string"', "42", "null", "true"])
def test_a_body_that_is_not_an_object_is_a_400(signed_in: ApiClient, body: str):
    response = signed_in.post(
        URL, body, content_type="application/json", headers={"X-CSRFToken": signed_in.csrf()}
    )

    assert response.status_code == 400
    assert errors(response)
    assert not Todo.objects.exists()


def test_every_invalid_field_is_reported_at_once(signed_in: ApiClient):
    response = signed_in.send("POST", URL, {"title": "", "due_date": "nope", "done": "maybe"})

    assert response.status_code == 400
    assert sorted(errors(response)) == [("blank", "title"), ("invalid", "done"), ("invalid", "due_date")]


@pytest.mark.parametrize("field", ["titel", "colour", "priority"])
def test_unknown_fields_are_refused(signed_in: ApiClient, field: str):
    response = signed_in.send("POST", URL, {"title": "ok", field: "x"})

    assert response.status_code == 400
    assert errors(response) == [("unknown_field", field)]
    assert not Todo.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("owner", 2),
        ("owner_id", 2),
        ("id", 999),
        ("created", "2000-01-01T00:00:00Z"),
        ("updated", "2000-01-01T00:00:00Z"),
        ("version", 99),
    ],
)
def test_mass_assignment_on_create_is_refused_and_nothing_is_written(signed_in, make_user, field, value):
    make_user("bob@example.com")

    response = signed_in.send("POST", URL, {"title": "ok", field: value})

    assert response.status_code == 400
    assert errors(response) == [("unknown_field", field)]
    assert not Todo.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("owner", 2), ("id", 999), ("created", "2000-01-01T00:00:00Z"), ("updated", "2000-01-01T00:00:00Z")],
)
def test_mass_assignment_on_update_is_refused_and_nothing_changes(
    signed_in, user, make_user, make_todo, field, value
):
    make_user("bob@example.com")
    todo = make_todo(user, "Mine")

    response = signed_in.send("PATCH", detail(todo.pk), {"title": "Changed", "version": 1, field: value})

    assert response.status_code == 400
    assert errors(response) == [("unknown_field", field)]
    stored = Todo.objects.get()
    assert (stored.pk, stored.owner_id, stored.title, stored.version) == (todo.pk, user.pk, "Mine", 1)
    assert stored.created == todo.created


@pytest.mark.parametrize(
    ("payload", "code", "param"),
    [
        ({"title": "", "version": 1}, "blank", "title"),
        ({"title": None, "version": 1}, "null", "title"),
        ({"title": "x" * 201, "version": 1}, "max_length", "title"),
        ({"version": 0}, "min_value", "version"),
        ({"version": "one"}, "invalid", "version"),
    ],
)
def test_invalid_update_is_a_400_and_changes_nothing(signed_in, user, make_todo, payload, code, param):
    todo = make_todo(user, "Keep")

    response = signed_in.send("PATCH", detail(todo.pk), payload)

    assert response.status_code == 400
    assert errors(response) == [(code, param)]
    todo.refresh_from_db()
    assert (todo.title, todo.version) == ("Keep", 1)


# --- filters ----------------------------------------------------------------------------


@pytest.fixture
def three_todos(user, make_todo):
    make_todo(user, "Walk the dog")
    make_todo(user, "Buy MILK", done=True)
    make_todo(user, "Call mum")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Call mum", "Buy MILK", "Walk the dog"]),
        ("?status=all", ["Call mum", "Buy MILK", "Walk the dog"]),
        ("?status=active", ["Call mum", "Walk the dog"]),
        ("?status=done", ["Buy MILK"]),
        ("?search=milk", ["Buy MILK"]),
        ("?search=ALL", ["Call mum"]),
        ("?search=the%20DOG&status=active", ["Walk the dog"]),
        ("?search=dog&status=done", []),
        ("?search=nothing-like-it", []),
        ("?search=%25", []),  # a literal %, not a wildcard
        ("?search=_", []),
    ],
)
def test_status_and_search_filters(signed_in: ApiClient, three_todos, query: str, expected: list[str]):
    assert titles(signed_in.get(URL + query)) == expected


@pytest.mark.parametrize("status", ["finished", "ACTIVE", "1"])
def test_an_unknown_status_is_a_400(signed_in: ApiClient, status: str):
    response = signed_in.get(f"{URL}?status={status}")

    assert response.status_code == 400
    assert errors(response) == [("invalid_choice", "status")]


def test_an_overlong_search_is_a_400(signed_in: ApiClient):
    response = signed_in.get(f"{URL}?search={'x' * 201}")

    assert response.status_code == 400
    assert errors(response) == [("max_length", "search")]


# --- ordering ---------------------------------------------------------------------------


@pytest.fixture
def dated_todos(user, make_todo):
    now = timezone.now()
    for offset, title in enumerate(["banana", "Cherry", "apple"]):
        todo = make_todo(user, title)
        Todo.objects.filter(pk=todo.pk).update(
            created=now + datetime.timedelta(minutes=offset),
            updated=now - datetime.timedelta(minutes=offset),
        )


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("", ["apple", "Cherry", "banana"]),
        ("-created", ["apple", "Cherry", "banana"]),
        ("created", ["banana", "Cherry", "apple"]),
        ("updated", ["apple", "Cherry", "banana"]),
        ("-updated", ["banana", "Cherry", "apple"]),
    ],
)
def test_ordering_by_date(signed_in: ApiClient, dated_todos, ordering: str, expected: list[str]):
    assert titles(signed_in.get(f"{URL}?ordering={ordering}")) == expected


@pytest.mark.parametrize("ordering", ["title", "-title"])
def test_ordering_by_title(signed_in: ApiClient, dated_todos, ordering: str):
    got = titles(signed_in.get(f"{URL}?ordering={ordering}"))

    # Collation differs between databases (case); the order must match the database's.
    expected = list(Todo.objects.order_by(ordering).values_list("title", flat=True))
    assert got == expected
    assert sorted(got) == sorted(["apple", "banana", "Cherry"])


@pytest.mark.parametrize(
    "ordering", ["owner", "-owner__password", "id", "notes", "title,-created", "?", "created;"]
)
def test_an_unknown_ordering_is_a_400(signed_in: ApiClient, ordering: str):
    response = signed_in.get(URL, {"ordering": ordering})

    assert response.status_code == 400
    assert errors(response) == [("invalid_ordering", "ordering")]


# --- pagination ---------------------------------------------------------------------------


def follow_pages(client: ApiClient, url: str) -> tuple[list[dict], int]:
    items: list[dict] = []
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        items.extend(body["results"])
        url = body["next"]
        pages += 1
        assert pages < 100, "pagination does not terminate"
    return items, pages


def test_default_page_holds_20_and_links_the_next(signed_in: ApiClient, user):
    Todo.objects.bulk_create([Todo(owner=user, title=f"t{i}") for i in range(25)])

    body = signed_in.get(URL).json()

    assert len(body["results"]) == 20
    assert "cursor=" in body["next"]
    assert body["previous"] is None
    assert "count" not in body


@pytest.mark.parametrize("ordering", ["-created", "created", "title", "-title", "-updated"])
def test_following_next_returns_every_todo_exactly_once(signed_in: ApiClient, user, ordering: str):
    # Only three distinct titles and one shared timestamp: ties must not repeat or skip items.
    Todo.objects.bulk_create([Todo(owner=user, title=f"title {i % 3}") for i in range(23)])
    same_moment = timezone.now()
    Todo.objects.update(created=same_moment, updated=same_moment)

    items, pages = follow_pages(signed_in, f"{URL}?page_size=4&ordering={ordering}")

    ids = [item["id"] for item in items]
    assert sorted(ids) == sorted(Todo.objects.values_list("id", flat=True))
    assert len(ids) == len(set(ids)) == 23
    assert pages == 6


def test_previous_link_walks_back_over_the_same_items(signed_in: ApiClient, user):
    Todo.objects.bulk_create([Todo(owner=user, title=f"t{i:02}") for i in range(9)])
    first = signed_in.get(f"{URL}?page_size=4&ordering=title").json()
    second = signed_in.get(first["next"]).json()

    back = signed_in.get(second["previous"]).json()

    assert [t["title"] for t in first["results"]] == ["t00", "t01", "t02", "t03"]
    assert [t["title"] for t in second["results"]] == ["t04", "t05", "t06", "t07"]
    assert back["results"] == first["results"]


def test_a_todo_created_while_paging_does_not_shift_the_pages(signed_in: ApiClient, user):
    Todo.objects.bulk_create([Todo(owner=user, title=f"t{i}") for i in range(6)])
    first = signed_in.get(f"{URL}?page_size=3").json()

    signed_in.send("POST", URL, {"title": "newest"})
    second = signed_in.get(first["next"]).json()

    seen = [t["id"] for t in first["results"] + second["results"]]
    assert len(seen) == len(set(seen)) == 6
    assert "newest" not in [t["title"] for t in second["results"]]


@pytest.mark.parametrize("page_size", ["1", "100"])
def test_page_size_within_bounds_is_honoured(signed_in: ApiClient, user, page_size: str):
    Todo.objects.bulk_create([Todo(owner=user, title=f"t{i}") for i in range(101)])

    body = signed_in.get(f"{URL}?page_size={page_size}").json()

    assert len(body["results"]) == int(page_size)
    assert body["next"]


@pytest.mark.parametrize("page_size", ["101", "0", "-1", "abc", str(10**20), "1.5", "1e2"])
def test_page_size_out_of_bounds_is_a_400(signed_in: ApiClient, page_size: str):
    response = signed_in.get(URL, {"page_size": page_size})

    assert response.status_code == 400
    assert errors(response) == [("invalid_page_size", "page_size")]


def test_retrieve_is_what_the_documented_serializer_makes_of_the_todo(signed_in: ApiClient, user, make_todo):
    from tandem.todos.serializers import TodoOutputSerializer

    todo = make_todo(user, "Read me", notes="n", done=True, due_date=datetime.date(2030, 5, 6))

    response = signed_in.get(detail(todo.pk))

    assert response.json() == TodoOutputSerializer(Todo.objects.get(pk=todo.pk)).data


@pytest.mark.parametrize("todo_id", ["9223372036854775808", "99999999999999999999999999"])
def test_an_id_no_column_can_hold_is_a_plain_404(signed_in: ApiClient, todo_id: str):
    response = signed_in.get(f"/api/todos/{todo_id}/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize("time_zone", ["UTC", "Europe/Paris"])
def test_write_answers_are_what_the_todo_serializer_writes(signed_in: ApiClient, settings, time_zone):
    """Create and update answer without the ModelSerializer; the schema
    documents TodoOutputSerializer, so both must write the same JSON."""
    from tandem.todos.serializers import TodoOutputSerializer

    settings.TIME_ZONE = time_zone
    created = signed_in.send(
        "POST", URL, {"title": "Full", "notes": " n\n", "done": True, "due_date": "2027-02-28"}
    )
    assert created.status_code == 201
    todo = Todo.objects.get(pk=created.json()["id"])
    assert created.json() == TodoOutputSerializer(todo).data

    updated = signed_in.send("PATCH", f"{URL}{todo.pk}/", {"title": "Renamed", "version": todo.version})
    assert updated.status_code == 200
    todo.refresh_from_db()
    assert updated.json() == TodoOutputSerializer(todo).data
    assert updated.json()["title"] == "Renamed"
