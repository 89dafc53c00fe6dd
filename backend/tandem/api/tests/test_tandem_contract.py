"""openapi/tandem.yaml says what the server does (issue 11 §3).

Each test puts a claim of openapi/*.yaml next to the server's real answer.
The schemathesis run in contract/ checks the same at scale, on a live server.
"""

from __future__ import annotations

import pytest
import yaml

from tandem.api.management.commands.export_openapi import tandem_yaml


@pytest.fixture(scope="module")
def tandem():
    return yaml.safe_load(tandem_yaml())


def _schema(spec, ref: dict) -> dict:
    return spec["components"]["schemas"][ref["$ref"].rpartition("/")[2]]


def test_account_delete_documents_the_reauthenticate_answer(tandem, signed_in_long_ago):
    # A fresh login counts as recent: the reauthenticate answer needs an older one.
    response = signed_in_long_ago.send("DELETE", "/api/account/")
    assert response.status_code == 401
    body = response.json()
    assert body["meta"] == {"is_authenticated": True}
    assert {"id": "reauthenticate"} in body["data"]["flows"]

    answer = tandem["paths"]["/api/account/"]["delete"]["responses"]["401"]
    variants = _schema(tandem, answer["content"]["application/json"]["schema"])["oneOf"]
    documented = [_schema(tandem, variant) for variant in variants]
    reauth = next(schema for schema in documented if "meta" in schema["properties"])
    assert set(reauth["required"]) == set(body)
    assert any("errors" in schema["required"] for schema in documented)  # signed out: the error shape


def test_profile_patch_documents_name_as_required(tandem, signed_in):
    response = signed_in.send("PATCH", "/api/account/profile/", {})
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "code": "required",
        "message": "This field is required.",
        "param": "name",
    }
    body = tandem["paths"]["/api/account/profile/"]["patch"]["requestBody"]
    assert body["required"] is True
    assert _schema(tandem, body["content"]["application/json"]["schema"])["required"] == ["name"]


@pytest.mark.parametrize(
    "component", ["TodoCreateInputRequest", "PatchedTodoUpdateInputRequest", "PostCreateInputRequest",
                  "PatchedPostUpdateInputRequest", "PatchedProfileUpdateInputRequest"],
)  # fmt: skip
def test_inputs_that_refuse_unknown_fields_say_so(tandem, component):
    assert tandem["components"]["schemas"][component]["additionalProperties"] is False


def test_unknown_fields_are_refused(signed_in):
    response = signed_in.send("POST", "/api/todos/", {"title": "a", "owner": 2})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "unknown_field"


@pytest.mark.parametrize(
    ("method", "path", "body", "param"),
    [
        ("POST", "/api/todos/", {"title": 123}, "title"),
        ("POST", "/api/todos/", {"title": "a", "done": "true"}, "done"),
        ("POST", "/api/todos/", {"title": "a", "done": 1}, "done"),
        ("POST", "/api/todos/", {"title": "a", "due_date": 20261206}, "due_date"),
        ("POST", "/api/posts/", {"title": True}, "title"),
        ("PATCH", "/api/account/profile/", {"name": 7}, "name"),
    ],
)
def test_values_of_another_json_type_are_refused_not_coerced(signed_in, method, path, body, param):
    response = signed_in.send(method, path, body)
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["code"] == "invalid"
    assert response.json()["errors"][0]["param"] == param


def test_a_version_sent_as_a_string_is_refused(signed_in, user, make_todo):
    todo = make_todo(user)
    response = signed_in.send("PATCH", f"/api/todos/{todo.pk}/", {"title": "b", "version": "1"})
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "code": "invalid",
        "message": "Must be a JSON integer.",
        "param": "version",
    }


@pytest.mark.parametrize("path", ["/api/todos/", "/api/posts/"])
def test_page_size_bounds_are_documented(tandem, signed_in, path):
    (page_size,) = [p for p in tandem["paths"][path]["get"]["parameters"] if p["name"] == "page_size"]
    assert page_size["schema"] | {"minimum": 1, "maximum": 100} == page_size["schema"]
    assert signed_in.get(f"{path}?page_size=100").status_code == 200
    assert signed_in.get(f"{path}?page_size=101").status_code == 400
    assert signed_in.get(f"{path}?page_size=0").status_code == 400


@pytest.mark.parametrize("method", ["patch", "delete"])
@pytest.mark.parametrize("path", ["/api/todos/{todo_id}/", "/api/posts/{post_id}/"])
def test_if_match_format_is_documented(tandem, path, method):
    (if_match,) = [p for p in tandem["paths"][path][method]["parameters"] if p["name"] == "If-Match"]
    assert if_match["in"] == "header"
    assert if_match["schema"]["pattern"].startswith("^")


def test_not_acceptable_is_documented_and_answered_as_json(tandem, signed_in):
    response = signed_in.get("/api/todos/", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert response.json()["errors"][0]["code"] == "not_acceptable"
    for item in tandem["paths"].values():
        for method, operation in item.items():
            if operation["operationId"] not in ("csrf_retrieve", "health_retrieve"):
                assert "406" in operation["responses"], (method, operation["operationId"])


def test_csrf_and_health_are_documented(tandem, api, db):
    csrf = tandem["paths"]["/api/csrf/"]["get"]
    assert set(api.get("/api/csrf/").json()) == set(
        _schema(tandem, csrf["responses"]["200"]["content"]["application/json"]["schema"])["required"]
    )
    health = tandem["paths"]["/api/health/"]["get"]
    assert api.get("/api/health/").json() == {"status": "ok", "database": "ok"}
    assert "503" in health["responses"]
    assert csrf["security"] == health["security"] == [{}]


@pytest.mark.parametrize(
    ("title", "code"), [("   ", "blank"), ("a\x00b", "null_characters_not_allowed"), (" ok ", None)]
)
def test_text_patterns_refuse_what_the_server_refuses(tandem, signed_in, title, code):
    import re

    pattern = tandem["components"]["schemas"]["TodoCreateInputRequest"]["properties"]["title"]["pattern"]
    response = signed_in.send("POST", "/api/todos/", {"title": title})
    if code is None:
        assert response.status_code == 201
        assert re.search(pattern, title)
    else:
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == code
        assert not re.search(pattern, title)
