from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from tandem.accounts import apis as account_apis
from tandem.api import views as api_views
from tandem.spa.views import spa_index

handler500 = "tandem.api.views.server_error"

# allauth headless mounts its phone endpoints whatever the settings; Tandem has
# no phone numbers (no adapter methods behind them), so they answer 500s. Left
# out, they are unknown endpoints like any other: a JSON 404.
UNUSED_AUTH_ENDPOINTS = frozenset({"manage_phone", "verify_phone", "resend_phone_verification_code"})


def without(patterns: list, names: frozenset[str]) -> list:
    kept: list = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            kept.append(
                URLResolver(
                    entry.pattern,
                    without(entry.url_patterns, names),
                    entry.default_kwargs,
                    entry.app_name,
                    entry.namespace,
                )
            )
        elif not (isinstance(entry, URLPattern) and entry.name in names):
            kept.append(entry)
    return kept


def _auth_urls():
    from allauth.headless import urls as headless_urls

    return include((without(headless_urls.urlpatterns, UNUSED_AUTH_ENDPOINTS), headless_urls.app_name))


urlpatterns = [
    path("api/auth/", _auth_urls()),
    path("api/csrf/", api_views.csrf_token, name="csrf-token"),
    path("api/health/", api_views.health, name="health"),
    path("api/todos/", include("tandem.todos.urls")),
    path("api/posts/", include("tandem.posts.urls")),
    path("api/dashboard/", include("tandem.dashboard.urls")),
    path("api/account/", include("tandem.accounts.urls")),
    # Development only: answers 404 unless DEBUG is on.
    path("api/dev/outbox/", account_apis.dev_outbox, name="dev-outbox"),
    path("admin/", admin.site.urls),
]

if settings.BENCH_ENDPOINTS:
    urlpatterns.append(path("api/bench/bare/", api_views.bench_bare))

if settings.DEBUG:
    urlpatterns += [
        path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
        path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    ]

if settings.HEADLESS_SERVE_SPECIFICATION:
    # Ahead of allauth's own routes, wherever it serves its specification: the
    # document with Tandem's corrections (tandem.api.allauth_spec), the same as
    # openapi/allauth.yaml.
    urlpatterns[:0] = [
        path("api/auth/openapi.yaml", api_views.allauth_openapi, {"fmt": "yaml"}),
        path("api/auth/openapi.json", api_views.allauth_openapi, {"fmt": "json"}),
    ]

# History-mode fallback: any other path is a client-side route. API, admin,
# static and the SPA's own asset folder are excluded, so a missing file is a
# real 404, never index.html.
urlpatterns += [re_path(r"^(?!api/|api$|admin/|static/|assets/).*$", spa_index, name="spa")]
