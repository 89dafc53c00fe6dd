from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "tandem.posts"
    label = "posts"
