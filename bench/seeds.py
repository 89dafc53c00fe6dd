"""The tutorial stack Tandem replaces, in one file, for comparison only.

DRF ModelViewSet + ModelSerializer, SimpleJWT bearer tokens, page-number
pagination (a COUNT per page), Django's default middleware, SQLite, and
Django's default password hasher (PBKDF2). bench/run.py serves it as
`bench.seeds:application` and runs `python -m bench.seeds setup` first.
"""

from __future__ import annotations

import os
import sys

import django
from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-seeds-not-a-secret-but-long-enough-for-hs256-keys",  # noqa: S106
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "rest_framework",
            "bench",
        ],
        MIDDLEWARE=[  # startproject's defaults
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.environ["SEEDS_DB"],
                "CONN_MAX_AGE": 600,
            }
        },
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        REST_FRAMEWORK={
            "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
            "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
            "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
            "PAGE_SIZE": 20,
        },
    )
    django.setup()

from django.contrib.auth.models import User
from django.core.wsgi import get_wsgi_application
from django.db import models
from django.urls import include, path
from rest_framework import routers, serializers, viewsets
from rest_framework_simplejwt.views import TokenObtainPairView


class Todo(models.Model):  # noqa: DJ008
    owner = models.ForeignKey(User, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    done = models.BooleanField(default=False)
    due_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        app_label = "bench"
        ordering = ["-created", "-id"]


class TodoSerializer(serializers.ModelSerializer):
    class Meta:
        model = Todo
        fields = ["id", "title", "notes", "done", "due_date", "created", "updated", "version"]


class TodoViewSet(viewsets.ModelViewSet):
    serializer_class = TodoSerializer

    def get_queryset(self):
        return Todo.objects.filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


router = routers.DefaultRouter()
router.register("todos", TodoViewSet, basename="todo")
urlpatterns = [
    path("api/token/", TokenObtainPairView.as_view()),
    path("api/", include(router.urls)),
]

application = get_wsgi_application()


def setup(email: str, password: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--run-syncdb", verbosity=0)
    with connection.schema_editor() as editor:
        if Todo._meta.db_table not in connection.introspection.table_names():
            editor.create_model(Todo)
    user = User.objects.create_user(username=email, email=email, password=password)
    Todo.objects.bulk_create([Todo(owner=user, title=f"todo {i}") for i in range(40)])


if __name__ == "__main__" and sys.argv[1:2] == ["setup"]:
    setup(sys.argv[2], sys.argv[3])
