"""Who may do what: anonymous (401 everywhere), the author (everything), anyone else (read only, 403 on write)."""

from __future__ import annotations

import pytest
from conftest import ApiClient

from tandem.posts.models import Post

URL = "/api/posts/"


def detail(post_id: int) -> str:
    return f"{URL}{post_id}/"


def codes(response) -> list[str]:
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == response.status_code
    return [item["code"] for item in response.json()["errors"]]


@pytest.fixture
def anns_post(user, make_post) -> Post:
    return make_post(user, "Ann's post", "Written by Ann.")


@pytest.fixture
def bob(make_signed_in) -> ApiClient:
    client, _ = make_signed_in("bob@example.com")
    return client


def assert_untouched(post: Post) -> None:
    stored = Post.objects.get(pk=post.pk)
    assert (stored.author_id, stored.title, stored.body, stored.version) == (
        post.author_id,
        post.title,
        post.body,
        post.version,
    )


# --- anonymous -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "target", "payload"),
    [
        ("GET", "list", None),
        ("POST", "list", {"title": "Anonymous"}),
        ("GET", "detail", None),
        ("PATCH", "detail", {"title": "Defaced", "version": 1}),
        ("DELETE", "detail", None),
    ],
    ids=["list", "create", "read", "update", "delete"],
)
def test_anonymous_gets_401_on_everything_and_nothing_changes(
    api: ApiClient, anns_post, method, target, payload
):
    path = URL if target == "list" else detail(anns_post.pk)

    response = api.send(method, path, payload)

    assert response.status_code == 401
    assert codes(response) == ["not_authenticated"]
    assert b"Ann" not in response.content
    assert Post.objects.count() == 1
    assert_untouched(anns_post)


def test_anonymous_gets_401_not_404_for_a_post_that_does_not_exist(api: ApiClient, db):
    assert api.send("GET", detail(424242)).status_code == 401


# --- the author ---------------------------------------------------------------------------------


def test_author_lists_reads_creates_updates_and_deletes(signed_in: ApiClient, user, anns_post):
    assert [p["id"] for p in signed_in.get(URL).json()["results"]] == [anns_post.pk]
    assert signed_in.get(detail(anns_post.pk)).json()["body"] == "Written by Ann."

    created = signed_in.send("POST", URL, {"title": "Another", "body": "More."})
    assert created.status_code == 201
    assert Post.objects.get(pk=created.json()["id"]).author == user

    updated = signed_in.send("PATCH", detail(anns_post.pk), {"title": "Ann's edited post", "version": 1})
    assert updated.status_code == 200
    assert Post.objects.get(pk=anns_post.pk).title == "Ann's edited post"

    deleted = signed_in.send("DELETE", detail(anns_post.pk))
    assert deleted.status_code == 204
    assert not Post.objects.filter(pk=anns_post.pk).exists()


# --- another signed-in user ---------------------------------------------------------------------


def test_another_user_lists_and_reads_the_post(bob: ApiClient, anns_post):
    listed = bob.get(URL)
    read = bob.get(detail(anns_post.pk))

    assert listed.status_code == 200
    assert [p["title"] for p in listed.json()["results"]] == ["Ann's post"]
    assert read.status_code == 200
    assert read.json()["body"] == "Written by Ann."
    assert read.json()["author"]["id"] == anns_post.author_id


def test_another_user_can_create_a_post_of_their_own(bob: ApiClient, anns_post):
    response = bob.send("POST", URL, {"title": "Bob's post"})

    assert response.status_code == 201
    assert Post.objects.get(pk=response.json()["id"]).author.email == "bob@example.com"


@pytest.mark.parametrize(
    ("method", "payload", "headers"),
    [
        ("PATCH", {"title": "Pwned", "version": 1}, {}),
        ("PATCH", {"title": "Pwned"}, {"If-Match": '"1"'}),
        ("PATCH", {"title": "Pwned", "version": 7}, {}),
        ("PATCH", {"title": "Pwned"}, {}),  # no version: still 403, not 428
        ("PATCH", {"title": ""}, {}),  # invalid: still 403, not 400
        ("DELETE", None, {}),
        ("DELETE", None, {"If-Match": '"1"'}),
        ("DELETE", None, {"If-Match": '"7"'}),
    ],
    ids=[
        "patch",
        "patch-if-match",
        "patch-stale",
        "patch-no-version",
        "patch-invalid",
        "delete",
        "delete-if-match",
        "delete-stale",
    ],
)
def test_another_user_gets_403_on_write_and_nothing_changes(
    bob: ApiClient, anns_post, method, payload, headers
):
    response = bob.send(method, detail(anns_post.pk), payload, headers=dict(headers))

    assert response.status_code == 403
    assert codes(response) == ["permission_denied"]
    assert "current" not in response.json()
    assert_untouched(anns_post)


def test_a_bearer_token_user_gets_the_same_rules(anns_post, make_user, app_login):
    from django.test import Client

    make_user("bob@example.com")
    client = Client(headers={"Authorization": f"Bearer {app_login('bob@example.com')['access_token']}"})

    assert client.get(detail(anns_post.pk)).status_code == 200
    patch = client.patch(
        detail(anns_post.pk), {"title": "Pwned", "version": 1}, content_type="application/json"
    )
    assert patch.status_code == 403
    assert client.delete(detail(anns_post.pk)).status_code == 403
    assert_untouched(anns_post)


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_a_missing_post_is_a_404(bob: ApiClient, db, method: str):
    response = bob.send(method, detail(424242), {"title": "x", "version": 1} if method == "PATCH" else None)

    assert response.status_code == 404
    assert codes(response) == ["not_found"]
