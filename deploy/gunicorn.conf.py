"""gunicorn settings for Tandem, from the environment (see README, "Deploying")."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync Django views: a few processes, each with a few threads for I/O waits.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that runs longer than this is killed and answered 502/504 by the proxy.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM, finish in-flight requests for up to this long before exiting.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Load Django once, in the master, before forking the workers: a new or recycled
# worker starts with it imported (a fresh import costs ~0.5 s CPU) and shares its
# pages (bench/README.md, "App servers"). Code changes then need a restart, not HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"
# The cyclic garbage collector writes into every object it examines, so a worker's
# collections would copy the pages it shares with the master one by one. Objects
# that exist at a fork are frozen: workers' collections skip them.
_gc_freeze = preload_app and os.environ.get("GUNICORN_GC_FREEZE", "true").lower() != "false"


def pre_fork(server, worker):
    if _gc_freeze:
        gc.freeze()


# Recycle workers now and then so a slow leak cannot grow without bound; rarely
# enough that at a thousand requests a second, recycling is not a cost you see.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# Django's JSON logs carry the request id; gunicorn's access log adds little beyond them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "config.wsgi:application"
chdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "backend")
