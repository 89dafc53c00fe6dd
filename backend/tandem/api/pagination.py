from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from .errors import ApiError


class BoundedCursorPagination(CursorPagination):
    """Cursor pagination: no COUNT(*), stable under inserts, bounded pages.

    A page size outside 1..max is refused with a clear 400 rather than
    silently clamped, so a client never believes it got what it asked for.
    """

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    ordering = "-created"

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise self._invalid_cursor() from None
        if cursor is not None and cursor.position is not None and "\x00" in cursor.position:
            # Postgres cannot even compare a text containing NUL: refuse it up front.
            raise self._invalid_cursor()
        return cursor

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except DjangoValidationError:
            # A forged cursor whose position the ordering field cannot parse
            # (e.g. not a date): the same answer as any other invalid cursor.
            raise self._invalid_cursor() from None

    @staticmethod
    def _invalid_cursor() -> ApiError:
        # A bad query parameter is the client's error (400), not a missing resource.
        return ApiError(
            status_code=400,
            code="invalid_cursor",
            message="The cursor is invalid: follow the `next` link of a previous page.",
            param="cursor",
        )

    def get_page_size(self, request) -> int:
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
