from django.apps import AppConfig


class SpaConfig(AppConfig):
    name = "tandem.spa"
    label = "spa"
