"""Throughput and latency of HelpHub on the production stack, on this machine. A measuring script, not a test.

    .venv/bin/python bench/benchmark.py [--keep-db] [--workers N] [--duration S] [--connections N]
    .venv/bin/python bench/benchmark.py --assistant [--keep-db] [--visitors 8,20] [--chat-duration S]

It creates a fresh PostgreSQL database (helphub_bench: dropped and recreated; --keep-db reuses a loaded one), runs
migrate, collectstatic (into a temporary directory) and load_content with the production settings, starts gunicorn
(deploy/gunicorn.conf.py) and nginx (deploy/nginx.conf, its ports and paths rewritten for this machine), measures
each address with wrk, counts the database queries of a few pages, prints one Markdown table and stops everything.
PostgreSQL (127.0.0.1:5432, user postgres, no password) and Redis (127.0.0.1:6379; database 3 is flushed) must be
running; nginx-light, its cache purge module and wrk are installed with apt-get when missing.
With --assistant it measures the chat with the real assistant instead (bench/assistant.py): it also starts Rasa and
its action server as docker-compose.yml does, waits until no CI or test run is going on (at most --wait-minutes),
and measures three-message conversations through nginx at each number of --visitors, with uncached pages alone and
during that chat load.
Figures and how to read them: docs/performance.md, "Production stack: throughput and latency" and "The chat with the
assistant".
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import assistant as assistant_bench
import stack

HERE = Path(__file__).resolve().parent
# What the TLS proxy in front of nginx sends in production (deploy/nginx.conf believes it from 127.0.0.1 here).
HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.1"}
GZIP = {"Accept-Encoding": "gzip"}  # what every browser sends
PAGES = [
    ("Home", "/en/"),
    ("A guide", "/en/guides/sextortion-young-people/"),
    ("Help finder answer", "/en/help/gb/sextortion/"),
    ("API: channels", "/api/v1/channels/?country=GB&situation=sextortion&audience=young_person&lang=en"),
]
QUERY_PAGES = ["/en/", "/en/guides/sextortion-young-people/", "/en/help/gb/sextortion/", PAGES[3][1]]
CHAT = "/api/v1/chat/"
STATIC_TARGET = 0.80  # cached pages: at least 80 % of the static file's requests per second
QUERY_TARGET = 10  # an uncached guide page: fewer than 10 queries
WARMUP_SECONDS = 2


@dataclass
class Result:
    what: str
    path: str
    via: str
    rps: float
    p50: float
    p99: float
    requests: int
    errors: int
    cache: str


def wrk(url: str, headers: dict, args, script_args: list[str] | None = None, duration: int | None = None,
        script: str = "chat.lua") -> dict:
    command = [shutil.which("wrk") or "wrk", "-t", str(min(args.threads, args.connections)),
               "-c", str(args.connections), "-d", f"{duration or args.duration}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script_args is not None:
        command += ["-s", str(HERE / script), url, "--", *script_args]
    else:
        command.append(url)
    done = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 - fixed arguments
    if done.returncode:
        raise SystemExit(f"wrk failed ({done.returncode}) on {url}: {done.stderr.strip()}")
    return parse_wrk(done.stdout)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        if not match:
            raise SystemExit(f"wrk's output has no {percent}% latency:\n{output}")
        return float(match.group(1)) * UNITS[match.group(2)]

    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    if not (rps and total):
        raise SystemExit(f"Unexpected wrk output:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {"rps": float(rps.group(1)), "p50": latency("50"), "p99": latency("99"), "requests": int(total.group(1)),
            "errors": errors}


def cache_status(url: str, headers: dict) -> str:
    """Asks twice (the first fills nginx's cache) and returns the second answer's X-Cache-Status."""
    stack.fetch(url, headers)
    status, response_headers, _body = stack.fetch(url, headers)
    if status != 200:
        raise SystemExit(f"{url}: HTTP {status}")
    return response_headers.get("X-Cache-Status", "none")


def measure(args, site: stack.Stack, tmp: Path) -> tuple[list[Result], dict, str]:
    nginx = f"http://127.0.0.1:{site.nginx_port}"
    gunicorn = f"http://127.0.0.1:{site.gunicorn_port}"
    manifest = json.loads((tmp / "static/staticfiles.json").read_text())["paths"]
    static = "/static/" + manifest["css/helphub.css"]
    results = []

    def run(what, path, via, base, headers, check_cache=True, script_args=None, method="GET"):
        cache = cache_status(base + path, headers) if check_cache else "-"
        stack.log(f"{what} via {via}: {path}")
        # Unrecorded warm-up: every gunicorn worker past its first requests, nginx's connections open.
        wrk(base + path, headers, args, script_args, duration=WARMUP_SECONDS)
        figures = wrk(base + path, headers, args, script_args)
        if check_cache:
            # Still served from the cache after the run (not expired, not bypassed)?
            after = stack.fetch(base + path, headers)[1].get("X-Cache-Status", "none")
            cache = cache if after == cache else f"{cache}, then {after}"
        shown = path if method == "GET" else f"{method} {path}"
        results.append(Result(what, shown, via, cache=cache, **figures))

    for encoding, headers in (("gzip", {**HTTPS, **GZIP}), ("no gzip", HTTPS)):
        run("Static file", static, f"nginx, static ({encoding})", nginx, headers, check_cache=False)
        for what, path in PAGES:
            run(what, path, f"nginx, cached ({encoding})", nginx, headers)
    purge = check_purge(site, nginx)
    for what, path in PAGES:
        run(what, path, "gunicorn, uncached (gzip)", gunicorn, {**HTTPS, **GZIP}, check_cache=False)

    session = secrets.token_hex(16)
    chat_body = json.dumps({"message": "someone is blackmailing me", "session": session, "lang": "en",
                            "country": "GB"}).encode()
    status, _headers, body = stack.fetch(nginx + CHAT, {**HTTPS, "Content-Type": "application/json"}, chat_body)
    if status != 200 or not json.loads(body).get("fallback"):
        raise SystemExit(f"The chat did not answer with its fallback: HTTP {status} {body[:200]!r}")
    run("Chat (fallback)", CHAT, "nginx, never cached", nginx, {**HTTPS, **GZIP}, False, [session], "POST")
    run("Chat (fallback)", CHAT, "gunicorn", gunicorn, HTTPS, False, [session], "POST")

    stack.log("counting queries")
    counted = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(HERE / "count_queries.py"), *QUERY_PAGES],
        cwd=stack.REPO, env=site.env, check=True, capture_output=True, text=True).stdout
    return results, json.loads(counted.strip().splitlines()[-1]), purge


def check_purge(site: stack.Stack, nginx: str) -> str:
    """Publishes the guide, with the site's purge pointed at this nginx's internal listener, and tells what became of
    its two cached copies (compressed and plain). Pages are named by the host of the CMS's site record (localhost
    here)."""
    path = PAGES[1][1]
    variants = {"gzip": {**HTTPS, **GZIP, "Host": "localhost"}, "plain": {**HTTPS, "Host": "localhost"}}
    before = {name: cache_status(nginx + path, headers) for name, headers in variants.items()}
    served = {name: stack.fetch(nginx + path, headers)[1].get("Content-Encoding", "none")
              for name, headers in variants.items()}  # fmt: skip
    slug = path.rstrip("/").rsplit("/", 1)[1]
    publish = (f"from pages.models import GuidePage; GuidePage.objects.get(slug={slug!r}, "
               "locale__language_code='en').save_revision().publish()")  # fmt: skip
    stack.log("publishing the guide: purge")
    subprocess.run([sys.executable, "site/manage.py", "shell", "-c", publish], cwd=stack.REPO,  # noqa: S603
                   env={**site.env, "HELPHUB_PURGE_URL": f"http://127.0.0.1:{site.nginx_internal_port}"},
                   check=True, capture_output=True)  # fmt: skip
    after = {name: stack.fetch(nginx + path, headers)[1].get("X-Cache-Status", "none")
             for name, headers in variants.items()}  # fmt: skip
    copies = ", ".join(f"{name} copy (Content-Encoding: {served[name]}) {before[name]} before, {after[name]} after"
                       for name in variants)  # fmt: skip
    purged = all(before[name] == "HIT" and after[name] == "MISS" for name in variants)
    return f"Publishing `{path}` purged {'both copies' if purged else 'NOT both copies'}: {copies}."


def machine() -> str:
    def out(*command: str) -> str:
        done = subprocess.run(command, cwd=stack.REPO, capture_output=True, text=True)  # noqa: S603
        return (done.stdout + done.stderr).strip()

    commit = out("git", "rev-parse", "--short", "HEAD")
    dirty = " (with uncommitted changes)" if out("git", "status", "--porcelain", "--untracked-files=no") else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GB"
    nginx = out(shutil.which("nginx") or "nginx", "-v").removeprefix("nginx version: ")
    wrk_version = out(shutil.which("wrk") or "wrk", "-v").split()[1]
    return f"{os.cpu_count()} cores{memory}; commit {commit}{dirty}; {nginx}, wrk {wrk_version}"


def gunicorn_changes(args) -> str:
    return "" if args.max_requests is None else f", max_requests {args.max_requests} (not deploy/gunicorn.conf.py's)"


def report(args, results: list[Result], queries: dict, purge: str, workers: int) -> str:
    lines = [
        f"Machine: {machine()}. gunicorn: {workers} workers x {args.gunicorn_threads} threads (gthread)"
        f"{gunicorn_changes(args)}; nginx: worker_processes auto.",
        f"wrk: {min(args.threads, args.connections)} threads, {args.connections} connections, {args.duration} s "
        f"per row after a {WARMUP_SECONDS} s warm-up, on the same machine. Chat: Rasa not running (HELPHUB_RASA_URL is a closed local port, so the "
        "site answers with its fallback at once); chat rate limits raised to 100000/m (session and network).",
        "",
        "| What | Path | Via | req/s | p50 ms | p99 ms | Requests | Errors | X-Cache-Status |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        lines.append(f"| {r.what} | `{r.path}` | {r.via} | {r.rps:,.0f} | {r.p50:.2f} | {r.p99:.2f} | "
                     f"{r.requests:,} | {r.errors} | {r.cache} |")
    lines.append("")
    for encoding in ("gzip", "no gzip"):
        static = next(r for r in results if r.via == f"nginx, static ({encoding})")
        shares = []
        for r in results:
            if r.via == f"nginx, cached ({encoding})":
                share = r.rps / static.rps
                mark = "met" if share >= STATIC_TARGET else "NOT met"
                shares.append(f"{r.what} {share:.0%} ({mark})")
        lines.append(f"Cached pages against the static file ({encoding}, {static.rps:,.0f} req/s; target >= "
                     f"{STATIC_TARGET:.0%}): " + ", ".join(shares) + ".")
    lines += ["", "Database queries, Django without a cache in front (first request in a fresh process, second):", ""]
    lines += ["| Path | First | Second |", "| --- | ---: | ---: |"]
    for path, (first, second) in queries.items():
        lines.append(f"| `{path}` | {first} | {second} |")
    guide = queries["/en/guides/sextortion-young-people/"][1]
    mark = "met" if guide < QUERY_TARGET else "NOT met"
    lines += ["", f"Uncached guide page: {guide} queries (target < {QUERY_TARGET}: {mark}).", "", purge]
    return "\n".join(lines)


def interrupt(_signum, _frame):
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep-db", action="store_true", help="reuse the loaded database (skips load_content)")
    parser.add_argument("--database", default="helphub_bench")
    parser.add_argument("--cache-db", type=int, default=3, help="the Redis database (flushed at the start)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measure")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--gunicorn-threads", type=int, default=4, help="GUNICORN_THREADS (deploy/gunicorn.conf.py)")
    parser.add_argument("--max-requests", type=int, metavar="N",
                        help="gunicorn's max_requests instead of deploy/gunicorn.conf.py's (0: workers never replaced)")
    parser.add_argument("--assistant", action="store_true",
                        help="measure the chat with the real assistant (Rasa and its action server started too)")
    parser.add_argument("--visitors", default="8,20", help="--assistant: numbers of simultaneous chat visitors")
    parser.add_argument("--chat-duration", type=int, default=30, help="--assistant: seconds per chat measure")
    parser.add_argument("--no-diagnosis", action="store_true",
                        help="--assistant: skip the chat straight to gunicorn and straight to Rasa")
    parser.add_argument("--py-spy", metavar="PATH",
                        help="--assistant: py-spy's path, to profile Rasa and the action server in an extra measure")
    parser.add_argument("--experiment-schema-check-once", action="store_true",
                        help="--assistant: a proposed change, measured: Rasa checks each jsonschema schema once")
    parser.add_argument("--assistant-nice", type=int, default=0, metavar="N",
                        help="--assistant: Rasa's and the action server's CPU weight as a nice level (6: compose's cpu_shares 256)")
    parser.add_argument("--wait-minutes", type=float, default=40,
                        help="--assistant: wait at most this long for CI and test runs to end before measuring")
    args = parser.parse_args()

    # Ctrl+C and `kill` both stop the stack (the finally below).
    signal.signal(signal.SIGTERM, interrupt)
    stack.ensure_tools()
    tmp = Path(tempfile.mkdtemp(prefix="helphub-bench-"))
    rasa_port = stack.free_port()
    env = stack.site_env(tmp, args.database, args.cache_db, rasa_port=rasa_port, raise_chat_limits=not args.assistant)
    site = stack.Stack(tmp, env, args.workers, args.gunicorn_threads,
                       [] if args.max_requests is None else ["--max-requests", str(args.max_requests)])
    started = time.monotonic()
    try:
        stack.flush_redis(args.cache_db)
        if args.keep_db:
            if not stack.database_exists(args.database):
                raise SystemExit(f"--keep-db: there is no database {args.database}; run once without --keep-db")
        else:
            stack.log(f"creating database {args.database}")
            stack.recreate_database(args.database)
        stack.prepare_site(env, load=not args.keep_db)
        if args.assistant:
            # Before starting what is measured: Rasa's start is one of the figures.
            quiet = assistant_bench.wait_until_quiet(args.wait_minutes)
        site.start()
        if args.assistant:
            assistant = assistant_bench.Assistant(site, rasa_port, args.experiment_schema_check_once, args.assistant_nice)
            assistant.start()
            cpu = assistant_bench.CPU(dict(site.groups))
            measured = assistant_bench.measure(args, site, assistant, wrk, cpu)
            text = assistant_bench.report(args, measured, machine(), f"{args.workers} workers x "
                                          f"{args.gunicorn_threads} threads (gthread){gunicorn_changes(args)}",
                                          quiet, assistant)
        else:
            results, queries, purge = measure(args, site, tmp)
            text = report(args, results, queries, purge, args.workers)
    except KeyboardInterrupt:
        stack.log("interrupted")
        sys.exit(130)
    finally:
        site.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(text)
    stack.log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
