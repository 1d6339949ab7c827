"""The production-like stack the benchmark measures: PostgreSQL database, Redis cache, gunicorn and nginx.

Helpers for bench/benchmark.py. The stack is the one docker-compose.yml describes, run as local processes: gunicorn
with deploy/gunicorn.conf.py and nginx with deploy/nginx.conf, rendered as its container renders it (ports and
paths in its ${NGINX_...} placeholders, this process standing for the trusted TLS proxy) so that what is measured is
the real configuration.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
APT_PACKAGES = ["nginx-light", "libnginx-mod-http-cache-purge", "wrk"]


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    """A port nothing listens on right now (the kernel's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], env: dict | None = None, quiet: bool = False) -> None:
    """Runs a command from the repository root; stops the benchmark if it fails."""
    output = subprocess.DEVNULL if quiet else None
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=output)  # noqa: S603 - fixed argument lists, no shell


def ensure_tools() -> None:
    """nginx (Debian's nginx-light with the cache purge module) and wrk, installed with apt-get when missing,
    as the Makefile's `chromium` target does for Chromium."""
    missing = not (shutil.which("nginx") and shutil.which("wrk") and PURGE_MODULE.exists())
    if not missing:
        return
    log(f"Installing {', '.join(APT_PACKAGES)} with apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run([*sudo, "apt-get", "update", "-q"], env=env, quiet=True)
    run([*sudo, "apt-get", "install", "-y", "-q", *APT_PACKAGES], env=env, quiet=True)


def site_env(tmp: Path, database: str, cache_db: int, rasa_port: int, raise_chat_limits: bool = True) -> dict:
    """The environment of every site process: the production settings, as in docker-compose.yml's `site` service,
    with local addresses. Without --assistant the assistant's address is a closed port (Rasa is not part of the
    benchmark), and the chat's rate limits are raised so that they do not cap the measure (all of wrk's messages share
    one session). With --assistant (raise_chat_limits=False) Rasa listens there and the site keeps its production
    limits: each simulated visitor has its own session and network."""
    import secrets

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "helphub.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DATABASE_CONN_MAX_AGE": "60",
        "CACHE_URL": f"redis://127.0.0.1:6379/{cache_db}",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "HELPHUB_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "HELPHUB_RASA_URL": f"http://127.0.0.1:{rasa_port}",
        "PYTHONUNBUFFERED": "1",
    }
    if raise_chat_limits:
        env |= {"HELPHUB_CHAT_RATE_SESSION": "100000/m", "HELPHUB_CHAT_RATE_NETWORK": "100000/m"}
    return env


def flush_redis(cache_db: int) -> None:
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=cache_db).flushdb()


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def recreate_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare_site(env: dict, load: bool) -> None:
    manage = [str(VENV_BIN / "python"), "site/manage.py"]
    started = time.monotonic()
    run([*manage, "migrate", "--no-input", "-v0"], env=env)
    run([*manage, "collectstatic", "--no-input", "-v0"], env=env)
    if load:
        log("load_content (about 3 minutes)")
        run([*manage, "load_content"], env=env, quiet=True)
    log(f"site prepared in {time.monotonic() - started:.0f} s")


