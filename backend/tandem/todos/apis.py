"""HTTP layer for todos: parse, call a service or selector, serialize."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.errors import ApiError
from tandem.api.pagination import BoundedCursorPagination
from tandem.api.schema import ErrorResponseSerializer, cursor_page

from . import selectors, services
from .serializers import (
    TodoCreateInputSerializer,
    TodoListFilterSerializer,
    TodoOutputSerializer,
    TodoUpdateInputSerializer,
)

ERRORS = {code: ErrorResponseSerializer for code in (400, 401, 403, 404, 429)}
CONFLICT = inline_serializer(
    "TodoVersionConflict",
    fields={
        "status": serializers.IntegerField(),
        "errors": serializers.ListField(child=serializers.DictField()),
        "current": TodoOutputSerializer(),
    },
)


class TodoPagination(BoundedCursorPagination):
    allowed_orderings = ("-created", "created", "-updated", "updated", "title", "-title")

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        ordering = request.query_params.get("ordering") or "-created"
        if ordering not in self.allowed_orderings:
            raise ApiError(
                status_code=400,
                code="invalid_ordering",
                message=f"ordering must be one of: {', '.join(self.allowed_orderings)}.",
                param="ordering",
            )
        # The id breaks ties, so equal titles or timestamps never repeat or skip across pages.
        return (ordering, "-id" if ordering.startswith("-") else "id")


def _etag(todo) -> str:
    return f'"{todo.version}"'


def _todo_response(todo, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(TodoOutputSerializer(todo).data, status=status_code, headers={"ETag": _etag(todo)})


def _if_match_version(request: Request) -> int | None:
    raw = request.headers.get("If-Match")
    if raw is None:
        return None
    value = raw.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise ApiError(
            status_code=400,
            code="invalid_if_match",
            message='If-Match must carry the ETag of the todo, e.g. "3".',
        )
    return int(value)


def _conflict(conflict: services.VersionConflict, *, via_if_match: bool) -> ApiError:
    # If-Match is HTTP's own precondition (412); a body version is ours (409).
    return ApiError(
        status_code=412 if via_if_match else 409,
        code="precondition_failed" if via_if_match else "version_conflict",
        message="This todo was changed elsewhere. The latest version is in `current`; "
        "apply your change to it and try again.",
        param=None if via_if_match else "version",
        extra={"current": TodoOutputSerializer(conflict.current).data},
    )


class TodoListCreateApi(APIView):
    @extend_schema(
        operation_id="todos_list",
        parameters=[
            TodoListFilterSerializer,
            OpenApiParameter("ordering", str, enum=list(TodoPagination.allowed_orderings)),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int, description="1 to 100, default 20."),
        ],
        responses={200: cursor_page("PaginatedTodoList", TodoOutputSerializer(many=True)), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        filters = TodoListFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        todos = selectors.todo_list(user=request.user, **filters.validated_data)
        paginator = TodoPagination()
        page = paginator.paginate_queryset(todos, request, view=self)
        return paginator.get_paginated_response(TodoOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="todos_create",
        request=TodoCreateInputSerializer,
        responses={201: TodoOutputSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = TodoCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        todo = services.todo_create(user=request.user, **data.validated_data)
        return _todo_response(todo, status.HTTP_201_CREATED)


class TodoDetailApi(APIView):
    @extend_schema(operation_id="todos_retrieve", responses={200: TodoOutputSerializer, **ERRORS})
    def get(self, request: Request, todo_id: int) -> Response:
        return _todo_response(selectors.todo_get(user=request.user, todo_id=todo_id))

    @extend_schema(
        operation_id="todos_partial_update",
        request=TodoUpdateInputSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='ETag, e.g. "3"')],
        responses={
            200: TodoOutputSerializer,
            409: OpenApiResponse(CONFLICT, description="Stale version; `current` holds the latest todo."),
            412: OpenApiResponse(CONFLICT, description="Stale If-Match; `current` holds the latest todo."),
            428: ErrorResponseSerializer,
            **ERRORS,
        },
    )
    def patch(self, request: Request, todo_id: int) -> Response:
        data = TodoUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes: dict[str, Any] = dict(data.validated_data)
        body_version = changes.pop("version", None)
        header_version = _if_match_version(request)
        expected = header_version if header_version is not None else body_version
        if expected is None:
            raise ApiError(
                status_code=428,
                code="version_required",
                message="Send the version you last read (body `version` or an If-Match header).",
                param="version",
            )
        try:
            todo = services.todo_update(
                user=request.user, todo_id=todo_id, expected_version=expected, changes=changes
            )
        except services.VersionConflict as conflict:
            raise _conflict(conflict, via_if_match=header_version is not None) from None
        return _todo_response(todo)

    @extend_schema(
        operation_id="todos_destroy",
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description="Optional ETag")],
        responses={204: None, 412: OpenApiResponse(CONFLICT), **ERRORS},
    )
    def delete(self, request: Request, todo_id: int) -> Response:
        expected = _if_match_version(request)
        try:
            services.todo_delete(user=request.user, todo_id=todo_id, expected_version=expected)
        except services.VersionConflict as conflict:
            raise _conflict(conflict, via_if_match=True) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
