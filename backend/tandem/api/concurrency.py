"""Optimistic concurrency shared by every versioned resource (todos, posts).

A resource carries an integer `version`, bumped by every write and sent as
its ETag. A write must name the version it was based on, in the body
(`"version": 3`) or as `If-Match: "3"` (RFC 9110: strong comparison, a list
of tags, or `*` for whatever is current); a stale one is refused with the
current data so the client can reapply its change, never silently lost.
"""

from __future__ import annotations

import re
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


# RFC 9110 §13.1.1: If-Match = "*" / #entity-tag, entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE,
# etagc = %x21 / %x23-7E / obs-text; list elements are separated by commas and optional whitespace.
_ENTITY_TAG = re.compile(r'[ \t]*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*(?:,|$)')
# The only tags Tandem hands out: a version number as written by etag(). Bounded
# to 18 digits, so it fits the database's integer; a longer one matches nothing.
_VERSION_TAG = re.compile(r"0|[1-9][0-9]{0,17}")

# Versions a write may be based on; None means any ("*", or no precondition at all).
Versions = frozenset[int] | None


def _invalid_if_match(noun: str, problem: str) -> ApiError:
    return ApiError(
        status_code=400,
        code="invalid_if_match",
        message=f'If-Match {problem}: send the ETag of the {noun} as it was given, e.g. "3" '
        '(or a list, "3", "4", or *).',
    )


def parse_if_match(raw: str, *, noun: str) -> Versions:
    """The versions an If-Match header matches, compared strongly (RFC 9110).

    "*" matches any current version. A well-formed tag that is no version of
    ours ("abc", a 5000-digit number) matches none: the write gets a 412. Weak
    tags (W/"3") can never match under strong comparison and are refused as
    the client's mistake, like malformed values.
    """
    value = raw.strip(" \t")
    if value == "*":
        return None
    versions: set[int] = set()
    position = 0
    while position < len(value):
        match = _ENTITY_TAG.match(value, position)
        if match is None:
            # An empty list element (", ,") is allowed; anything else is not a tag.
            empty = re.compile(r"[ \t]*,").match(value, position)
            if empty is None:
                raise _invalid_if_match(noun, "is not a list of quoted entity tags")
            position = empty.end()
            continue
        weak, opaque = match.groups()
        if weak:
            raise _invalid_if_match(noun, "uses strong comparison, so a weak tag (W/) can never match")
        if _VERSION_TAG.fullmatch(opaque):
            versions.add(int(opaque))
        position = match.end()
    if position == 0 or not value:
        raise _invalid_if_match(noun, "is empty")
    return frozenset(versions)


def if_match_versions(request: Request, *, noun: str) -> tuple[bool, Versions]:
    """Whether the request carries If-Match, and the versions it matches."""
    raw = request.headers.get("If-Match")
    if raw is None:
        return False, None
    return True, parse_if_match(raw, noun=noun)


def expected_versions(request: Request, body_version: int | None, *, noun: str) -> tuple[Versions, bool]:
    """The versions a write may be based on, and whether they came from If-Match.

    If-Match wins over the body: it is HTTP's own precondition. A write
    without either is a 428, so a client cannot overwrite blindly.
    """
    present, versions = if_match_versions(request, noun=noun)
    if present:
        return versions, True
    if body_version is None:
        raise ApiError(
            status_code=428,
            code="version_required",
            message="Send the version you last read (body `version` or an If-Match header).",
            param="version",
        )
    return frozenset({body_version}), False


def version_filter(versions: Versions) -> dict[str, Any]:
    """Queryset filter keeping only rows at one of `versions` (all rows for None)."""
    return {} if versions is None else {"version__in": versions}


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


IF_MATCH_UPDATE = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='Strong ETag(s) of the version the write is based on: "3", a list "3", "4", or *. '
    "Weak tags are refused (400).",
)
IF_MATCH_DELETE = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='Optional strong ETag(s): "3", a list "3", "4", or *. Weak tags are refused (400).',
)
