"""Keyset pagination: signed cursors, stable order, no COUNT(*), bounded pages.

A page is `WHERE (field, id) < (last value, last id) ORDER BY field, id
LIMIT n + 1`: its cost does not grow with the page's depth, a row inserted
while someone pages never shifts or repeats what they see, and no page
counts the table. The cursor (the `cursor` query parameter of the `next`
and `previous` links) names the ordering, the direction and the boundary
row; it is signed with the server's key, so a client can follow it but not
forge or edit it. Anything that is not a cursor this server issued for this
ordering, or that holds a value the ordering cannot use, is a 400
`invalid_cursor`, never a 500.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.encoding import escape_uri_path
from rest_framework.request import Request
from rest_framework.response import Response

from .errors import ApiError
from .prepared import PreparedQuery

_SIGNER = signing.Signer(salt="tandem.api.pagination.cursor")
_FORWARD, _BACKWARD = "n", "p"
_PREPARED = PreparedQuery()


@dataclass(frozen=True)
class Cursor:
    direction: str
    value: Any
    id: int


def invalid_cursor() -> ApiError:
    # A bad query parameter is the client's error (400), not a missing resource.
    return ApiError(
        status_code=400,
        code="invalid_cursor",
        message="The cursor is invalid: follow the `next` link of a previous page.",
        param="cursor",
    )


def encode_cursor(ordering: str, direction: str, value: Any, row_id: int) -> str:
    if isinstance(value, datetime.datetime):
        value = value.isoformat()
    return _SIGNER.sign_object({"o": ordering, "d": direction, "v": value, "i": row_id})


class KeysetPagination:
    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    ordering = "-created"

    def get_ordering(self, request: Request) -> str:
        return self.ordering

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ApiError(
                status_code=400,
                code="invalid_page_size",
                message=f"page_size must be an integer from 1 to {self.max_page_size}.",
                param="page_size",
            )
        return size

    def paginate(
        self,
        queryset: QuerySet,
        request: Request,
        *,
        prepared: tuple[Hashable, Callable[[dict[str, Any]], QuerySet], dict[str, Any]] | None = None,
    ) -> list[Any]:
        """One page of `queryset` (model instances or `.values()` rows, which
        must include the ordering field and `id`); sets the links.

        `prepared`: (shape, build, values) of a hot `.values()` read, whose SQL
        is compiled once per shape (tandem.api.prepared); `queryset` is then
        only its model's."""
        ordering = self.get_ordering(request)
        field = ordering.lstrip("-")
        size = self.get_page_size(request)
        model = queryset.model
        cursor = self._decode(request, ordering, model._meta.get_field(field))
        backward = cursor is not None and cursor.direction == _BACKWARD
        descending = ordering.startswith("-") != backward
        order = (f"-{field}", "-id") if descending else (field, "id")
        op = "lt" if descending else "gt"

        def page_of(rows: QuerySet, value: Any = None, row_id: Any = None) -> QuerySet:
            rows = rows.order_by(*order)
            if cursor is not None:
                rows = rows.filter(Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"id__{op}": row_id}))
            return rows[: size + 1]

        if prepared is None:
            page = list(page_of(queryset, *((cursor.value, cursor.id) if cursor is not None else ())))
        else:
            shape, build, values = prepared
            if cursor is not None:
                values = {**values, "_cursor_value": cursor.value, "_cursor_id": cursor.id}
            page = _PREPARED.rows(
                (type(self), shape, ordering, size, cursor is not None and cursor.direction),
                lambda v: page_of(build(v), v.get("_cursor_value"), v.get("_cursor_id")),
                values,
            )
        more = len(page) > size
        page = page[:size]
        if backward:
            page.reverse()
        has_next, has_previous = (True, more) if backward else (more, cursor is not None)
        self._request = request
        self.next = self._link(ordering, _FORWARD, page[-1], field) if has_next and page else None
        if has_previous and page:
            self.previous = self._link(ordering, _BACKWARD, page[0], field)
        elif has_previous:
            self.previous = self._url(None)
        else:
            self.previous = None
        return page

    def get_paginated_response(self, results: list[Any]) -> Response:
        return Response({"next": self.next, "previous": self.previous, "results": results})

    def _link(self, ordering: str, direction: str, row: Any, field: str) -> str:
        value, row_id = (row[field], row["id"]) if isinstance(row, dict) else (getattr(row, field), row.pk)
        return self._url(encode_cursor(ordering, direction, value, row_id))

    def _url(self, cursor: str | None) -> str:
        """This request's absolute URL with `cursor` in place of its own (none
        for None): what DRF's replace_query_param / remove_query_param make of
        it (parameters sorted by name), from the already parsed query."""
        request = self._request
        query = {name: values for name, values in request.query_params.lists()}
        query.pop(self.cursor_query_param, None)
        if cursor is not None:
            query[self.cursor_query_param] = [cursor]
        base = request.build_absolute_uri(escape_uri_path(request.path))
        return f"{base}?{urlencode(sorted(query.items()), doseq=True)}" if query else base

    def _decode(self, request: Request, ordering: str, field: models.Field) -> Cursor | None:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            data = _SIGNER.unsign_object(raw)
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            raise invalid_cursor() from None
        if (
            not isinstance(data, dict)
            or data.get("o") != ordering
            or data.get("d") not in (_FORWARD, _BACKWARD)
        ):
            raise invalid_cursor()
        row_id, value = data.get("i"), data.get("v")
        if not isinstance(row_id, int) or isinstance(row_id, bool) or not isinstance(value, str):
            raise invalid_cursor()
        if "\x00" in value:
            # Postgres cannot even compare a text containing NUL.
            raise invalid_cursor()
        if isinstance(field, models.DateTimeField):
            value = _parse_datetime(value)
        return Cursor(direction=data["d"], value=value, id=row_id)


def _parse_datetime(raw: str) -> datetime.datetime:
    """An aware datetime in UTC, or invalid_cursor: a value whose conversion
    to UTC leaves the calendar (9999-12-31T23:59:59-05:00) is refused here,
    not by an OverflowError deep in the database driver."""
    try:
        value = datetime.datetime.fromisoformat(raw)
        if value.tzinfo is None:
            raise ValueError(raw)
        return value.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        raise invalid_cursor() from None
