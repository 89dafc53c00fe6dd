"""Posts: create, read, edit, validation, the stored body, the list and its filter."""

from __future__ import annotations

import base64
import datetime

import pytest
from conftest import ApiClient
from django.utils import timezone

from tandem.posts.models import Post

URL = "/api/posts/"

MALICIOUS_BODY = (
    "<script>alert(1)</script>\n"
    "<img src=x onerror=alert(1)>\n"
    '[click me](javascript:alert(1)) <a href="javascript:alert(1)">link</a>\n'
    "  indented line & an ampersand, \"quotes\" and 'apostrophes'\n\n\n"
    "trailing spaces   "
)


def detail(post_id: int) -> str:
    return f"{URL}{post_id}/"


def errors(response) -> list[tuple[str, str | None]]:
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["status"] == response.status_code
    return [(item["code"], item.get("param")) for item in response.json()["errors"]]


# --- create and read ---------------------------------------------------------------------------


def test_create_returns_201_with_the_author_and_an_etag(signed_in: ApiClient, user):
    response = signed_in.send("POST", URL, {"title": "  Hello world  ", "body": "Line one.\nLine two."})

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "title", "body", "author", "created", "updated", "version"}
    assert body["title"] == "Hello world"
    assert body["body"] == "Line one.\nLine two."
    # No name chosen: a neutral label, never the email address.
    assert body["author"] == {"id": user.pk, "display_name": f"Member #{user.pk}"}
    assert body["version"] == 1
    assert response["ETag"] == '"1"'
    post = Post.objects.get(pk=body["id"])
    assert (post.author, post.title) == (user, "Hello world")


def test_the_author_is_shown_by_name_when_they_have_one(signed_in: ApiClient, user, make_post):
    user.name = "Ann Example"
    user.save()
    post = make_post(user)

    assert signed_in.get(detail(post.pk)).json()["author"] == {"id": user.pk, "display_name": "Ann Example"}
    assert signed_in.get(URL).json()["results"][0]["author"]["display_name"] == "Ann Example"


def test_the_author_carries_no_private_fields(signed_in: ApiClient, user, make_post):
    user.name = "Ann"
    user.save()
    post = make_post(user)

    response = signed_in.get(detail(post.pk))

    assert set(response.json()["author"]) == {"id", "display_name"}
    assert b"ann@example.com" not in response.content
    assert b"password" not in response.content


def test_a_post_without_a_body_is_allowed(signed_in: ApiClient):
    response = signed_in.send("POST", URL, {"title": "Just a title"})

    assert response.status_code == 201
    assert response.json()["body"] == ""


def test_the_body_is_stored_and_returned_verbatim(signed_in: ApiClient):
    created = signed_in.send("POST", URL, {"title": "<b>Not bold</b>", "body": MALICIOUS_BODY})

    assert created.status_code == 201
    post = Post.objects.get(pk=created.json()["id"])
    # Plain text: nothing escaped, stripped or rewritten on the way in or out.
    assert post.body == MALICIOUS_BODY
    assert post.title == "<b>Not bold</b>"
    assert signed_in.get(detail(post.pk)).json()["body"] == MALICIOUS_BODY
    assert signed_in.get(URL).json()["results"][0]["excerpt"] == MALICIOUS_BODY
    # JSON, never HTML: a browser will not render the answer as a page.
    assert signed_in.get(detail(post.pk))["Content-Type"] == "application/json"


def test_retrieve_returns_the_post_with_its_etag(signed_in: ApiClient, user, make_post):
    post = make_post(user, "Read me", "Body text")

    response = signed_in.get(detail(post.pk))

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["body"]) == ("Read me", "Body text")
    assert response["ETag"] == '"1"'


# --- update and delete ---------------------------------------------------------------------------


def test_patch_with_the_current_version_updates_and_bumps_the_version(signed_in: ApiClient, user, make_post):
    post = make_post(user, "Old", "Old body")
    before = post.updated

    response = signed_in.send("PATCH", detail(post.pk), {"title": " New ", "version": 1})

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["body"], response.json()["version"]) == (
        "New",
        "Old body",
        2,
    )
    assert response["ETag"] == '"2"'
    post.refresh_from_db()
    assert (post.title, post.body, post.version) == ("New", "Old body", 2)
    assert post.updated > before


