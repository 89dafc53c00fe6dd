"""HTTP layer for the dashboard: one request fills the whole page."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.schema import ErrorResponseSerializer
from tandem.posts.serializers import POST_SUMMARY_ROW_FIELDS, post_summary_row
from tandem.todos.serializers import TODO_ROW_FIELDS, todo_row

from . import selectors
from .serializers import DashboardOutputSerializer


class DashboardApi(APIView):
    @extend_schema(
        operation_id="dashboard_retrieve",
        responses={
            200: DashboardOutputSerializer,
            **{code: ErrorResponseSerializer for code in (401, 403, 429)},
        },
    )
    def get(self, request: Request) -> Response:
        dashboard = selectors.dashboard_get(
            user=request.user, todo_fields=TODO_ROW_FIELDS, post_fields=POST_SUMMARY_ROW_FIELDS
        )
        tz = timezone.get_current_timezone()
        # Shaped as DashboardOutputSerializer shapes it (a test compares the two).
        return Response(
            {
                "today": dashboard.today.isoformat(),
                "open_todos_count": dashboard.open_todos_count,
                "due_soon": [todo_row(row, tz) for row in dashboard.due_soon],
                "latest_posts": [post_summary_row(row, tz) for row in dashboard.latest_posts],
            }
        )
