"""HTTP layer for todos: parse, call a service or selector, serialize."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.concurrency import (
    IF_MATCH_DELETE,
    IF_MATCH_UPDATE,
    VersionConflict,
    conflict_error,
    conflict_schema,
    etag,
    expected_versions,
    if_match_versions,
)
from tandem.api.errors import ApiError
from tandem.api.pagination import KeysetPagination
from tandem.api.schema import ErrorResponseSerializer, cursor_page
from tandem.api.serializers import query_filters

from . import selectors, services
from .models import Todo
from .serializers import (
    TODO_ROW_FIELDS,
    TodoCreateInputSerializer,
    TodoListFilterSerializer,
    TodoOutputSerializer,
    TodoUpdateInputSerializer,
    todo_as_row,
    todo_row,
)

ERRORS = {code: ErrorResponseSerializer for code in (400, 401, 403, 404, 429)}
CONFLICT = conflict_schema("TodoVersionConflict", TodoOutputSerializer)
NOUN = "todo"


class TodoPagination(KeysetPagination):
    allowed_orderings = ("-created", "created", "-updated", "updated", "title", "-title")

    def get_ordering(self, request: Request) -> str:
        ordering = request.query_params.get("ordering") or "-created"
        if ordering not in self.allowed_orderings:
            raise ApiError(
                status_code=400,
                code="invalid_ordering",
                message=f"ordering must be one of: {', '.join(self.allowed_orderings)}.",
                param="ordering",
            )
        # The id breaks ties (the paginator adds it), so equal titles or
        # timestamps never repeat or skip across pages.
        return ordering


def _todo_response(todo, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(todo_row(todo_as_row(todo)), status=status_code, headers={"ETag": etag(todo.version)})


def _conflict(conflict: VersionConflict, *, via_if_match: bool) -> ApiError:
    return conflict_error(TodoOutputSerializer(conflict.current).data, via_if_match=via_if_match, noun=NOUN)


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
        filters = query_filters(TodoListFilterSerializer, request.query_params)
        paginator = TodoPagination()
        page = paginator.paginate(
            Todo.objects,
            request,
            prepared=selectors.todo_list_prepared(user=request.user, fields=TODO_ROW_FIELDS, **filters),
        )
        tz = timezone.get_current_timezone()
        return paginator.get_paginated_response([todo_row(row, tz) for row in page])

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
        row = selectors.todo_row_get(user=request.user, todo_id=todo_id, fields=TODO_ROW_FIELDS)
        return Response(todo_row(row), headers={"ETag": etag(row["version"])})

    @extend_schema(
        operation_id="todos_partial_update",
        request=TodoUpdateInputSerializer,
        parameters=[IF_MATCH_UPDATE],
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
        expected, via_if_match = expected_versions(request, changes.pop("version", None), noun=NOUN)
        try:
            todo = services.todo_update(
                user=request.user, todo_id=todo_id, expected_versions=expected, changes=changes
            )
        except VersionConflict as conflict:
            raise _conflict(conflict, via_if_match=via_if_match) from None
        return _todo_response(todo)

    @extend_schema(
        operation_id="todos_destroy",
        parameters=[IF_MATCH_DELETE],
        responses={204: None, 412: OpenApiResponse(CONFLICT), **ERRORS},
    )
    def delete(self, request: Request, todo_id: int) -> Response:
        _, expected = if_match_versions(request, noun=NOUN)
        try:
            services.todo_delete(user=request.user, todo_id=todo_id, expected_versions=expected)
        except VersionConflict as conflict:
            raise _conflict(conflict, via_if_match=True) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
