"""drf-spectacular postprocessing: what the views' annotations cannot say.

- `/api/csrf/` and `/api/health/` are plain Django views (no DRF: no auth, no
  throttle, no content negotiation), which drf-spectacular does not see.
- Every DRF operation can answer 406 (an `Accept` it cannot satisfy: it only
  speaks JSON), and every operation with a body 415 (a body that is not JSON)
  and 413 (a body over the upload limit).
- `page_size` is refused outside 1..max_page_size: the bounds are the
  paginator's own.
- `If-Match` takes RFC 9110 strong entity tags: `*`, or a comma-separated
  list of quoted tags (the `ETag` of a previous answer, e.g. `"3"`).
"""

from __future__ import annotations

from typing import Any

from .pagination import KeysetPagination

ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}
METHODS = ("get", "put", "post", "patch", "delete")

# `*`, or one or more strong entity tags ("3"), comma-separated (RFC 9110 §13.1.1).
_ETAG = r'"[!#-~]*"'
IF_MATCH_PATTERN = rf"^[ \t]*(\*|{_ETAG}([ \t]*,[ \t]*{_ETAG})*)[ \t]*$"


def _error(description: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": ERROR_REF}}, "description": description}


PLAIN_VIEWS: dict[str, dict[str, Any]] = {
    "/api/csrf/": {
        "get": {
            "operationId": "csrf_retrieve",
            "description": "Sets the CSRF cookie and returns its token, for the X-CSRFToken header of "
            "the next write (an SPA on another subdomain cannot read the API's cookie).",
            "tags": ["csrf"],
            "security": [{}],
            "responses": {
                "200": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CsrfToken"}}},
                    "description": "",
                },
                "405": _error("Any method but GET."),
            },
        }
    },
    "/api/health/": {
        "get": {
            "operationId": "health_retrieve",
            "description": "Readiness: 200 when the database answers, 503 (with Retry-After) when not.",
            "tags": ["health"],
            "security": [{}],
            "responses": {
                "200": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}},
                    "description": "",
                },
                "405": _error("Any method but GET."),
                "503": {
                    **_error("`database_unavailable`: the database is unreachable."),
                    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds."}},
                },
            },
        }
    },
}

PLAIN_COMPONENTS: dict[str, dict[str, Any]] = {
    "CsrfToken": {
        "type": "object",
        "properties": {"csrf_token": {"type": "string"}},
        "required": ["csrf_token"],
    },
    "Health": {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "database": {"type": "string", "enum": ["ok"]},
        },
        "required": ["database", "status"],
    },
}


def _parameters(operation: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [p for p in operation.get("parameters", []) if p.get("name") == name]


def postprocess(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    paths = result["paths"]
    for path_item in paths.values():
        for method in METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            responses = operation["responses"]
            responses.setdefault(
                "406", _error("The `Accept` header allows no JSON: the API speaks only JSON.")
            )
            if "requestBody" in operation:
                responses.setdefault("413", _error("The body is over the upload limit (2.5 MB)."))
                responses.setdefault(
                    "415", _error("The body is not JSON (`Content-Type: application/json`).")
                )
            for parameter in _parameters(operation, "page_size"):
                parameter["schema"].update(minimum=1, maximum=KeysetPagination.max_page_size)
            for parameter in _parameters(operation, "If-Match"):
                parameter["schema"]["pattern"] = IF_MATCH_PATTERN
    paths.update(PLAIN_VIEWS)
    result["paths"] = dict(sorted(paths.items()))
    result["components"]["schemas"].update(PLAIN_COMPONENTS)
    result["components"]["schemas"] = dict(sorted(result["components"]["schemas"].items()))
    return result
