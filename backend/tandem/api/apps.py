from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tandem.api"
    label = "tandem_api"

    def ready(self) -> None:
        from . import schema_extensions  # noqa: F401  (registers with drf-spectacular)
