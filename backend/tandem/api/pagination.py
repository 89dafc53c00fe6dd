from __future__ import annotations

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
