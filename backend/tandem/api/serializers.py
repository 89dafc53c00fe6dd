from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.utils import timezone
from rest_framework import serializers

# The JSON type each kind of field takes. DRF would coerce `123` into "123",
# "true" or 1 into True and "3" into 3; a JSON API that documents `string`,
# `boolean` and `integer` refuses the others, so what a client sends is what
# the schema says (and no client learns to rely on a coercion).
_JSON_TYPES: tuple[tuple[type[serializers.Field], tuple[type, ...], str], ...] = (
    (serializers.BooleanField, (bool,), "Must be a JSON boolean (true or false)."),
    (serializers.IntegerField, (int,), "Must be a JSON integer."),
    (serializers.CharField, (str,), "Must be a JSON string."),
    (serializers.ChoiceField, (str,), "Must be a JSON string."),
    (serializers.DateField, (str,), "Must be a JSON string (a date, YYYY-MM-DD)."),
)


def _wrong_json_type(field: serializers.Field, value: Any) -> str | None:
    if value is None:
        return None  # allow_null decides
    for field_class, types, message in _JSON_TYPES:
        if isinstance(field, field_class):
            if isinstance(value, bool) and bool not in types:
                return message
            return None if isinstance(value, types) else message
    return None


class StrictInputSerializer(serializers.Serializer):
    """Refuses fields it does not declare, so a mass-assignment attempt
    (owner, id, created, ...) or a typo is an error, not silently dropped.
    Values must have the JSON type their field documents (no coercion)."""

    default_error_messages = {"unknown_field": "Unknown or read-only field."}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: [
                            serializers.ErrorDetail(
                                self.error_messages["unknown_field"], code="unknown_field"
                            )
                        ]
                        for name in unknown
                    }
                )
            wrong = {
                name: [serializers.ErrorDetail(message, code="invalid")]
                for name, field in self.fields.items()
                if name in data and (message := _wrong_json_type(field, data[name]))
            }
            if wrong:
                # Every invalid field is reported at once, a wrong type in place of DRF's coercion.
                try:
                    super().to_internal_value(data)
                except serializers.ValidationError as error:
                    if isinstance(error.detail, dict):
                        raise serializers.ValidationError({**error.detail, **wrong}) from None
                raise serializers.ValidationError(wrong)
        return super().to_internal_value(data)


def output_datetime(value: datetime.datetime, tz: datetime.tzinfo | None = None) -> datetime.datetime | str:
    """A datetime as DRF's DateTimeField writes it (current time zone, ISO
    8601, `Z` for UTC): for read paths that build rows without serializers.

    In UTC (the default time zone) the datetime itself: the API's renderer
    (tandem.api.renderers) writes it exactly so, for a fraction of the cost of
    formatting it here. `tz`: the current time zone, when the caller looked it
    up once for many rows."""
    tz = tz or timezone.get_current_timezone()
    if value.tzinfo is datetime.UTC and _is_utc(tz):
        return value
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# What timezone.get_current_timezone() returns for TIME_ZONE = "UTC" (zoneinfo
# caches one instance per key), or the standard library's UTC.
_UTC_ZONES = (datetime.UTC, zoneinfo.ZoneInfo("UTC"))


def _is_utc(tz: datetime.tzinfo) -> bool:
    return tz is _UTC_ZONES[0] or tz is _UTC_ZONES[1]


_FILTER_DEFAULTS: dict[type, dict[str, Any]] = {}


def query_filters(serializer_class: type[serializers.Serializer], params: Any) -> dict[str, Any]:
    """The validated filters of a list's query string.

    A query that names none of the serializer's fields (the common case: only
    a page size or a cursor) gets the fields' defaults, exactly what the
    serializer would return, without building and running it; anything else
    is validated by the serializer (its 400s included)."""
    defaults = _FILTER_DEFAULTS.get(serializer_class)
    if defaults is None:
        fields = serializer_class().fields
        if any(callable(field.default) for field in fields.values()):
            defaults = {}
        else:
            defaults = {name: f.default for name, f in fields.items() if f.default is not serializers.empty}
        _FILTER_DEFAULTS[serializer_class] = defaults
    if defaults and not any(name in params for name in serializer_class._declared_fields):
        return dict(defaults)
    filters = serializer_class(data=params)
    filters.is_valid(raise_exception=True)
    return dict(filters.validated_data)
