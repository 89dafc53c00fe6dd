"""DRF's content negotiation, without parsing the Accept header of every request.

Nearly every request to the API accepts JSON in one of three spellings (none,
`*/*`, `application/json`), and JSON is what every view renders first. For
those, the answer is known without DRF parsing and ranking media types (a
measurable share of a cheap read); anything else goes through DRF's
negotiation unchanged, 406 included.
"""

from __future__ import annotations

from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation

# An absent header means */*; an empty one accepts nothing (DRF: 406).
_PLAIN_ACCEPTS = frozenset({"*/*", "application/json"})


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request: Any, renderers: list, format_suffix: str | None = None) -> tuple:
        if (
            renderers
            and renderers[0].media_type == "application/json"
            and not format_suffix
            and request.META.get("HTTP_ACCEPT", "*/*").strip() in _PLAIN_ACCEPTS
            and self.settings.URL_FORMAT_OVERRIDE not in request.query_params
        ):
            return renderers[0], "application/json"
        return super().select_renderer(request, renderers, format_suffix)
