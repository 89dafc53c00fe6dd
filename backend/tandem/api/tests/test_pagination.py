"""Keyset pagination: signed cursors that cannot be forged or edited, and
list rows built without serializers that match the serializers exactly."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ApiClient

from tandem.api.pagination import encode_cursor
from tandem.api.tests.test_errors import assert_error_shape
from tandem.posts.models import Post
from tandem.posts.selectors import post_list
from tandem.posts.serializers import PostSummaryOutputSerializer
from tandem.todos.models import Todo
from tandem.todos.serializers import TodoOutputSerializer

TODOS = "/api/todos/"
POSTS = "/api/posts/"


def cursor_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["cursor"][0]


@pytest.mark.parametrize(
    "moment",
    ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"],
    ids=["past-the-last-day", "before-the-first-day"],
)
@pytest.mark.parametrize("url", [TODOS, POSTS])
def test_a_cursor_holding_a_datetime_outside_the_calendar_is_a_400_not_a_500(
    signed_in: ApiClient, user, make_todo, url: str, moment: str
):
    # Signed with the server's own key: even a cursor that passed the signature
    # check cannot turn an unrepresentable instant into a server error.
    make_todo(user)
    cursor = encode_cursor("-created", "n", moment, 1)

    response = signed_in.get(url, {"cursor": cursor})

    assert_error_shape(response, 400, "invalid_cursor", param="cursor")


@pytest.mark.parametrize("url", [TODOS, POSTS])
def test_a_forged_drf_style_cursor_with_an_out_of_range_datetime_is_a_400(signed_in: ApiClient, url: str):
    forged = base64.b64encode(b"p=9999-12-31 23:59:59-05:00").decode()

    response = signed_in.get(url, {"cursor": forged})

    assert_error_shape(response, 400, "invalid_cursor", param="cursor")


def test_an_edited_cursor_is_refused(signed_in: ApiClient, user):
    Todo.objects.bulk_create([Todo(owner=user, title=f"t{i}") for i in range(5)])
    cursor = cursor_of(signed_in.get(TODOS, {"page_size": 2}).json()["next"])
    payload, signature = cursor.rsplit(":", 1)
    # Point the cursor somewhere else, keep the signature.
    edited = base64.urlsafe_b64encode(b'{"o":"-created","d":"n","v":"2000-01-01T00:00:00+00:00","i":1}')

    for bad in (f"{edited.decode().rstrip('=')}:{signature}", f"{payload}:{signature[::-1]}", payload):
        assert_error_shape(signed_in.get(TODOS, {"page_size": 2, "cursor": bad}), 400, "invalid_cursor")


def test_a_cursor_is_bound_to_its_ordering(signed_in: ApiClient, user):
    Todo.objects.bulk_create([Todo(owner=user, title=f"t{i}") for i in range(5)])
    cursor = cursor_of(signed_in.get(TODOS, {"page_size": 2, "ordering": "title"}).json()["next"])

    response = signed_in.get(TODOS, {"page_size": 2, "ordering": "-created", "cursor": cursor})

    assert_error_shape(response, 400, "invalid_cursor", param="cursor")


def test_the_list_rows_are_what_the_todo_serializer_writes(signed_in: ApiClient, user, make_todo):
    import datetime

    make_todo(user, title="Plain")
    make_todo(user, title="Full", notes="  spaced\nnotes ", done=True, due_date=datetime.date(2027, 2, 28))

    listed = signed_in.get(TODOS).json()["results"]

    expected = [TodoOutputSerializer(todo).data for todo in Todo.objects.order_by("-created", "-id")]
    assert listed == expected
    assert listed[0]["created"].endswith("Z")


def test_the_list_rows_are_what_the_post_serializer_writes(signed_in: ApiClient, user, make_user):
    other = make_user("bob@example.com")
    other.name = ""
    other.save()
    user.name = "Ann"
    user.save()
    Post.objects.create(author=user, title="Long", body="x" * 400)
    Post.objects.create(author=other, title="Short", body="short body")

    listed = signed_in.get(POSTS).json()["results"]

    expected = [PostSummaryOutputSerializer(post).data for post in post_list(user=user)]
    assert listed == expected
    assert {row["author"]["display_name"] for row in listed} == {"Ann", f"Member #{other.pk}"}
    assert [row["truncated"] for row in listed] == [False, True]


def test_links_keep_the_other_parameters_and_replace_only_the_cursor(signed_in: ApiClient, user):
    Todo.objects.bulk_create([Todo(owner=user, title=f"milk {i}") for i in range(5)])
    query = {"status": "active", "search": "milk & eggs?", "page_size": 2, "ordering": "title"}
    Todo.objects.bulk_create([Todo(owner=user, title=f"milk & eggs? {i}") for i in range(5)])

    first = signed_in.get(TODOS, query).json()
    second = signed_in.get(first["next"]).json()
    back_to_first = signed_in.get(second["previous"]).json()

    for link in (first["next"], second["next"], second["previous"]):
        parts = urlsplit(link)
        assert (parts.scheme, parts.netloc, parts.path) == ("http", "testserver", TODOS)
        params = parse_qs(parts.query)
        assert {name: values for name, values in params.items() if name != "cursor"} == {
            name: [str(value)] for name, value in query.items()
        }
        assert len(params["cursor"]) == 1
        # Sorted by name, as DRF's own link helpers write them.
        assert [pair.split("=")[0] for pair in parts.query.split("&")] == sorted([*query, "cursor"])
    assert [t["title"] for t in back_to_first["results"]] == [t["title"] for t in first["results"]]
    assert back_to_first["previous"] is None
