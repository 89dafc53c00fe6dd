from __future__ import annotations

from rest_framework import serializers

from tandem.api.serializers import StrictInputSerializer


class ProfileOutputSerializer(serializers.Serializer):
    email = serializers.EmailField(read_only=True)
    name = serializers.CharField(read_only=True, help_text="Display name, shown in the app header.")


class ProfileUpdateInputSerializer(StrictInputSerializer):
    name = serializers.CharField(max_length=150, allow_blank=True, trim_whitespace=True)