def test_delete_returns_204_then_the_post_is_gone(signed_in: ApiClient, user, make_post):
    post = make_post(user)

    response = signed_in.send("DELETE", detail(post.pk))

    assert response.status_code == 204
    assert signed_in.get(detail(post.pk)).status_code == 404
    assert signed_in.send("DELETE", detail(post.pk)).status_code == 404


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "code", "param"),
    [
        ({}, "required", "title"),
        ({"title": ""}, "blank", "title"),
        ({"title": "  \n\t "}, "blank", "title"),
        ({"title": None}, "null", "title"),
        ({"title": "x" * 201}, "max_length", "title"),
        ({"title": ["a"]}, "invalid", "title"),
        ({"title": "ok", "body": "x" * 50_001}, "max_length", "body"),
        ({"title": "ok", "body": None}, "null", "body"),
        ({"title": "ok", "body": {"html": "<p>"}}, "invalid", "body"),
        ({"title": "ok", "body": "nul\x00"}, "null_characters_not_allowed", "body"),
        ({"title": "ok", "author": 2}, "unknown_field", "author"),
        ({"title": "ok", "version": 5}, "unknown_field", "version"),
        ({"title": "ok", "created": "2000-01-01T00:00:00Z"}, "unknown_field", "created"),
    ],
    ids=[
        "missing-title",
        "empty-title",
        "blank-title",
        "null-title",
        "long-title",
        "list-title",
        "long-body",
        "null-body",
        "object-body",
        "nul-body",
        "author",
        "version",
        "created",
    ],
)
def test_invalid_create_is_a_400_naming_the_field(signed_in: ApiClient, make_user, payload, code, param):
    make_user("bob@example.com")

    response = signed_in.send("POST", URL, payload)

    assert response.status_code == 400, response.content
    assert errors(response) == [(code, param)]
    assert not Post.objects.exists()


def test_limits_are_inclusive(signed_in: ApiClient):
    response = signed_in.send("POST", URL, {"title": "x" * 200, "body": "b" * 50_000})

    assert response.status_code == 201
    assert len(Post.objects.get().body) == 50_000


def test_every_invalid_field_is_reported_at_once(signed_in: ApiClient):
    response = signed_in.send("POST", URL, {"title": "", "body": "x" * 50_001})

    assert sorted(errors(response)) == [("blank", "title"), ("max_length", "body")]


@pytest.mark.parametrize(
    ("payload", "code", "param"),
    [
        ({"title": "", "version": 1}, "blank", "title"),
        ({"body": "x" * 50_001, "version": 1}, "max_length", "body"),
        ({"author": 2, "version": 1}, "unknown_field", "author"),
        ({"version": 0}, "min_value", "version"),
    ],
)
def test_invalid_update_is_a_400_and_changes_nothing(signed_in, user, make_post, payload, code, param):
    post = make_post(user, "Keep", "Keep body")

    response = signed_in.send("PATCH", detail(post.pk), payload)

    assert response.status_code == 400
    assert errors(response) == [(code, param)]
    post.refresh_from_db()
    assert (post.title, post.body, post.version, post.author_id) == ("Keep", "Keep body", 1, user.pk)


# --- list --------------------------------------------------------------------------------------------


@pytest.fixture
def posts_by_two(user, make_user, make_post):
    bob = make_user("bob@example.com")
    now = timezone.now()
    for offset, (author, title) in enumerate(
        [(user, "ann 1"), (bob, "bob 1"), (user, "ann 2"), (bob, "bob 2")]
    ):
        post = make_post(author, title)
        Post.objects.filter(pk=post.pk).update(created=now + datetime.timedelta(minutes=offset))


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [post["title"] for post in response.json()["results"]]


def test_list_shows_everyones_posts_newest_first(signed_in: ApiClient, posts_by_two):
    assert titles(signed_in.get(URL)) == ["bob 2", "ann 2", "bob 1", "ann 1"]


