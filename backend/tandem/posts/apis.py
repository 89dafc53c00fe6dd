"""HTTP layer for posts: parse, call a service or selector, serialize."""

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
from .models import Post
from .serializers import (
    POST_SUMMARY_ROW_FIELDS,
    PostCreateInputSerializer,
    PostListFilterSerializer,
    PostOutputSerializer,
    PostSummaryOutputSerializer,
    PostUpdateInputSerializer,
    post_output,
    post_summary_row,
)

ERRORS = {code: ErrorResponseSerializer for code in (400, 401, 403, 404, 429)}
CONFLICT = conflict_schema("PostVersionConflict", PostOutputSerializer)
NOUN = "post"


class PostPagination(KeysetPagination):
    # Newest first, always; the id breaks ties so no post repeats or is skipped across pages.
    ordering = "-created"


def _post_response(post, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(post_output(post), status=status_code, headers={"ETag": etag(post.version)})


def _conflict(conflict: VersionConflict, *, via_if_match: bool) -> ApiError:
    return conflict_error(PostOutputSerializer(conflict.current).data, via_if_match=via_if_match, noun=NOUN)


class PostListCreateApi(APIView):
    @extend_schema(
        operation_id="posts_list",
        parameters=[
            PostListFilterSerializer,
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int, description="1 to 100, default 20."),
        ],
        responses={200: cursor_page("PaginatedPostList", PostSummaryOutputSerializer(many=True)), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        filters = query_filters(PostListFilterSerializer, request.query_params)
        paginator = PostPagination()
        page = paginator.paginate(
            Post.objects,
            request,
            prepared=selectors.post_list_prepared(
                user=request.user, fields=POST_SUMMARY_ROW_FIELDS, **filters
            ),
        )
        tz = timezone.get_current_timezone()
        return paginator.get_paginated_response([post_summary_row(row, tz) for row in page])

    @extend_schema(
        operation_id="posts_create",
        request=PostCreateInputSerializer,
        responses={201: PostOutputSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = PostCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = services.post_create(user=request.user, **data.validated_data)
        return _post_response(post, status.HTTP_201_CREATED)


class PostDetailApi(APIView):
    @extend_schema(operation_id="posts_retrieve", responses={200: PostOutputSerializer, **ERRORS})
    def get(self, request: Request, post_id: int) -> Response:
        return _post_response(selectors.post_get(post_id=post_id))

    @extend_schema(
        operation_id="posts_partial_update",
        request=PostUpdateInputSerializer,
        parameters=[IF_MATCH_UPDATE],
        responses={
            200: PostOutputSerializer,
            409: OpenApiResponse(CONFLICT, description="Stale version; `current` holds the latest post."),
            412: OpenApiResponse(CONFLICT, description="Stale If-Match; `current` holds the latest post."),
            428: ErrorResponseSerializer,
            **ERRORS,
        },
    )
    def patch(self, request: Request, post_id: int) -> Response:
        # Authorship first: someone else's post answers 403 whatever the body holds.
        services.post_get_for_write(user=request.user, post_id=post_id)
        data = PostUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes: dict[str, Any] = dict(data.validated_data)
        expected, via_if_match = expected_versions(request, changes.pop("version", None), noun=NOUN)
        try:
            post = services.post_update(
                user=request.user, post_id=post_id, expected_versions=expected, changes=changes
            )
        except VersionConflict as conflict:
            raise _conflict(conflict, via_if_match=via_if_match) from None
        return _post_response(post)

    @extend_schema(
        operation_id="posts_destroy",
        parameters=[IF_MATCH_DELETE],
        responses={204: None, 412: OpenApiResponse(CONFLICT), **ERRORS},
    )
    def delete(self, request: Request, post_id: int) -> Response:
        _, expected = if_match_versions(request, noun=NOUN)
        try:
            services.post_delete(user=request.user, post_id=post_id, expected_versions=expected)
        except VersionConflict as conflict:
            raise _conflict(conflict, via_if_match=True) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
