from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "tandem.dashboard"
    label = "dashboard"
