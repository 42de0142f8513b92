"""gunicorn settings, read from the environment: ``scripts/serve`` starts it.

- ``GUNICORN_BIND``: address to listen on (default ``127.0.0.1:8000``; put a proxy in front).
- ``GUNICORN_WORKERS``: worker processes (default: two per CPU core, plus one).
- ``GUNICORN_THREADS``: threads per worker (default 4); requests waiting on PostgreSQL
  leave the core to another thread.
- ``GUNICORN_TIMEOUT``: seconds before a stuck worker is restarted (default 30).
- ``GUNICORN_ACCESS_LOG``: ``-`` for standard output, a path, or unset for none.
"""

import os

wsgi_app = "commonground.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
# Django is set up once in the master, and the workers share its memory (see wsgi.py's
# gc.freeze); no database connection is opened while loading.
preload_app = True
# a worker is replaced after this many requests, so a slow leak cannot grow without bound
max_requests = 2000
max_requests_jitter = 200
# No keep-alive: a worker replaced after max_requests closes its idle kept-alive connections,
# and a client that sends its next request on one just then gets "connection reset" (the soak
# test, bench/soak.py, saw 10 in 9,267 requests, a PATCH among them). The proxy in front opens
# a connection per request to gunicorn anyway (nginx's default), so nothing is lost.
keepalive = 0
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