def nginx_config(tmp: Path, listen_port: int, internal_port: int, gunicorn_port: int) -> str:
    """deploy/nginx.conf rendered as deploy/nginx.Dockerfile renders it, with this machine's ports and directories
    (tests/deploy/test_nginx.py does the same), and trusted-proxies.conf beside it naming 127.0.0.1: the benchmark
    stands for the TLS proxy (HTTPS below). Each other replaced text must occur exactly once, so that a change to the
    real configuration stops the benchmark instead of being measured wrongly."""
    values = {"NGINX_PUBLIC_LISTEN": f"127.0.0.1:{listen_port}", "NGINX_INTERNAL_LISTEN": f"127.0.0.1:{internal_port}",
              "NGINX_SITE": f"127.0.0.1:{gunicorn_port}", "NGINX_RUN_DIR": str(tmp / "nginx-run"),
              "NGINX_CACHE_DIR": str(tmp / "nginx-cache")}
    text = re.sub(r"\$\{(NGINX_[A-Z_]+)\}", lambda match: values[match.group(1)],
                  (REPO / "deploy/nginx.conf").read_text())
    (tmp / "trusted-proxies.conf").write_text("set_real_ip_from 127.0.0.1;\n")
    replacements = [
        # nginx is started with -p tmp: the module's path is made absolute.
        ("load_module modules/ngx_http_cache_purge_module.so;", f"load_module {PURGE_MODULE};"),
        ("alias /srv/static/;", f"alias {tmp / 'static'}/;"),
        ("alias /srv/media/images/;", f"alias {tmp / 'media' / 'images'}/;"),
    ]
    if os.geteuid() != 0:
        # Only root can switch the workers' user; nginx run by another user keeps its own.
        replacements.append(("user www-data;\n", ""))
    for old, new in replacements:
        count = text.count(old)
        if count != 1:
            raise SystemExit(f"deploy/nginx.conf: expected {old!r} once, found it {count} times")
        text = text.replace(old, new)
    return text


class Stack:
    """gunicorn and nginx (and, with --assistant, Rasa and its action server: bench/assistant.py) as child processes,
    each in its own process group, stopped together."""

    def __init__(self, tmp: Path, env: dict, workers: int, threads: int = 4, gunicorn_args: list[str] | None = None):
        self.tmp, self.env, self.workers, self.threads = tmp, env, workers, threads
        self.gunicorn_args = gunicorn_args or []  # command-line settings, which override deploy/gunicorn.conf.py's
        self.gunicorn_port, self.nginx_port, self.nginx_internal_port = free_port(), free_port(), free_port()
        self.processes: list[subprocess.Popen] = []
        self.groups: dict[str, int] = {}  # name -> process group id (= the pid of what spawn() started)

    def start(self) -> None:
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.gunicorn_port}", "GUNICORN_WORKERS": str(self.workers),
               "GUNICORN_THREADS": str(self.threads)}
        self.spawn("gunicorn", [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "--chdir", "site",
                                 *self.gunicorn_args, "helphub.wsgi"], env)
        wait_for(f"http://127.0.0.1:{self.gunicorn_port}/en/", "gunicorn")

        for sub in ("nginx-run", "nginx-cache", "media"):
            (self.tmp / sub).mkdir(exist_ok=True)
        # nginx's workers run as www-data (the `user` line of the real config): they must read the static files.
        self.tmp.chmod(0o755)
        conf = self.tmp / "nginx.conf"
        conf.write_text(nginx_config(self.tmp, self.nginx_port, self.nginx_internal_port, self.gunicorn_port))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        run([nginx, "-t", "-q", "-p", str(self.tmp), "-c", str(conf)])
        self.spawn("nginx", [nginx, "-p", str(self.tmp), "-c", str(conf), "-g", "daemon off;"], self.env)
        wait_for(f"http://127.0.0.1:{self.nginx_port}/en/", "nginx")

    def spawn(self, name: str, command: list[str], env: dict, cwd: Path = REPO, output: Path | None = None
               ) -> subprocess.Popen:
        """Starts a child process in its own process group (its pid is the group's id: bench/assistant.py counts the
        group's CPU time), stopped by stop(); its output goes to `output` when given."""
        log(f"starting {name}")
        with open(output, "ab") if output else contextlib.nullcontext() as out:
            process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True,  # noqa: S603 - fixed arguments
                                       stdout=out, stderr=subprocess.STDOUT if out else None)
        self.processes.append(process)
        self.groups[name] = process.pid
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        deadline = time.monotonic() + 15
        for process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def fetch(url: str, headers: dict | None = None, data: bytes | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 - a local http:// URL
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a local http:// URL
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, name: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = fetch(url, {"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.1"})
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{name} did not answer 200 at {url} within {timeout:.0f} s")
