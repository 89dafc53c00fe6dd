"""The API's orjson renderer writes the bytes DRF's JSONRenderer writes."""

from __future__ import annotations

import datetime
import decimal
import uuid
import zoneinfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer as DrfJSONRenderer

from tandem.api.renderers import JSONRenderer

UTC = datetime.UTC
PARIS = zoneinfo.ZoneInfo("Europe/Paris")

PAYLOADS = {
    "page": {
        "next": "http://testserver/api/todos/?cursor=abc%3Adef&page_size=20",
        "previous": None,
        "results": [
            {"id": 1, "title": "Buy milk", "done": False, "due_date": datetime.date(2027, 2, 28),
             "created": datetime.datetime(2026, 12, 6, 9, 0, tzinfo=UTC),
             "updated": datetime.datetime(2026, 12, 6, 9, 0, 0, 4500, tzinfo=UTC), "version": 3},
        ],
    },
    "other zones and naive": [
        datetime.datetime(2026, 12, 6, 9, 0, tzinfo=PARIS),
        datetime.datetime(2026, 12, 6, 9, 0, 1, 123456, tzinfo=zoneinfo.ZoneInfo("UTC")),
        datetime.datetime(2026, 12, 6, 9, 0),
        datetime.time(9, 30, 1, 5),
    ],
    "text": ["plain", "ünïcødé ✓ 日本", "line\u2028separator\u2029paragraph", "quote \" and \\ and \n", ""],
    "DRF's types": {
        "detail": ErrorDetail("This field is required.", code="required"),
        "lazy": gettext_lazy("Enter a valid email address."),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "decimal": decimal.Decimal("1.50"),
        "tuple": (1, 2),
        "timedelta": datetime.timedelta(seconds=90),
    },
    "numbers": {"small": -3, "float": 0.1, "big": 2**63 - 1, "huge": 2**70, "bool": True},
    "int keys": {1: "one", 2: "two"},
    "empty": {},
}  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("media_type", [None, "application/json", "application/json; indent=2"])
def test_the_bytes_are_drfs(payload, media_type):
    assert JSONRenderer().render(payload, media_type, {}) == DrfJSONRenderer().render(payload, media_type, {})


def test_pretty_printing_from_the_context_is_drfs():
    payload = PAYLOADS["page"]
    context = {"indent": 4}
    assert JSONRenderer().render(payload, "application/json", context) == DrfJSONRenderer().render(
        payload, "application/json", context
    )


def test_no_data_is_an_empty_body():
    assert JSONRenderer().render(None) == b""


def test_the_api_answers_through_it():
    from rest_framework.settings import api_settings

    assert api_settings.DEFAULT_RENDERER_CLASSES[0] is JSONRenderer
    assert len(api_settings.DEFAULT_RENDERER_CLASSES) == 1
