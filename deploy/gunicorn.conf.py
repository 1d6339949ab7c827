"""Gunicorn settings for HelpHub in production: `gunicorn -c deploy/gunicorn.conf.py --chdir site helphub.wsgi`.

Every value that differs between machines comes from the environment (GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_FORWARDED_ALLOW_IPS).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # inside the container, behind nginx
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
timeout = 30
graceful_timeout = 30
# Restart each worker after about a thousand requests (jittered so they do not all restart at once).
max_requests = 1000
max_requests_jitter = 100

# No access log. An access log line holds the visitor's IP address and the request line, and the request line of
# the help finder and the API says where someone is and what happened to them. HelpHub promises to keep no trace of
# a visit (docs/data_protection.md), so requests are not logged here, nor by nginx; only warnings and errors are.
accesslog = None
errorlog = "-"
loglevel = "warning"

# Trust X-Forwarded-* headers only from these addresses (nginx). In Docker, set GUNICORN_FORWARDED_ALLOW_IPS to the
# proxy's network or "*" when only nginx can reach gunicorn.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
