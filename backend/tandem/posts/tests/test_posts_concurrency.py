"""Optimistic concurrency on posts: the same contract as todos (409/412 with `current`, 428)."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, ApiClient

from tandem.posts.models import Post

URL = "/api/posts/"


def errors(response) -> list[tuple[str, str | None]]:
    return [(item["code"], item.get("param")) for item in response.json()["errors"]]


@pytest.fixture
def post(user, make_post) -> Post:
    return make_post(user, "Original", "First body")


@pytest.fixture
def other_tab(user) -> ApiClient:
    """The author in a second browser tab (its own session)."""
    client = ApiClient()
    response = client.send(
        "POST", "/api/auth/browser/v1/auth/login", {"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    return client


def test_a_stale_body_version_is_a_409_with_the_current_post(signed_in, other_tab, post):
    url = f"{URL}{post.pk}/"
    assert other_tab.send("PATCH", url, {"body": "Other tab's body", "version": 1}).status_code == 200

    response = signed_in.send("PATCH", url, {"title": "Lost update?", "version": 1})

    assert response.status_code == 409
    assert errors(response) == [("version_conflict", "version")]
    current = response.json()["current"]
    assert (current["id"], current["title"], current["body"], current["version"]) == (
        post.pk,
        "Original",
        "Other tab's body",
        2,
    )
    assert current["author"]["id"] == post.author_id
    stored = Post.objects.get(pk=post.pk)
    assert (stored.title, stored.body, stored.version) == ("Original", "Other tab's body", 2)


def test_retrying_with_the_version_from_current_succeeds(signed_in, other_tab, post):
    url = f"{URL}{post.pk}/"
    other_tab.send("PATCH", url, {"body": "other", "version": 1})
    conflict = signed_in.send("PATCH", url, {"title": "Mine", "version": 1})

    response = signed_in.send(
        "PATCH", url, {"title": "Mine", "version": conflict.json()["current"]["version"]}
    )

    assert response.status_code == 200
    stored = Post.objects.get(pk=post.pk)
    assert (stored.title, stored.body, stored.version) == ("Mine", "other", 3)


def test_a_stale_if_match_is_a_412_with_the_current_post(signed_in, other_tab, post):
    url = f"{URL}{post.pk}/"
    stale = signed_in.get(url)["ETag"]
    other_tab.send("PATCH", url, {"title": "Other tab wins", "version": 1})

    response = signed_in.send("PATCH", url, {"title": "Lost?"}, headers={"If-Match": stale})

    assert response.status_code == 412
    assert errors(response) == [("precondition_failed", None)]
    assert response.json()["current"]["title"] == "Other tab wins"
    assert Post.objects.get(pk=post.pk).title == "Other tab wins"


def test_the_current_if_match_updates(signed_in, post):
    url = f"{URL}{post.pk}/"

    response = signed_in.send("PATCH", url, {"title": "Via If-Match"}, headers={"If-Match": '"1"'})

    assert response.status_code == 200
    assert response["ETag"] == '"2"'


def test_patch_without_any_version_is_a_428(signed_in, post):
    response = signed_in.send("PATCH", f"{URL}{post.pk}/", {"title": "Blind write"})

    assert response.status_code == 428
    assert errors(response) == [("version_required", "version")]
    assert Post.objects.get(pk=post.pk).title == "Original"


@pytest.mark.parametrize("if_match", ["abc", "\u00b9", "9" * 5000, 'W/"1"', '"1', ""])
def test_a_malformed_if_match_is_a_400(signed_in, post, if_match: str):
    response = signed_in.send(
        "PATCH", f"{URL}{post.pk}/", {"title": "x", "version": 1}, headers={"If-Match": if_match}
    )

    assert response.status_code == 400
    assert errors(response) == [("invalid_if_match", None)]
    assert "post" in response.json()["errors"][0]["message"]
    assert Post.objects.get(pk=post.pk).title == "Original"


def test_delete_with_a_stale_if_match_is_a_412_and_deletes_nothing(signed_in, other_tab, post):
    url = f"{URL}{post.pk}/"
    other_tab.send("PATCH", url, {"title": "Edited meanwhile", "version": 1})

    response = signed_in.send("DELETE", url, headers={"If-Match": '"1"'})

    assert response.status_code == 412
    assert response.json()["current"]["title"] == "Edited meanwhile"
    assert Post.objects.filter(pk=post.pk).exists()


def test_delete_with_the_current_if_match_deletes(signed_in, post):
    response = signed_in.send("DELETE", f"{URL}{post.pk}/", headers={"If-Match": '"1"'})

    assert response.status_code == 204
    assert not Post.objects.filter(pk=post.pk).exists()


@pytest.mark.parametrize("if_match", ['"\u00b9"', '"' + "9" * 5000 + '"'], ids=["superscript", "5000-digits"])
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_if_match_naming_no_version_is_a_412_on_own_post(signed_in, post, method: str, if_match: str):
    response = signed_in.send(method, f"{URL}{post.pk}/", {"title": "x"}, headers={"If-Match": if_match})

    assert response.status_code == 412
    assert errors(response) == [("precondition_failed", None)]
    assert Post.objects.get(pk=post.pk).title == "Original"


@pytest.mark.parametrize(
    "if_match",
    ['"\u00b9"', "\u00b9", '"' + "9" * 5000 + '"', "9" * 5000, "*"],
    ids=["superscript", "bare-superscript", "5000-digits", "bare-5000-digits", "star"],
)
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_any_if_match_on_another_users_post_is_refused_without_a_500(
    make_signed_in, post, method: str, if_match: str
):
    bob, _ = make_signed_in("bob@example.com")

    response = bob.send(method, f"{URL}{post.pk}/", {"title": "Pwned"}, headers={"If-Match": if_match})

    assert response.status_code in (400, 403), response.content
    assert "current" not in response.json()
    assert Post.objects.get(pk=post.pk).title == "Original"
