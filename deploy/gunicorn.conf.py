"""Gunicorn settings for HelpHub in production: `gunicorn -c deploy/gunicorn.conf.py --chdir site helphub.wsgi`.

Every value that differs between machines comes from the environment (GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_THREADS, GUNICORN_FORWARDED_ALLOW_IPS).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # inside the container, behind nginx
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
# Threads in each worker. A chat message holds its thread while the site waits for the assistant (up to
# HELPHUB_RASA_TIMEOUT), and the assistant's actions ask the site's API meanwhile (through nginx's cache, but a miss
# still needs a thread): with one request per worker (sync workers), a few chats could hold every worker and the
# actions would wait for the very workers waiting for them. With threads, a waiting chat holds one of
# workers x threads. nginx also lets each visitor have only 4 messages in flight (deploy/nginx.conf).
# Each thread may keep its own database connection (DATABASE_CONN_MAX_AGE): workers x threads must stay below
# PostgreSQL's max_connections (100 by default); 2 CPUs: 5 x 4 = 20.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
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

# Trust X-Forwarded-Proto (and the like) only from these addresses or networks: nginx, which overwrites them. Never
# "*": anyone else who reached gunicorn could claim HTTPS. docker-compose.yml gives the network only nginx and the
# site share (HELPHUB_WEB_SUBNET) and 127.0.0.1 (the healthcheck).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
