from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from rest_framework import serializers


class StrictInputSerializer(serializers.Serializer):
    """Refuses fields it does not declare, so a mass-assignment attempt
    (owner, id, created, ...) or a typo is an error, not silently dropped."""

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
        return super().to_internal_value(data)


def iso_datetime(value: datetime.datetime, tz: datetime.tzinfo | None = None) -> str:
    """A datetime as DRF's DateTimeField writes it (current time zone, ISO
    8601, `Z` for UTC): for read paths that build rows without serializers.
    `tz`: the current time zone, when the caller looked it up once for many rows."""
    text = value.astimezone(tz or timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
