"""The built SPA's index.html answers every client-side route, and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client

INDEX = (
    '<!doctype html><html><body><div id="app"></div><script src="/assets/app-1234.js"></script></body></html>'
)


@pytest.fixture
def spa_dist(tmp_path: Path, settings) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    settings.SPA_DIST_DIR = dist
    return dist


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/todos", "/todos/42", "/some/deep/route", "/account/verify-email/abc"]
)
def test_client_side_routes_get_index_html(spa_dist: Path, path: str):
    response = Client().get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.content.decode() == INDEX
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.django_db
def test_a_new_build_is_served_without_a_restart(spa_dist: Path):
    assert Client().get("/todos").content.decode() == INDEX
    index = spa_dist / "index.html"
    index.write_text("<!doctype html><p>new build</p>")
    stat = index.stat()
    os.utime(index, (stat.st_atime, stat.st_mtime + 5))

    assert Client().get("/todos").content.decode() == "<!doctype html><p>new build</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/whatever", "/api/whatever/deep/", "/api/todos/nope/"])
def test_api_paths_never_fall_back_to_index_html(spa_dist: Path, path: str):
    response = Client().get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert b"app-1234" not in response.content


@pytest.mark.django_db
def test_admin_is_still_the_admin(spa_dist: Path):
    response = Client().get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/assets/missing.js", "/static/missing.css"])
def test_missing_asset_is_a_real_404_not_index_html(spa_dist: Path, path: str):
    response = Client().get(path)

    assert response.status_code == 404
    assert b"app-1234" not in response.content


@pytest.mark.django_db
def test_missing_build_answers_503_saying_how_to_build(tmp_path: Path, settings):
    settings.SPA_DIST_DIR = tmp_path / "not-built"

    response = Client().get("/todos")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert b"make build" in response.content or b"make run" in response.content


@pytest.mark.django_db
def test_index_html_is_not_served_for_writes(spa_dist: Path):
    response = Client().post("/todos", {})

    assert response.status_code == 405