def test_author_me_shows_only_my_posts(signed_in: ApiClient, posts_by_two):
    assert titles(signed_in.get(f"{URL}?author=me")) == ["ann 2", "ann 1"]
    assert titles(signed_in.get(f"{URL}?author=")) == ["bob 2", "ann 2", "bob 1", "ann 1"]


@pytest.mark.parametrize("author", ["you", "1", "ME"])
def test_an_unknown_author_filter_is_a_400(signed_in: ApiClient, author: str):
    response = signed_in.get(URL, {"author": author})

    assert response.status_code == 400
    assert errors(response) == [("invalid_choice", "author")]


def test_list_items_carry_an_excerpt_not_the_whole_body(signed_in: ApiClient, user, make_post):
    make_post(user, "long", "a" * 300 + "b" * 10_000)
    make_post(user, "exact", "c" * 300)

    exact, long = signed_in.get(URL).json()["results"]

    assert set(long) == {"id", "title", "excerpt", "truncated", "author", "created", "updated", "version"}
    assert (long["excerpt"], long["truncated"]) == ("a" * 300, True)
    assert (exact["excerpt"], exact["truncated"]) == ("c" * 300, False)


def test_following_next_returns_every_post_exactly_once(signed_in: ApiClient, user, make_user):
    bob = make_user("bob@example.com")
    Post.objects.bulk_create([Post(author=(user, bob)[i % 2], title=f"post {i}") for i in range(23)])
    # One shared timestamp: the id must break the tie, or pages repeat or skip posts.
    Post.objects.update(created=timezone.now())

    ids: list[int] = []
    url: str | None = f"{URL}?page_size=5"
    pages = 0
    while url:
        body = signed_in.get(url).json()
        ids.extend(post["id"] for post in body["results"])
        url = body["next"]
        pages += 1
        assert pages < 20

    assert pages == 5
    assert len(ids) == len(set(ids)) == 23
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("size", ["0", "101", "-1", "ten"])
def test_page_size_is_bounded(signed_in: ApiClient, size: str):
    response = signed_in.get(URL, {"page_size": size})

    assert response.status_code == 400
    assert errors(response) == [("invalid_page_size", "page_size")]


@pytest.mark.parametrize("raw", ["o=-5", "p=not-a-date", "p=a\x00b"])
def test_a_forged_cursor_is_a_400(signed_in: ApiClient, raw: str):
    response = signed_in.get(URL, {"cursor": base64.b64encode(raw.encode()).decode()})

    assert response.status_code == 400
    assert errors(response) == [("invalid_cursor", "cursor")]


def test_default_page_is_20_without_a_count(signed_in: ApiClient, user):
    Post.objects.bulk_create([Post(author=user, title=f"p{i}") for i in range(25)])

    body = signed_in.get(URL).json()

    assert len(body["results"]) == 20
    assert "count" not in body
    assert "cursor=" in body["next"]


@pytest.mark.parametrize("time_zone", ["UTC", "Europe/Paris"])
@pytest.mark.parametrize("name", ["Ann", ""])
def test_read_and_write_answers_are_what_the_post_serializer_writes(
    signed_in: ApiClient, user, settings, time_zone, name
):
    """A post's answers skip the ModelSerializer; the schema documents
    PostOutputSerializer, so both must write the same JSON."""
    from tandem.posts.serializers import PostOutputSerializer

    settings.TIME_ZONE = time_zone
    user.name = name
    user.save()
    created = signed_in.send("POST", URL, {"title": "Hello", "body": "  two\nlines "})
    assert created.status_code == 201
    post = Post.objects.get(pk=created.json()["id"])
    assert created.json() == PostOutputSerializer(post).data

    assert signed_in.get(detail(post.pk)).json() == PostOutputSerializer(post).data

    updated = signed_in.send("PATCH", detail(post.pk), {"title": "Renamed", "version": post.version})
    post.refresh_from_db()
    assert updated.status_code == 200
    assert updated.json() == PostOutputSerializer(post).data
