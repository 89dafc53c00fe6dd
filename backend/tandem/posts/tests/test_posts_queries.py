"""The list (author included) costs a constant number of queries: no N+1, no COUNT."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import User
from tandem.posts.models import Post
from tandem.posts.selectors import EXCERPT_LENGTH, post_list

URL = "/api/posts/"


def authors() -> list[User]:
    # Several authors, so a per-row author fetch would show as extra queries.
    return [User.objects.get_or_create(email=f"author{i}@example.com")[0] for i in range(5)]


def seed(count: int) -> None:
    writers = authors()
    Post.objects.bulk_create(
        [Post(author=writers[i % 5], title=f"post {i}", body="b" * 1000) for i in range(count)]
    )


@pytest.fixture(params=["session", "jwt"])
def reader(request, user) -> Client:
    if request.param == "session":
        return request.getfixturevalue("signed_in")
    token = request.getfixturevalue("app_login")()["access_token"]
    return Client(headers={"Authorization": f"Bearer {token}"})


def measure(client: Client, url: str) -> tuple[list[dict], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"], [query["sql"] for query in queries.captured_queries]


def test_list_query_count_is_the_same_for_5_and_50_posts_from_several_authors(reader: Client):
    seed(5)
    reader.get(URL)  # warm caches (e.g. the cached_db session) so both runs start equal
    few, few_queries = measure(reader, f"{URL}?page_size=100")

    seed(45)
    many, many_queries = measure(reader, f"{URL}?page_size=100")

    assert (len(few), len(many)) == (5, 50)
    assert len({post["author"]["id"] for post in many}) == 5
    assert len(few_queries) == len(many_queries), "\n".join(many_queries)
    assert len(many_queries) <= 4, "\n".join(many_queries)
    assert not [sql for sql in many_queries if "COUNT(" in sql.upper()]


def test_the_list_never_loads_password_hashes(reader: Client):
    seed(3)
    reader.get(URL)

    _, queries = measure(reader, URL)

    post_queries = [sql for sql in queries if "posts_post" in sql]
    assert len(post_queries) == 1
    assert "password" not in post_queries[0]


def test_the_list_selector_leaves_the_body_in_the_database(user):
    seed(2)

    posts = list(post_list(user=user))

    # Only the excerpt travels: a page of 100 posts never drags 5 MB of bodies along.
    assert all("body" in post.get_deferred_fields() for post in posts)
    assert all(post.excerpt == "b" * (EXCERPT_LENGTH + 1) for post in posts)


def test_mine_filter_costs_the_same(reader: Client):
    seed(10)
    reader.get(URL)

    _, all_queries = measure(reader, URL)
    _, mine_queries = measure(reader, f"{URL}?author=me")

    assert len(all_queries) == len(mine_queries)
