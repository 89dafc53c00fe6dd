"""The API's JSON renderer: DRF's JSONRenderer, written by orjson.

Rendering 20 rows with the standard library's encoder (and DRF's encoder
class) was a measurable share of a list request; orjson writes the same
bytes several times faster. What DRF's renderer guarantees is kept:
compact separators, UTF-8 text, \\u2028 and \\u2029 escaped (a strict
JavaScript subset), datetimes as DRF writes them (`Z` for UTC), and every
other type through DRF's own encoder. Anything orjson refuses (an integer
beyond 64 bits) and `?indent`-style pretty printing take DRF's path.
"""

from __future__ import annotations

from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer as DrfJSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS
_default = JSONEncoder().default
_LINE_SEPARATOR, _PARAGRAPH_SEPARATOR = "\u2028".encode(), "\u2029".encode()


class JSONRenderer(DrfJSONRenderer):
    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if data is None:
            return b""
        # Pretty printing is asked for by a media type parameter (`; indent=4`)
        # or the context; the plain media type is the hot path.
        if (accepted_media_type or "application/json") != "application/json" or (
            renderer_context and renderer_context.get("indent") is not None
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=_default, option=_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        if _LINE_SEPARATOR in body or _PARAGRAPH_SEPARATOR in body:
            body = body.replace(_LINE_SEPARATOR, b"\\u2028").replace(_PARAGRAPH_SEPARATOR, b"\\u2029")
        return body
