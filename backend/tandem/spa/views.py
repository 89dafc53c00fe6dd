"""Serves the built SPA's index.html for every client-side route.

Whitenoise serves the SPA's files (/assets/..., /favicon.svg) itself; this
view is the history-mode fallback, so a reload on /todos works.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Tandem: SPA not built</title>
<p>The single-page app has not been built yet. Run <code>make run</code> (or
<code>make build</code>) from the repository root, or use <code>make dev</code>
and open the Vite dev server.</p>"""


@lru_cache(maxsize=1)
def _index_html(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


@require_safe
def spa_index(request: HttpRequest) -> HttpResponse:
    index = Path(settings.SPA_DIST_DIR) / "index.html"
    try:
        content = _index_html(index, index.stat().st_mtime)
    except FileNotFoundError:
        return HttpResponse(NOT_BUILT, status=503)
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    # The shell must be revalidated so a deploy's new asset hashes are picked up.
    response["Cache-Control"] = "no-cache"
    return response
