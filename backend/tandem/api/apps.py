from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tandem.api"
    label = "tandem_api"

    def ready(self) -> None:
        # Imported for their side effects: registration with drf-spectacular,
        # with Django's system check framework, and of the Postgres loaders.
        from . import checks, pgloaders, schema_extensions  # noqa: F401
