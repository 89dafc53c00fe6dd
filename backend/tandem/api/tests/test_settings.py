"""The real settings module, as production would load it (fresh processes)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

import config.settings as real_settings

BACKEND_DIR = Path(__file__).resolve().parents[3]
REAL_SECRET = secrets.token_urlsafe(50)


@pytest.fixture(scope="module")
def rsa_pem() -> str:
    return real_settings._make_rsa_private_key()


def run_django(tmp_path: Path, args: list[str], **env_vars: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TANDEM_", "DATABASE_URL", "REDIS_URL", "ACCOUNT_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings", TANDEM_DATA_DIR=str(tmp_path), **env_vars)
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SETUP = ["-c", "import django; django.setup(); print('STARTED')"]


def test_argon2_is_the_first_password_hasher():
    # Read from the module: the test suite swaps in a fast hasher per test.
    assert real_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "change-me", "django-insecure-abcdefghijklmnopqrstuvwxyz0123456789abcdef", "too-short-1234"],
    ids=["unset", "empty", "placeholder", "django-insecure", "short"],
)
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, rsa_pem, secret_key):
    env = {"DJANGO_DEBUG": "false", "DJANGO_JWT_PRIVATE_KEY": rsa_pem}
    if secret_key is not None:
        env["DJANGO_SECRET_KEY"] = secret_key

    result = run_django(tmp_path, SETUP, **env)

    assert result.returncode != 0
    assert "STARTED" not in result.stdout
    assert "DJANGO_SECRET_KEY" in result.stderr
    # No development secret was quietly generated instead.
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_to_start_without_a_jwt_private_key(tmp_path):
    result = run_django(tmp_path, SETUP, DJANGO_DEBUG="false", DJANGO_SECRET_KEY=REAL_SECRET)

    assert result.returncode != 0
    assert "DJANGO_JWT_PRIVATE_KEY" in result.stderr
    assert not (tmp_path / "jwt-private-key.pem").exists()


def test_production_starts_with_real_secrets(tmp_path, rsa_pem):
    result = run_django(
        tmp_path, SETUP, DJANGO_DEBUG="false", DJANGO_SECRET_KEY=REAL_SECRET, DJANGO_JWT_PRIVATE_KEY=rsa_pem
    )

    assert result.returncode == 0, result.stderr
    assert "STARTED" in result.stdout


def test_deploy_check_is_clean_with_production_settings(tmp_path, rsa_pem):
    result = run_django(
        tmp_path,
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=REAL_SECRET,
        DJANGO_JWT_PRIVATE_KEY=rsa_pem,
        DJANGO_ALLOWED_HOSTS="example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_settings_secure_the_cookies_and_transport(tmp_path, rsa_pem):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, getattr(s, 'CORS_ALLOW_ALL_ORIGINS', False), "
        "'*' in s.CORS_ALLOWED_ORIGINS, s.HEADLESS_JWT_STATEFUL_VALIDATION_ENABLED)"
    )
    result = run_django(
        tmp_path,
        ["-c", script],
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=REAL_SECRET,
        DJANGO_JWT_PRIVATE_KEY=rsa_pem,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "True",
        "False",
        "False",
        "True",
    ]


def test_deploy_check_names_a_cross_origin_spa_left_out_of_the_csrf_trusted_origins(tmp_path, rsa_pem):
    production = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": REAL_SECRET,
        "DJANGO_JWT_PRIVATE_KEY": rsa_pem,
        "DJANGO_ALLOWED_HOSTS": "api.example.com",
        "DJANGO_CORS_ALLOWED_ORIGINS": "https://app.example.com",
        "TANDEM_FRONTEND_URL": "https://app.example.com",
    }
    check = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]

    missing = run_django(
        tmp_path, check, DJANGO_CSRF_TRUSTED_ORIGINS="https://other.example.com", **production
    )
    # deploy/compose.yml passes the variable through blank when it is unset:
    # blank means "the CORS origins", like unset.
    blank = run_django(tmp_path, check, DJANGO_CSRF_TRUSTED_ORIGINS="", **production)
    fixed = run_django(tmp_path, check, DJANGO_CSRF_TRUSTED_ORIGINS="https://app.example.com", **production)

    assert missing.returncode != 0
    assert (
        "(tandem.W001) https://app.example.com is in DJANGO_CORS_ALLOWED_ORIGINS but not in "
        "DJANGO_CSRF_TRUSTED_ORIGINS" in missing.stderr
    )
    assert blank.returncode == 0, blank.stdout + blank.stderr
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


SPA_DIST = [
    "-c",
    "import django; django.setup(); from django.conf import settings; print('DIST', settings.SPA_DIST_DIR)",
]


@pytest.mark.parametrize(
    ("client", "folder"), [(None, "vue"), ("vue", "vue"), ("react", "react"), (" React ", "react")]
)
def test_tandem_client_picks_the_spa_django_serves(tmp_path, client, folder):
    env = {"TANDEM_CLIENT": client} if client is not None else {}

    result = run_django(tmp_path, SPA_DIST, **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(str(BACKEND_DIR.parent / "apps" / folder / "dist"))


def test_tandem_spa_dist_overrides_the_client(tmp_path):
    result = run_django(tmp_path, SPA_DIST, TANDEM_CLIENT="react", TANDEM_SPA_DIST=str(tmp_path / "spa"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"DIST {tmp_path / 'spa'}"


def test_an_unknown_client_refuses_to_start_and_names_the_choices(tmp_path):
    result = run_django(tmp_path, SETUP, TANDEM_CLIENT="angular")

    assert result.returncode != 0
    assert "STARTED" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert "TANDEM_CLIENT must be one of vue, react (got 'angular')" in result.stderr


LOAD_WSGI_APP = [
    "-c",
    "import gc, socket, config.wsgi; from django.db import connections; "
    "print(sum(c.connection is not None for c in connections.all()), "
    "sum(isinstance(o, socket.socket) for o in gc.get_objects()))",
]


def test_loading_the_wsgi_app_opens_no_connection(tmp_path: Path, rsa_pem: str):
    # gunicorn loads the app once, in its master, and forks the workers from it
    # (preload_app): a database connection or socket opened while loading would
    # be shared by every worker, their queries interleaved on one wire.
    services = {name: os.environ[name] for name in ("DATABASE_URL", "REDIS_URL") if os.environ.get(name)}
    result = run_django(
        tmp_path, LOAD_WSGI_APP, DJANGO_DEBUG="false", DJANGO_SECRET_KEY=REAL_SECRET,
        DJANGO_JWT_PRIVATE_KEY=rsa_pem, **services,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "0"]  # connections, sockets
