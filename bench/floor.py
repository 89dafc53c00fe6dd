"""The benchmark's floor: a one-file Django app that is not Tandem.

No middleware, no database, no DRF: one view answering a JsonResponse of 20
small dicts (about the size of a page of 20 todos). Tandem's endpoints are
reported as a ratio of its requests/s, measured on the same server settings
in the same run. Served by bench/run.py as `bench.floor:application`.
"""

from __future__ import annotations

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

ROWS = [
    {
        "id": i,
        "title": f"todo {i}",
        "notes": "",
        "done": False,
        "due_date": None,
        "created": "2026-12-06T09:00:00.000000Z",
        "updated": "2026-12-06T09:00:00.000000Z",
        "version": 1,
    }
    for i in range(20)
]


def todos(request):
    return JsonResponse({"next": None, "previous": None, "results": ROWS})


urlpatterns = [path("floor/", todos)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-floor-not-secret",  # noqa: S106 (nothing is signed)
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_TZ=True,
    )
    django.setup()

application = get_wsgi_application()
