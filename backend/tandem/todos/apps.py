from django.apps import AppConfig


class TodosConfig(AppConfig):
    name = "tandem.todos"
    label = "todos"
