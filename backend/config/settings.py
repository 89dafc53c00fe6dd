"""Tandem settings: one module, driven by environment variables.

Development needs no variables at all (SQLite + local-memory cache, keys
generated into the git-ignored data folder). Production is selected by
DJANGO_DEBUG=false and then refuses to start without real secrets.
Every variable is listed in the README's configuration table.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers
from django.core.exceptions import ImproperlyConfigured

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
DATA_DIR = Path(env_str("TANDEM_DATA_DIR") or REPO_DIR / "data")


def _dev_secret(filename: str, make) -> str:
    """Create a development secret once and keep it in the data folder,
    so sessions and tokens survive restarts without anything to configure."""
    path = DATA_DIR / filename
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text()


def _make_rsa_private_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


_PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "please-change-me"}

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
JWT_PRIVATE_KEY = env_str("DJANGO_JWT_PRIVATE_KEY").replace("\\n", "\n")
if DEBUG:
    SECRET_KEY = SECRET_KEY or _dev_secret("secret_key", lambda: secrets.token_urlsafe(50))
    JWT_PRIVATE_KEY = JWT_PRIVATE_KEY or _dev_secret("jwt-private-key.pem", _make_rsa_private_key)
else:
    if (
        SECRET_KEY.lower() in _PLACEHOLDER_SECRETS
        or SECRET_KEY.startswith("django-insecure")
        or len(SECRET_KEY) < 40
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of 40+ characters when "
            "DJANGO_DEBUG is false. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if "PRIVATE KEY" not in JWT_PRIVATE_KEY:
        raise ImproperlyConfigured(
            "DJANGO_JWT_PRIVATE_KEY must hold an RSA private key in PEM format when "
            "DJANGO_DEBUG is false (see README, 'Configuration')."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: runserver then serves static files exactly as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "allauth.mfa",
    "allauth.usersessions",
    "tandem.api",
    "tandem.accounts",
    "tandem.todos",
    "tandem.posts",
    "tandem.dashboard",
    "tandem.spa",
]

MIDDLEWARE = [
    "tandem.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, with the (constant) header built once.
    "tandem.api.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Logs a refused cross-origin request with the setting to change; outside
    # CorsMiddleware, so it sees the CORS headers (and preflights) it produced.
    "tandem.api.middleware.CorsRefusalLogMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Outermost of our own: anything under /api/ that is not JSON leaves as JSON.
    "tandem.api.middleware.JsonApiErrorsMiddleware",
    # Bodies nested too deep for Python's json, or holding lone surrogates: 400
    # before DRF's parser or allauth's own json.loads can fail on them.
    "tandem.api.middleware.JsonBodyGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's, with the message storage built only when used.
    "tandem.api.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Records each signed-in session (device, IP, last seen) for the sessions
    # page: allauth's UserSessionsMiddleware, throttled to once a minute.
    "tandem.accounts.middleware.UserSessionActivityMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
CONN_MAX_AGE = env_int("DJANGO_CONN_MAX_AGE", 600)
# Postgres: persistent per-thread connections (default), or psycopg's pool
# (TANDEM_DB_POOL=true) shared by a process's threads; bench/README.md compares them.
DB_POOL = env_bool("TANDEM_DB_POOL", False)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=0 if DB_POOL else CONN_MAX_AGE, conn_health_checks=not DB_POOL
        )
    }
    if DB_POOL:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env_int("TANDEM_DB_POOL_MAX", 8),
            "timeout": 5,
        }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "db.sqlite3",
            "CONN_MAX_AGE": CONN_MAX_AGE,
            # A file, not Django's in-memory default: concurrency tests need several
            # connections to see one database, as they do in production. One per
            # process, so two test runs on one machine never share it.
            "TEST": {"NAME": DATA_DIR / f"test-db-{os.getpid()}.sqlite3"},
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue on
                # busy_timeout instead of failing with "database is locked" mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions --------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, one client per pool and the auth round trip (tandem/api/cache.py).
            "BACKEND": "tandem.api.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("TANDEM_CACHE_PREFIX", "tandem"),
            # Fail fast when Redis is down (503 JSON) instead of hanging a worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    # Sessions are read on every request (and by stateful JWT validation):
    # the cache answers, the database keeps them durable.
    SESSION_ENGINE = "tandem.accounts.sessionstores.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # A per-process cache would keep serving a revoked session in other
    # workers, so without a shared cache the database alone holds sessions.
    SESSION_ENGINE = "tandem.accounts.sessionstores.db"

# Who is signed in, per session, without reading the session and the user
# from the database on every request (tandem/accounts/authrecords.py): in the
# shared cache with Redis; without it, one query joining session and user.
TANDEM_AUTH_RECORDS = "cache" if REDIS_URL else "database"

# --- Auth -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# One canonical form per address (email-validator: NFC, IDNA domain, lower case).
ACCOUNT_ADAPTER = "tandem.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
# Verifying by the emailed link, in the browser that signed up, finishes the signup.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
# A changed address takes effect only once the new one is verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tandem] "
# Tell the user by email when their password, email or MFA changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
# Changing the email (like MFA changes and deleting the account) needs a
# recent re-authentication: 401 with a `reauthenticate` flow otherwise.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("TANDEM_REAUTHENTICATION_SECONDS", 300)
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated here so they are visible and tunable. They live
    # in the cache: Redis (shared by every worker) when REDIS_URL is set.
    "login": env_str("TANDEM_RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": env_str("TANDEM_RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": env_str("TANDEM_RATE_LIMIT_SIGNUP", "20/m/ip"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # One verification email per address every 3 minutes.
    "confirm_email": "1/3m/key",
}
# The development value; tandem.W002 checks only a URL that was configured.
DEFAULT_FRONTEND_URL = "http://127.0.0.1:8000"
FRONTEND_URL = env_str("TANDEM_FRONTEND_URL", DEFAULT_FRONTEND_URL).rstrip("/")

HEADLESS_ONLY = True
HEADLESS_ADAPTER = "tandem.accounts.adapter.HeadlessAdapter"
HEADLESS_CLIENTS = ("browser", "app")
HEADLESS_SERVE_SPECIFICATION = DEBUG
# Emailed links land on allauth's conventional frontend routes (those of its
# headless docs and example SPA), so any client built on them works; the Vue
# SPA serves them and redirects its older paths (/signup, /account/password/reset/{key}).
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{FRONTEND_URL}/account/verify-email/{{key}}",
    "account_reset_password": f"{FRONTEND_URL}/account/password/reset",
    "account_reset_password_from_key": f"{FRONTEND_URL}/account/password/reset/key/{{key}}",
    "account_signup": f"{FRONTEND_URL}/account/signup",
}
# allauth's JWT strategy: bearer tokens validated from the session's auth record
# (tandem/api/authentication.py); a rotated-out refresh token presented again ends
# its session (tandem/accounts/tokens.py).
HEADLESS_TOKEN_STRATEGY = "tandem.api.authentication.JWTTokenStrategy"  # noqa: S105
HEADLESS_JWT_PRIVATE_KEY = JWT_PRIVATE_KEY
HEADLESS_JWT_ACCESS_TOKEN_EXPIRES_IN = env_int("TANDEM_JWT_ACCESS_SECONDS", 300)
HEADLESS_JWT_REFRESH_TOKEN_EXPIRES_IN = env_int("TANDEM_JWT_REFRESH_SECONDS", 86400)
# A refresh token rotated out less than this long ago is refused without ending its
# session (another tab may not have seen its successor yet); later reuse ends it.
TANDEM_REFRESH_REUSE_GRACE_SECONDS = env_int("TANDEM_REFRESH_REUSE_GRACE_SECONDS", 10)
HEADLESS_JWT_ROTATE_REFRESH_TOKEN = True
# Logout must revoke: every access token is checked against its live session.
HEADLESS_JWT_STATEFUL_VALIDATION_ENABLED = True

# --- MFA and sessions ------------------------------------------------------
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Tandem"
# Recovery codes are shown once, when generated; after that only their count.
MFA_RECOVERY_CODES_SHOW_ONCE = True
# Last-seen time and IP on the sessions page.
USERSESSIONS_TRACK_ACTIVITY = True

# --- HTTP security ----------------------------------------------------------
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
# WebAuthn refuses plain-http origins unless told otherwise: allowed only when
# this server is not on HTTPS (http://127.0.0.1 in development and tests).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_AGE = env_int("TANDEM_SESSION_SECONDS", 60 * 60 * 24 * 14)
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = HTTPS
CSRF_FAILURE_VIEW = "tandem.api.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookie scope. Leave the domain unset for one host (then, over HTTPS, the
# cookies get the strict __Host- prefix); set it (".example.com") when the SPA
# and the API live on sibling subdomains (then __Secure-).
SESSION_COOKIE_DOMAIN = env_str("DJANGO_COOKIE_DOMAIN") or None
CSRF_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN
if HTTPS:
    _cookie_prefix = "__Secure-" if SESSION_COOKIE_DOMAIN else "__Host-"
    SESSION_COOKIE_NAME = f"{_cookie_prefix}sessionid"
    CSRF_COOKIE_NAME = f"{_cookie_prefix}csrftoken"

# Behind N reverse proxies, the client's address is the Nth from the right in
# X-Forwarded-For; rate limits (allauth's and DRF's) must count clients, not the proxy.
TRUSTED_PROXY_COUNT = env_int("TANDEM_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
USE_X_FORWARDED_HOST = env_bool("DJANGO_USE_X_FORWARDED_HOST", False)

# Content-Security-Policy: the built SPA needs no inline script or style, and
# talks only to its own origin (plus any API origin it is configured for).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *env_list("TANDEM_CSP_CONNECT_SRC", [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
    # The development-only API docs load Swagger UI / Redoc from a CDN.
    "EXCLUDE_URL_PREFIXES": ["/api/docs/", "/api/auth/openapi.html"],
}
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Health probes come over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^api/health/$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 30)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is hard to undo (browsers ship the list): an explicit choice per domain.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# The SPA's origins when it is served from elsewhere (Vite dev server by default).
# An explicit list: never a wildcard, never a reflected origin.
CORS_ALLOWED_ORIGINS = env_list(
    "DJANGO_CORS_ALLOWED_ORIGINS", ["http://localhost:5173", "http://127.0.0.1:5173"]
)
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/api/.*$"
# Request headers a cross-origin SPA sends besides corsheaders' defaults (which
# cover Authorization, Content-Type and X-CSRFToken): allauth's session token
# (token mode) and key headers, optimistic-concurrency If-Match, a request id.
CORS_ALLOW_HEADERS = (
    *default_cors_headers,
    "x-session-token",
    "x-email-verification-key",
    "x-password-reset-key",
    "if-match",
    "x-request-id",
)
# Response headers the SPA reads, invisible to cross-origin scripts unless exposed.
CORS_EXPOSE_HEADERS = ["Retry-After", "X-Request-ID"]
# Unset or blank (as compose passes an unset variable): the CORS origins, which
# session mode needs trusted for its writes.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", []) or CORS_ALLOWED_ORIGINS

# --- Domain API -------------------------------------------------------------
REST_FRAMEWORK = {
    # JWT first: its Bearer challenge makes a bad token a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tandem.api.authentication.JWTAuthentication",
        "tandem.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["tandem.api.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "tandem.api.negotiation.ContentNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tandem.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "tandem.api.throttling.AnonRateThrottle",
        "tandem.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("TANDEM_THROTTLE_ANON", "120/min"),
        "user": env_str("TANDEM_THROTTLE_USER", "1200/min"),
    },
    "UNAUTHENTICATED_USER": None,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tandem API",
    "DESCRIPTION": "Domain API of Tandem. Authentication endpoints live in the allauth "
    "headless specification (openapi/allauth.yaml).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tandem.api.schema_hooks.postprocess",
    ],
}

# Extra endpoints for bench/run.py only (a bare JsonResponse baseline).
BENCH_ENDPOINTS = env_bool("TANDEM_BENCH_ENDPOINTS", False)

# 2.5 MB is Django's default; stated because the API answers 413 above it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Static files and the built SPA ----------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("TANDEM_STATIC_ROOT") or DATA_DIR / "staticfiles")
# Which built SPA Django serves at "/": apps/vue (default) or apps/react, both
# built on @tandem/client with the same pages. TANDEM_SPA_DIST (a folder)
# overrides the choice, e.g. for a build made elsewhere.
SPA_CLIENTS = ("vue", "react")
TANDEM_CLIENT = (env_str("TANDEM_CLIENT") or "vue").strip().lower()
if TANDEM_CLIENT not in SPA_CLIENTS:
    raise ImproperlyConfigured(
        f"TANDEM_CLIENT must be one of {', '.join(SPA_CLIENTS)} (got {TANDEM_CLIENT!r})."
    )
SPA_DIST_DIR = Path(env_str("TANDEM_SPA_DIST") or REPO_DIR / "apps" / TANDEM_CLIENT / "dist")
# Whitenoise serves the SPA's files (index.html's assets) from the site root.
WHITENOISE_ROOT = SPA_DIST_DIR if SPA_DIST_DIR.is_dir() else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


def _is_hashed_asset(path: str, url: str) -> bool:
    # Vite fingerprints everything under /assets/: cache forever.
    return url.startswith("/assets/")


WHITENOISE_IMMUTABLE_FILE_TEST = _is_hashed_asset

# --- Email ------------------------------------------------------------------
# Every email is printed to the console; with an outbox folder (always in
# DEBUG, or TANDEM_EMAIL_OUTBOX_DIR) it is also kept there as JSON, listed by
# the dev-only page /dev/outbox and read by the browser tests.
EMAIL_OUTBOX_DIR = env_str("TANDEM_EMAIL_OUTBOX_DIR") or (str(DATA_DIR / "outbox") if DEBUG else "")
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "tandem.accounts.email.ConsoleOutboxEmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Tandem <noreply@localhost>")
# SMTP, for DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- I18N -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Structured JSON logs in production (one object per line, with the request
# id); readable text in development. DJANGO_LOG_FORMAT overrides either way.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "tandem.observability.RequestIdFilter"},
        "safe_request": {"()": "tandem.observability.SafeRequestFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "safe_request"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO"), "propagate": False},
        # Our JSON error middleware logs server errors itself.
        "django.request": {"level": "ERROR" if DEBUG else "WARNING"},
    },
}
