"""In-process profile of one hot request, through the whole WSGI stack.

    .venv/bin/python -m bench.profile                      # bearer todos list, SQLite
    .venv/bin/python -m bench.profile --auth session --db redis --path /api/posts/

Production settings (DJANGO_DEBUG=false) in a scratch data folder; `--db
redis` uses Postgres (BENCH_DATABASE_URL, a database it may empty) and
REDIS_URL. It calls Django's WSGI application directly (no server, no
socket), `--requests` times under cProfile, and prints the CPU time per
request without the profiler, then the profile sorted by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EMAIL, PASSWORD = "bench@example.com", "bench-password-long-1"


def _environ(
    path: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes = b""
) -> dict:
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/json",
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def call(app, path: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes = b""):
    status_headers: list = []

    def start_response(status, response_headers, exc_info=None):
        status_headers[:] = [status, response_headers]

    result = app(_environ(path, method, headers, body), start_response)
    content = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return int(status_headers[0].split()[0]), status_headers[1], content


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--path", default="/api/todos/?page_size=20")
    parser.add_argument("--auth", choices=["bearer", "session", "none"], default="bearer")
    parser.add_argument("--db", choices=["sqlite", "redis"], default="sqlite")
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default="", help="a JSON body, e.g. for --method POST")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument(
        "--cpu", action="store_true", help="profile CPU time, not wall time (round trips' waiting left out)"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "backend"))
    sys.path.insert(0, str(REPO))
    from harness.servers import production_env

    scratch = Path(tempfile.mkdtemp(prefix="tandem-profile-"))
    overrides = {"TANDEM_THROTTLE_USER": "100000000/min", "DJANGO_LOG_LEVEL": "WARNING"}
    if args.db == "redis":
        overrides["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        overrides["REDIS_URL"] = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
        overrides["TANDEM_CACHE_PREFIX"] = f"profile-{uuid.uuid4().hex[:8]}"
    else:
        overrides["DATABASE_URL"] = overrides["REDIS_URL"] = ""
    os.environ.update(production_env(scratch, **overrides))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    from allauth.account.models import EmailAddress

    from tandem.accounts.models import User
    from tandem.posts.models import Post
    from tandem.todos.models import Todo

    user = User.objects.create_user(email=EMAIL, password=PASSWORD, name="Bench")
    EmailAddress.objects.create(user=user, email=EMAIL, primary=True, verified=True)
    other = User.objects.create_user(email="other@example.com", password=None)
    Todo.objects.bulk_create([Todo(owner=user, title=f"todo {i}") for i in range(40)])
    Post.objects.bulk_create(
        [Post(author=(user, other)[i % 2], title=f"post {i}", body="word " * 100) for i in range(40)]
    )

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    login = json.dumps({"email": EMAIL, "password": PASSWORD}).encode()
    headers: dict[str, str] = {}
    if args.auth == "bearer":
        _, _, content = call(app, "/api/auth/app/v1/auth/login", "POST", body=login)
        headers["Authorization"] = "Bearer " + json.loads(content)["meta"]["access_token"]
    elif args.auth == "session":
        _, response_headers, content = call(app, "/api/csrf/")
        csrf_cookie = next(
            v.split(";")[0] for k, v in response_headers if k == "Set-Cookie" and "csrftoken" in v
        )
        _, response_headers, content = call(
            app, "/api/auth/browser/v1/auth/login", "POST",
            {"X-CSRFToken": json.loads(content)["csrf_token"], "Cookie": csrf_cookie}, login,
        )  # fmt: skip
        headers["Cookie"] = next(
            v.split(";")[0] for k, v in response_headers if k == "Set-Cookie" and "sessionid" in v
        )
    for _ in range(50):
        status, _, content = call(app, args.path, args.method, headers, args.body.encode())
    print(f"{args.path} ({args.auth}, {args.db}): {status}, {len(content)} bytes")
    # The least CPU time of ten batches: other load on a shared machine only
    # ever adds (cache misses, preemption), so the minimum is the stable number.
    batches = []
    for _ in range(10):
        start = time.process_time()
        for _ in range(max(1, args.requests // 10)):
            call(app, args.path, args.method, headers, args.body.encode())
        batches.append((time.process_time() - start) * 1000 / max(1, args.requests // 10))
    print(
        f"CPU per request without the profiler: {min(batches):.3f} ms (least of 10 batches; median {sorted(batches)[5]:.3f})"
    )
    profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        call(app, args.path, args.method, headers, args.body.encode())
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats(args.sort)
    stats.print_stats(args.top)
    if os.environ.get("PROFILE_CALLERS"):
        stats.print_callers(os.environ["PROFILE_CALLERS"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
