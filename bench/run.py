"""Load benchmark: app servers x endpoints, on loopback, bounded in time.

    make bench                      # Postgres + Redis when they answer, else SQLite
    .venv/bin/python -m bench.run --seconds 10 --connections 16 --servers gunicorn-gthread granian

For each app server it measures, in one run on one machine (compare the
ratios, not the absolute numbers: the machine is shared and noisy):
  bare        a Django JsonResponse view (middleware, no DRF, no auth, no DB)
  todos-jwt   GET /api/todos/?page_size=20 with a Bearer access token
  todos-sess  the same with the session cookie
DESIGN.md's budget: an authenticated list of 20 todos reaches at least half
the requests/s of the bare view. Load comes from wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from pathlib import Path

from harness.servers import (
    Server,
    drop_postgres_database,
    free_port,
    fresh_postgres_database,
    manage,
    production_env,
)

REPO = Path(__file__).resolve().parent.parent

PASSWORD = "bench-password-long-1"
ADMIN_DATABASE_URL = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/test"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/10"
CORES = os.cpu_count() or 2


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "--config",
    "deploy/gunicorn.conf.py",
    "--bind",
    "127.0.0.1:{port}",
]
SERVERS = {
    # name: (command template, description, extra environment)
    "gunicorn-sync": (
        [*GUNICORN, "--workers", str(CORES * 2 + 1), "--threads", "1"], f"{CORES * 2 + 1} sync workers", {},
    ),
    "gunicorn-gthread": (
        [*GUNICORN, "--workers", str(CORES + 1), "--threads", "4"], f"{CORES + 1} workers x 4 threads", {},
    ),
    "gunicorn-gthread-pool": (
        [*GUNICORN, "--workers", str(CORES + 1), "--threads", "4"],
        f"{CORES + 1} workers x 4 threads, psycopg pool",
        {"TANDEM_DB_POOL": "true"},
    ),
    "granian": (
        [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", "{port}",
         "--workers", str(CORES), "--blocking-threads", "4", "--working-dir", "backend", "config.wsgi:application"],
        f"{CORES} workers x 4 blocking threads",
        {},
    ),
}  # fmt: skip


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> dict[str, float]:
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        "rps": rps,
        "p50_ms": float(p50.group(1)) * scale[p50.group(2)],
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)],
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def post_json(url: str, body: dict, headers: dict[str, str] | None = None) -> tuple[dict, list[str]]:
    """POSTs JSON; returns the parsed answer and its Set-Cookie headers."""
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read()), response.headers.get_all("Set-Cookie") or []


def credentials(base: str, email: str) -> dict[str, dict[str, str]]:
    token = post_json(f"{base}/api/auth/app/v1/auth/login", {"email": email, "password": PASSWORD})[0]
    # Browser login: CSRF cookie + token first, then the session cookie from the login answer.
    with urllib.request.urlopen(f"{base}/api/csrf/", timeout=10) as response:  # noqa: S310
        csrf = json.loads(response.read())["csrf_token"]
        csrf_cookie = response.headers["Set-Cookie"].split(";")[0]
    _, cookies = post_json(
        f"{base}/api/auth/browser/v1/auth/login",
        {"email": email, "password": PASSWORD},
        {"X-CSRFToken": csrf, "Cookie": csrf_cookie},
    )
    session = next(cookie.split(";")[0] for cookie in cookies if cookie.startswith("sessionid="))
    return {
        "todos-jwt": {"Authorization": f"Bearer {token['meta']['access_token']}"},
        "todos-sess": {"Cookie": session},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--servers", nargs="+", default=list(SERVERS), choices=list(SERVERS))
    parser.add_argument("--db", choices=["auto", "sqlite", "postgres"], default="auto")
    parser.add_argument("--json", type=Path, default=REPO / "test-results" / "bench.json")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    use_postgres = args.db == "postgres" or (args.db == "auto" and answers(5432) and answers(6379))
    data_dir = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    db_name = f"tandem_bench_{uuid.uuid4().hex[:8]}"
    overrides = {
        "TANDEM_BENCH_ENDPOINTS": "true",
        "TANDEM_THROTTLE_USER": "100000000/min",  # measure the app, not the throttle
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",
    }
    if use_postgres:
        overrides["DATABASE_URL"] = fresh_postgres_database(ADMIN_DATABASE_URL, db_name)
        overrides["REDIS_URL"] = REDIS_URL
        overrides["TANDEM_CACHE_PREFIX"] = db_name
    env = production_env(data_dir, **overrides)
    manage(env, "migrate", "--noinput", "-v0")
    email = "bench@example.com"
    manage(
        env, "shell", "-c",
        "from allauth.account.models import EmailAddress; from tandem.accounts.models import User;"
        "from tandem.todos.models import Todo;"
        f"u = User.objects.create_user(email={email!r}, password={PASSWORD!r});"
        f"EmailAddress.objects.create(user=u, email={email!r}, primary=True, verified=True);"
        "Todo.objects.bulk_create([Todo(owner=u, title=f'todo {i}') for i in range(40)])",
    )  # fmt: skip

    results: dict[str, dict[str, dict[str, float]]] = {}
    print(f"database: {'Postgres + Redis' if use_postgres else 'SQLite + local memory'}; "
          f"{args.connections} connections, {args.seconds}s per run, {CORES} cores\n")  # fmt: skip
    try:
        for name in args.servers:
            command, description, extra_env = SERVERS[name]
            if extra_env.get("TANDEM_DB_POOL") and not use_postgres:
                continue  # the pool is Postgres-only
            server = Server(f"bench-{name}", command, {**env, **extra_env}, port=free_port()).start()
            try:
                endpoints = {"bare": ({}, "/api/bench/bare/")}
                for label, headers in credentials(server.url, email).items():
                    endpoints[label] = (headers, "/api/todos/?page_size=20")
                results[name] = {}
                for label, (headers, path) in endpoints.items():
                    wrk(f"{server.url}{path}", 2, args.connections, headers)  # warm-up
                    results[name][label] = wrk(f"{server.url}{path}", args.seconds, args.connections, headers)
            finally:
                server.stop()
            row = results[name]
            print(f"{name} ({description})")
            for label, numbers in row.items():
                ratio = numbers["rps"] / row["bare"]["rps"]
                print(
                    f"  {label:<11} {numbers['rps']:>8.0f} req/s  p50 {numbers['p50_ms']:>6.1f} ms  "
                    f"p99 {numbers['p99_ms']:>6.1f} ms  non-2xx {numbers['errors']:<4} x{ratio:.2f} of bare"
                )
    finally:
        if use_postgres:
            drop_postgres_database(ADMIN_DATABASE_URL, db_name)
        shutil.rmtree(data_dir, ignore_errors=True)

    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    failures = [
        f"{name}: {label} at x{row[label]['rps'] / row['bare']['rps']:.2f} of bare"
        for name, row in results.items()
        for label in ("todos-jwt", "todos-sess")
        if row[label]["rps"] < 0.5 * row["bare"]["rps"] or row[label]["errors"]
    ]
    print(
        "\nbudget (todos >= 0.5 x bare, no errors):",
        "met" if not failures else "MISSED: " + "; ".join(failures),
    )
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
