"""Optimistic concurrency shared by every versioned resource (todos, posts).

A resource carries an integer `version`, bumped by every write and sent as
its ETag. A write must name the version it was based on, in the body
(`"version": 3`) or as `If-Match: "3"`; a stale one is refused with the
current data so the client can reapply its change, never silently lost.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request

from .errors import ApiError


class VersionConflict(Exception):
    """Raised by a service when someone wrote first; `current` is the row as it is now."""

    def __init__(self, current: Any) -> None:
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")
        self.current = current


def etag(version: int) -> str:
    return f'"{version}"'


def if_match_version(request: Request, *, noun: str) -> int | None:
    """The version named by an If-Match header, or None when there is none."""
    raw = request.headers.get("If-Match")
    if raw is None:
        return None
    value = raw.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise ApiError(
            status_code=400,
            code="invalid_if_match",
            message=f'If-Match must carry the ETag of the {noun}, e.g. "3".',
        )
    return int(value)


def expected_version(request: Request, body_version: int | None, *, noun: str) -> tuple[int, bool]:
    """The version a write is based on, and whether it came from If-Match.

    If-Match wins over the body: it is HTTP's own precondition. A write
    without either is a 428, so a client cannot overwrite blindly.
    """
    header_version = if_match_version(request, noun=noun)
    if header_version is not None:
        return header_version, True
    if body_version is None:
        raise ApiError(
            status_code=428,
            code="version_required",
            message="Send the version you last read (body `version` or an If-Match header).",
            param="version",
        )
    return body_version, False


def conflict_error(current_data: dict[str, Any], *, via_if_match: bool, noun: str) -> ApiError:
    # If-Match is HTTP's own precondition (412); a body version is ours (409).
    return ApiError(
        status_code=412 if via_if_match else 409,
        code="precondition_failed" if via_if_match else "version_conflict",
        message=f"This {noun} was changed elsewhere. The latest version is in `current`; "
        "apply your change to it and try again.",
        param=None if via_if_match else "version",
        extra={"current": current_data},
    )


# --- OpenAPI documentation helpers ------------------------------------------------


def conflict_schema(name: str, current: type[serializers.Serializer]) -> serializers.Serializer:
    """The body of a 409/412: the error shape plus the resource as it is now."""
    # DRF orders fields by creation: instantiate `current` last so it is documented last.
    return inline_serializer(
        name,
        fields={
            "status": serializers.IntegerField(),
            "errors": serializers.ListField(child=serializers.DictField()),
            "current": current(),
        },
    )


IF_MATCH_UPDATE = OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='ETag, e.g. "3"')
IF_MATCH_DELETE = OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description="Optional ETag")
