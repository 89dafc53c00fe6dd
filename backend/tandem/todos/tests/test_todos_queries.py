"""The list costs the same number of queries whatever the page size, and never COUNTs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tandem.todos.models import Todo

URL = "/api/todos/"


@pytest.fixture
def fifty_todos(user, make_user):
    Todo.objects.bulk_create([Todo(owner=user, title=f"todo {i}", done=i % 2 == 0) for i in range(50)])
    # Someone else's todos make the table bigger, not the answer.
    bob = make_user("bob@example.com")
    Todo.objects.bulk_create([Todo(owner=bob, title=f"bob {i}") for i in range(10)])


@pytest.fixture(params=["session", "jwt"])
def list_client(request, user, fifty_todos) -> Client:
    if request.param == "session":
        return request.getfixturevalue("signed_in")
    token = request.getfixturevalue("app_login")()["access_token"]
    return Client(headers={"Authorization": f"Bearer {token}"})


def measure(client: Client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(response.json()["results"]), [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("query", ["", "&status=done&search=todo&ordering=title"])
def test_list_query_count_does_not_grow_with_page_size(list_client: Client, query: str):
    list_client.get(URL)  # warm caches (e.g. the cached_db session) so both runs start equal

    small, small_queries = measure(list_client, f"{URL}?page_size=5{query}")
    large, large_queries = measure(list_client, f"{URL}?page_size=50{query}")

    assert small == 5
    assert large == (25 if query else 50)
    assert len(small_queries) == len(large_queries), "\n".join(large_queries)
    assert len(large_queries) <= 4, "\n".join(large_queries)


def test_following_a_cursor_costs_the_same_as_the_first_page(list_client: Client):
    list_client.get(URL)
    _, first_queries = measure(list_client, f"{URL}?page_size=10")
    next_url = list_client.get(f"{URL}?page_size=10").json()["next"]

    _, next_queries = measure(list_client, next_url)

    assert len(next_queries) == len(first_queries)


def test_list_never_counts_rows(list_client: Client):
    list_client.get(URL)

    _, queries = measure(list_client, f"{URL}?page_size=50&status=active")

    assert not [sql for sql in queries if "COUNT(" in sql.upper()]
