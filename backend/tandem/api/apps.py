from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tandem.api"
    label = "tandem_api"

    def ready(self) -> None:
        # Imported for their side effects: registration with drf-spectacular
        # and with Django's system check framework.
        from . import checks, schema_extensions  # noqa: F401
