"""Writes the two OpenAPI documents the frontend's types are generated from.

manage.py export_openapi            # rewrite openapi/*.yaml
manage.py export_openapi --check    # fail if they are stale (CI)

openapi/tandem.yaml is drf-spectacular's (with tandem.api.schema_hooks).
openapi/allauth.yaml is allauth headless's own specification corrected where
it does not match what the server sends: `mfa_login_webauthn` (and every other
flow) in `Flow.id`, a nullable `meta.is_authenticated`, the plain 401 of
re-authentication-protected operations called anonymously, `AuthenticationMethod`
as anyOf (a re-authentication record fits two variants), the recovery-codes
regeneration's 200, a real `WebAuthnCredential` schema, and the 400/401/403/
404/410/429 answers every operation can give. tandem.api.allauth_spec lists
each correction with its reason; the development server serves the same
corrected document at /api/auth/openapi.yaml and /api/auth/openapi.json.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

from tandem.api.allauth_spec import corrected_schema


def tandem_yaml() -> str:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


def allauth_yaml() -> str:
    return yaml.safe_dump(corrected_schema(), sort_keys=True, allow_unicode=True)


class Command(BaseCommand):
    help = "Export the domain (drf-spectacular) and auth (allauth headless) OpenAPI schemas."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail when the files are stale.")
        parser.add_argument("--out", default=str(settings.REPO_DIR / "openapi"))

    def handle(self, *args, check: bool, out: str, **options) -> None:
        out_dir = Path(out)
        documents = {"tandem.yaml": tandem_yaml(), "allauth.yaml": allauth_yaml()}
        stale = [
            name
            for name, content in documents.items()
            if not (out_dir / name).exists() or (out_dir / name).read_text() != content
        ]
        if check:
            if stale:
                raise CommandError(
                    f"OpenAPI schema stale: {', '.join(stale)}. Run `make schema` and commit the result."
                )
            self.stdout.write("OpenAPI schemas are up to date.")
            return
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, content in documents.items():
            (out_dir / name).write_text(content)
        self.stdout.write(f"Wrote {', '.join(documents)} to {out_dir}")
