import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Import the URL configuration, and with it every view module, now rather than
# on a process's first request, which paid ~90 ms CPU for it (bench/README.md).
# Under gunicorn's preload_app this runs once, in the master, for every worker.
get_resolver().url_patterns  # noqa: B018 (evaluated for its imports)
