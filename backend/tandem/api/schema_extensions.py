"""Teach drf-spectacular our authentication classes and strict input serializers
(imported in ready())."""

import copy

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension
from rest_framework.fields import CharField

NUL_REFUSED = "May not contain NUL characters."
NOT_BLANK = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "tandem.api.authentication.SessionAuthentication"
    name = "sessionAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "allauth browser session; writes also need the X-CSRFToken header.",
        }


class JWTScheme(OpenApiAuthenticationExtension):
    target_class = "tandem.api.authentication.JWTAuthentication"
    name = "jwtAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


class StrictInputScheme(OpenApiSerializerExtension):
    """A StrictInputSerializer refuses undeclared fields (400 `unknown_field`): say
    so with `additionalProperties: false`. Tandem's views validate every input
    serializer whole, PATCH included, so its required fields stay required (the
    profile's `name`) rather than being dropped as for DRF's partial updates."""

    target_class = "tandem.api.serializers.StrictInputSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        serializer = copy.copy(self.target)
        serializer.partial = False
        schema = auto_schema._map_serializer(serializer, direction, bypass_extensions=True)
        schema["additionalProperties"] = False
        for name, field in serializer.fields.items():
            prop = schema.get("properties", {}).get(name)
            if (
                isinstance(field, CharField)
                and prop
                and prop.get("type") == "string"
                and "format" not in prop
            ):
                # DRF refuses NUL in every text field (400 null_characters_not_allowed), and
                # a required text that is only whitespace once trimmed (400 blank). Said in
                # words for long texts: a pattern on a 50,000-character field makes every
                # generator (and validator) of the document crawl.
                if not field.allow_blank and field.trim_whitespace:
                    prop.setdefault("pattern", NOT_BLANK)
                else:
                    prop["description"] = " ".join(filter(None, [prop.get("description"), NUL_REFUSED]))
        return schema
