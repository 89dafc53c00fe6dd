"""The dashboard: my open todos, my todos due soon, everyone's latest posts, in a fixed few queries."""

from __future__ import annotations

import datetime

import pytest
from conftest import ApiClient
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.posts.models import Post
from tandem.todos.models import Todo

URL = "/api/dashboard/"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_anonymous_gets_401(api: ApiClient, db):
    response = api.get(URL)

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_an_empty_dashboard(signed_in: ApiClient):
    body = signed_in.get(URL).json()

    assert body == {
        "today": timezone.localdate().isoformat(),
        "open_todos_count": 0,
        "due_soon": [],
        "latest_posts": [],
    }


def test_open_todos_count_counts_only_my_unfinished_todos(signed_in: ApiClient, user, make_user, make_todo):
    bob = make_user("bob@example.com")
    for title in ("a", "b", "c"):
        make_todo(user, title)
    make_todo(user, "finished", done=True)
    make_todo(bob, "bob's open todo")

    assert signed_in.get(URL).json()["open_todos_count"] == 3


def test_due_soon_is_my_open_todos_overdue_or_due_within_7_days_soonest_first(
    signed_in: ApiClient, user, make_user, make_todo
):
    bob = make_user("bob@example.com")
    make_todo(user, "in a week", due_date=days(7))
    make_todo(user, "today", due_date=days(0))
    make_todo(user, "overdue", due_date=days(-3))
    make_todo(user, "in 8 days", due_date=days(8))
    make_todo(user, "no date")
    make_todo(user, "done and due", due_date=days(1), done=True)
    make_todo(bob, "bob's, due tomorrow", due_date=days(1))

    due = signed_in.get(URL).json()["due_soon"]

    assert [(todo["title"], todo["due_date"]) for todo in due] == [
        ("overdue", days(-3).isoformat()),
        ("today", days(0).isoformat()),
        ("in a week", days(7).isoformat()),
    ]


def test_due_soon_holds_at_most_5(signed_in: ApiClient, user, make_todo):
    for n in range(8):
        make_todo(user, f"due in {n}", due_date=days(n % 7))

    assert len(signed_in.get(URL).json()["due_soon"]) == 5


def test_latest_posts_are_everyones_newest_5_with_their_author(signed_in: ApiClient, user, make_user):
    bob = make_user("bob@example.com")
    now = timezone.now()
    for n in range(7):
        post = Post.objects.create(author=(user, bob)[n % 2], title=f"post {n}", body="x" * 400)
        Post.objects.filter(pk=post.pk).update(created=now + datetime.timedelta(minutes=n))

    latest = signed_in.get(URL).json()["latest_posts"]

    assert [post["title"] for post in latest] == ["post 6", "post 5", "post 4", "post 3", "post 2"]
    assert latest[1]["author"] == {"id": bob.pk, "display_name": f"Member #{bob.pk}"}
    assert (len(latest[0]["excerpt"]), latest[0]["truncated"]) == (300, True)


def measure(client: ApiClient) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200, response.content
    return [query["sql"] for query in queries.captured_queries]


def seed(user, authors, count: int) -> None:
    Todo.objects.bulk_create([Todo(owner=user, title=f"t{n}", due_date=days(n % 10)) for n in range(count)])
    Post.objects.bulk_create([Post(author=authors[n % len(authors)], title=f"p{n}") for n in range(count)])


@pytest.mark.django_db
def test_the_dashboard_costs_a_fixed_small_number_of_queries(signed_in: ApiClient, user, make_user):
    authors = [user, *(make_user(f"author{n}@example.com") for n in range(4))]
    signed_in.get(URL)  # warm caches (e.g. the cached_db session) so both runs start equal

    empty = measure(signed_in)
    seed(user, authors, 50)
    full = measure(signed_in)

    assert len(empty) == len(full), "\n".join(full)
    # Session + user, then one count and two limited lists.
    assert len(full) <= 5, "\n".join(full)
    body = signed_in.get(URL).json()
    assert (body["open_todos_count"], len(body["due_soon"]), len(body["latest_posts"])) == (50, 5, 5)


def test_the_answer_is_what_the_documented_serializer_makes_of_the_same_rows(
    signed_in: ApiClient, user, make_user
):
    """The view shapes `.values()` rows itself; the schema documents DashboardOutputSerializer."""
    from tandem.dashboard.serializers import DashboardOutputSerializer
    from tandem.posts.selectors import post_list
    from tandem.todos.selectors import todo_due_soon

    other = make_user("bob@example.com")
    user.name = "Ann"
    user.save()
    Todo.objects.create(owner=user, title="soon", notes="n", due_date=days(1))
    Todo.objects.create(owner=user, title="late", due_date=days(-3))
    Todo.objects.create(owner=user, title="done", done=True, due_date=days(1))
    Post.objects.create(author=user, title="Long", body="x" * 400)
    Post.objects.create(author=other, title="Short", body="short body")

    answer = signed_in.get(URL).json()

    expected = DashboardOutputSerializer(
        {
            "today": days(0),
            "open_todos_count": 2,
            "due_soon": list(todo_due_soon(user=user, until=days(7), limit=5)),
            "latest_posts": list(post_list(user=user)[:5]),
        }
    ).data
    assert answer == expected
    assert [t["title"] for t in answer["due_soon"]] == ["late", "soon"]
