"""HTTP layer for the dashboard: one request fills the whole page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.schema import ErrorResponseSerializer

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
        dashboard = selectors.dashboard_get(user=request.user)
        return Response(DashboardOutputSerializer(dashboard).data)
