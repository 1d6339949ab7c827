"""The chat with the real assistant on the production stack: `benchmark.py --assistant`. A measuring script.

Rasa and its action server are started as docker-compose.yml starts them, as local processes beside the benchmark's
gunicorn and nginx (bench/stack.py), each in its own process group, stopped with the rest:
  - the action server, `.venv-bot/bin/python -m rasa_sdk --actions actions` from bot/, with HELPHUB_SITE_URL at
    nginx's internal listener (compose: http://nginx:8081), so that the actions read the API through nginx's cache;
  - Rasa, `.venv-bot/bin/rasa run --model models/helphub.tar.gz --credentials credentials.yml --endpoints
    endpoints.yml` from bot/ (PYTHONPATH=bot, RASA_TELEMETRY_ENABLED=false, ACTION_SERVER_URL at the action server),
    and the site's HELPHUB_RASA_URL at it. endpoints.yml keeps conversations in memory, in one Rasa process; compose
    runs endpoints.production.yml, the same with Redis lock and tracker stores.

Simulated visitors hold three-message conversations (bot/scripts/benchmark.py's: languages rotating), each one a new
session from a new visitor address (X-Forwarded-For, as the TLS proxy sends it; a /24 network of its own, so neither
nginx's per-address limits nor the site's per-network ones, kept at their production values, count two
conversations together), through nginx's POST /api/v1/chat/. A visitor sends its next message as soon as the answer
comes: no reading or typing time, so N visitors here stand for many more real ones. An answer with `"fallback": true`
(the site could not get the assistant's within HELPHUB_RASA_TIMEOUT, or a limit answered) counts as a failure.
Uncached pages are measured with wrk (bench/pages.lua: each request past nginx's cache) alone, then while the chat
load runs. The CPU time of each process (Rasa, the action server, gunicorn, nginx, PostgreSQL, Redis, this script
with wrk, everything else) is read from /proc around every measure, to tell where the time goes.
"""

import contextlib
import importlib.util
import itertools
import os
import re
import subprocess
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import requests
import stack

BOT = stack.REPO / "bot"
BOT_BIN = stack.REPO / ".venv-bot" / "bin"
MODEL = "models/helphub.tar.gz"  # from bot/
HTTPS = {"X-Forwarded-Proto": "https"}
GZIP = {"Accept-Encoding": "gzip"}
PAGES = [
    ("Help finder answer", "/en/help/gb/sextortion/"),
    ("A guide", "/en/guides/sextortion-young-people/"),
]
P95_TARGET_MS = 300  # the chat at 8 visitors
PAGES_TARGET = 0.80  # uncached pages during the chat load, against alone
RAMP_SECONDS = 5  # the chat load runs this long before a measure starts
WARMUP_SECONDS = 2  # wrk's unrecorded warm-up, as benchmark.py's
# What "something else heavy" is (the brief of this measure): CI and test runs on the same machine.
BUSY_PATTERNS = (".ci/run", "pytest")
TICKS = os.sysconf("SC_CLK_TCK")
# rasa_sdk's forms log this for every slot without a validate_ method, on every form step: not a problem.
BENIGN = "there is no validation method specified"


def _conversations() -> dict:
    """bot/scripts/benchmark.py's conversations: the same three messages in each of the eight languages."""
    spec = importlib.util.spec_from_file_location("bot_benchmark", BOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CONVERSATIONS


CONVERSATIONS = _conversations()


# ---- The assistant ----------------------------------------------------------------------------------------------

# --experiment-schema-check-once: not how HelpHub runs, a measure of a proposed change. Rasa checks every answer of the
# action server with jsonschema.validate(), which first checks the schema itself against jsonschema's metaschema, on
# every call; this sitecustomize (on Rasa's PYTHONPATH only) builds each schema's validator once instead.
SCHEMA_CHECK_ONCE = """import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_original, _validators = jsonschema.validate, {}


def validate(instance, schema, cls=None, *args, **kwargs):
    if cls is not None or args or kwargs:
        return _original(instance, schema, cls, *args, **kwargs)
    key = repr(schema)
    if key not in _validators:
        checker = validator_for(schema)
        checker.check_schema(schema)
        _validators[key] = checker(schema)
    error = best_match(_validators[key].iter_errors(instance))
    if error is not None:
        raise error


jsonschema.validate = validate
"""


class Assistant:
    """Rasa and the action server, started through the benchmark's Stack (stopped by Stack.stop())."""

    def __init__(self, site: stack.Stack, rasa_port: int, schema_check_once: bool = False, nice: int = 0):
        self.site, self.rasa_port, self.actions_port = site, rasa_port, stack.free_port()
        self.schema_check_once = schema_check_once
        # docker-compose.yml gives Rasa and the action server a quarter of the site's CPU weight (cpu_shares 256
        # against the default 1024). Each process the benchmark starts is a session of its own, so Linux schedules it
        # as its own group (autogroup), as Docker does a container: the group's nice value is its weight, and nice 6
        # (weight 272 against 1024) is about cpu_shares 256. A process's own nice would count only inside its group.
        self.nice = nice
        self.url = f"http://127.0.0.1:{rasa_port}"
        self.rasa: subprocess.Popen | None = None
        self.actions: subprocess.Popen | None = None
        self.start_seconds = 0.0

    def start(self) -> None:
        if not (BOT / MODEL).exists():
            raise SystemExit(f"No trained assistant at bot/{MODEL} (make bot/models/helphub.tar.gz trains it).")
        # The assistant's processes get nothing of the site's environment (its secret key, its database).
        env = {name: value for name, value in os.environ.items()
               if not name.startswith(("DJANGO_", "HELPHUB_", "DATABASE_", "CACHE_", "VIRTUAL_ENV"))}
        env |= {"RASA_TELEMETRY_ENABLED": "false", "TQDM_DISABLE": "1", "PYTHONUNBUFFERED": "1"}
        self.actions = self.site.spawn(
            "action server", [str(BOT_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions",
                                  "--port", str(self.actions_port)],
            env | {"HELPHUB_SITE_URL": f"http://127.0.0.1:{self.site.nginx_internal_port}"},
            cwd=BOT, output=self.site.tmp / "actions.log")
        pythonpath = str(BOT)
        if self.schema_check_once:
            patch = self.site.tmp / "rasa-patch"
            patch.mkdir(exist_ok=True)
            (patch / "sitecustomize.py").write_text(SCHEMA_CHECK_ONCE)
            pythonpath = f"{patch}:{BOT}"
        started = time.monotonic()
        self.rasa = self.site.spawn(
            "Rasa", [str(BOT_BIN / "rasa"), "run", "--model", MODEL, "--credentials", "credentials.yml",
                     "--endpoints", "endpoints.yml", "--interface", "127.0.0.1", "--port", str(self.rasa_port)],
            env | {"PYTHONPATH": pythonpath, "ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_port}/webhook"},
            cwd=BOT, output=self.site.tmp / "rasa.log")
        if self.nice:
            for process in (self.actions, self.rasa):
                Path(f"/proc/{process.pid}/autogroup").write_text(str(self.nice))
        self._wait(f"http://127.0.0.1:{self.actions_port}/health", self.actions, "the action server", "actions.log")
        self._wait(f"{self.url}/", self.rasa, "Rasa", "rasa.log")
        self.start_seconds = time.monotonic() - started
        stack.log(f"Rasa answers {self.start_seconds:.1f} s after its start")

    def _wait(self, url: str, process: subprocess.Popen, name: str, log: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{name} stopped ({process.returncode}):\n{self.log_tail(log)}")
            with contextlib.suppress(OSError):
                if stack.fetch(url)[0] == 200:
                    return
            time.sleep(0.3)
        raise SystemExit(f"{name} did not answer at {url} within {timeout:.0f} s:\n{self.log_tail(log)}")

    def log_tail(self, log: str, lines: int = 30) -> str:
        path = self.site.tmp / log
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"

    def log_problems(self) -> dict:
        """The WARNING and ERROR lines of each log (Python's deprecation warnings at import left out)."""
        found = {}
        for name, log in (("Rasa", "rasa.log"), ("action server", "actions.log")):
            path = self.site.tmp / log
            text = path.read_text(errors="replace") if path.exists() else ""
            found[name] = [line for line in text.splitlines()
                           if re.search(r"\b(WARNING|ERROR|CRITICAL|Traceback)\b", line)
                           and "DeprecationWarning" not in line and BENIGN not in line]
            found[f"{name}, benign"] = text.count(BENIGN)
        return found

    def resident_mb(self) -> dict[str, float]:
        return {"Rasa": _group_rss_mb(self.rasa.pid), "action server": _group_rss_mb(self.actions.pid)}


def _group_rss_mb(pgrp: int) -> float:
    total = 0
    for pid, _comm, group, _ticks in _processes():
        if group == pgrp:
            with contextlib.suppress(OSError):
                found = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
                total += int(found.group(1)) if found else 0
    return total / 1024


def versions() -> str:
    site_packages = next((BOT_BIN.parent / "lib").glob("python3*/site-packages"), None)
    found = []
    for package in ("rasa", "rasa_sdk"):
        dist = sorted(site_packages.glob(f"{package}-*.dist-info")) if site_packages else []
        found.append(dist[0].name.removesuffix(".dist-info").replace("_", "-") if dist else f"{package} ?")
    return ", ".join(found)


# ---- The machine ------------------------------------------------------------------------------------------------

def busy() -> list[str]:
    """Processes matching BUSY_PATTERNS (pgrep -f), this one and its children left out."""
    ours = {os.getpid(), os.getppid()}
    found = []
    for pattern in BUSY_PATTERNS:
        done = subprocess.run(["pgrep", "-af", pattern], capture_output=True, text=True)  # noqa: S603, S607
        for line in done.stdout.splitlines():
            pid, _, command = line.partition(" ")
            if int(pid) not in ours and line not in found:
                found.append(f"{pid} {command[:100]}")
    return found


def wait_until_quiet(max_minutes: float, poll_seconds: float = 30) -> str:
    """Waits until nothing matches BUSY_PATTERNS, polling every 30 s for at most max_minutes. Returns what to say."""
    started = time.monotonic()
    first = busy()
    running = first
    while running and time.monotonic() - started < max_minutes * 60:
        stack.log(f"waiting for {len(running)} process(es) to finish: {running[0]} ...")
        time.sleep(poll_seconds)
        running = busy()
    waited = (time.monotonic() - started) / 60
    if not first:
        return "Nothing else heavy was running when the measures started (no process matching `.ci/run` or `pytest`)."
    if not running:
        return (f"Waited {waited:.0f} min for CI/tests to finish ({len(first)} matching process(es), e.g. "
                f"`{first[0]}`); nothing matching `.ci/run` or `pytest` ran when the measures started.")
    return (f"**Measured with something else running**: after waiting {waited:.0f} min (the limit), still "
            f"{len(running)} process(es) matching `.ci/run` or `pytest`, e.g. `{running[0]}`.")


def _processes():
    """(pid, command name, process group, CPU ticks: own user + system, and of its reaped children) of every
    process."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        # fields[0] is the state (stat's 3rd field): the process group is the 5th, utime..cstime the 14th..17th.
        yield int(entry.name), comm, int(fields[2]), sum(int(n) for n in fields[11:15])


def _busy_ticks() -> int:
    values = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return user + nice + system + irq + softirq + steal


class CPU:
    """CPU seconds by part of the stack, from /proc: each child process group the benchmark started, PostgreSQL and
    Redis by name, this process (the simulated visitors, and wrk once reaped), and the rest of the machine."""

    def __init__(self, groups: dict[str, int]):
        self.groups = groups  # name -> process group id
        self.names = [*groups, "PostgreSQL", "Redis", "benchmark and wrk", "everything else"]

    def snapshot(self) -> tuple[float, dict[str, int], int]:
        by_group = {pgrp: name for name, pgrp in self.groups.items()}
        ticks = dict.fromkeys(self.names, 0)
        pids = {name: {} for name in self.groups}  # name -> {pid: ticks}
        me = os.getpid()
        for pid, comm, pgrp, used in _processes():
            if pgrp in by_group:
                ticks[by_group[pgrp]] += used
                pids[by_group[pgrp]][pid] = used
            elif pid == me:
                ticks["benchmark and wrk"] += used
            elif comm.startswith("postgres"):
                ticks["PostgreSQL"] += used
            elif comm.startswith("redis-server"):
                ticks["Redis"] += used
        return time.monotonic(), ticks, _busy_ticks(), pids

    def share(self, before, after) -> dict[str, float]:
        """Percent of one core, per part, between two snapshots ("all": the whole machine)."""
        seconds = after[0] - before[0]
        shares = {name: (after[1][name] - before[1][name]) / TICKS / seconds * 100 for name in self.names[:-1]}
        total = (after[2] - before[2]) / TICKS / seconds * 100
        shares["everything else"] = max(0.0, total - sum(shares.values()))
        shares["all"] = total
        # Not shares of the machine: gunicorn's busiest worker (one process: at most 100 %, its threads share the
        # GIL), and its workers replaced during the measure (max_requests in deploy/gunicorn.conf.py).
        workers_before, workers_after = before[3]["gunicorn"], after[3]["gunicorn"]
        shares["gunicorn busiest worker"] = max(
            [(workers_after[pid] - workers_before[pid]) / TICKS / seconds * 100
             for pid in workers_after.keys() & workers_before.keys() if pid != self.groups["gunicorn"]] or [0.0])
        shares["gunicorn workers started"] = len(workers_after.keys() - workers_before.keys())
        return shares


# ---- Simulated visitors -----------------------------------------------------------------------------------------

@dataclass
class Sent:
    started: float
    ended: float
    outcome: str  # "ok", "fallback", "HTTP 502", "ReadTimeout", ...
    last: bool  # the conversation's third message
    channels: bool  # its answer lists channels (a link to call, text or open)


def has_channels(messages) -> bool:
    """Whether an answer links to a channel: tel:, sms: or https:// (the help finder is a link on the site: /...)."""
    for message in messages or []:
        if not isinstance(message, dict):
            continue
        links = message.get("links") or (message.get("custom") or {}).get("links") or []
        if any(str(link.get("url", "")).startswith(("tel:", "sms:", "https://")) for link in links
               if isinstance(link, dict)):
            return True
    return False


def _via(base: str, address_header: str):
    def send(http, lang, country, session, message, address):
        response = http.post(f"{base}/api/v1/chat/", timeout=30, headers={**HTTPS, **GZIP, address_header: address},
                             json={"message": message, "session": session, "lang": lang, "country": country})
        return _site_answer(response)
    return send


def via_nginx(base: str):
    """Through nginx's public server, as a browser behind the TLS proxy sends it."""
    return _via(base, "X-Forwarded-For")


def via_gunicorn(base: str):
    """Straight to gunicorn, with the X-Real-IP nginx would set: the site without nginx."""
    return _via(base, "X-Real-IP")


def _site_answer(response):
    if response.status_code != 200:
        return f"HTTP {response.status_code}", response.text[:120]
    body = response.json()
    if body.get("fallback"):
        return "fallback", body
    return "ok", body.get("messages")


def via_rasa(base: str):
    """Straight to Rasa's REST channel, as the site sends it: Rasa, its actions and the API, without site or nginx."""
    def send(http, lang, country, session, message, _address):
        response = http.post(f"{base}/webhooks/rest/webhook", timeout=30, json={
            "sender": session, "message": message, "metadata": {"language": lang, "country": country}})
        if response.status_code != 200:
            return f"HTTP {response.status_code}", response.text[:120]
        body = response.json()
        return ("ok" if body else "empty answer"), body
    return send


class Visitors:
    """`count` simulated visitors in threads, each holding conversations one after another without pause."""

    _numbers = itertools.count(1)  # every conversation of the run gets its own address and /24 network
    _languages = itertools.cycle(CONVERSATIONS)
    _lock = threading.Lock()

    def __init__(self, send, count: int):
        self.send, self.count = send, count
        self.sent: list[Sent] = []
        self.problems: list[tuple[float, str]] = []  # (when, what) of the failures
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._visitor, daemon=True) for _ in range(count)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _visitor(self) -> None:
        while not self.stopping.is_set():
            with self._lock:
                lang, number = next(self._languages), next(self._numbers)
            address = f"10.{(number >> 8) & 255}.{number & 255}.{1 + (number >> 16) % 254}"
            country, messages = CONVERSATIONS[lang]
            session = uuid.uuid4().hex
            with requests.Session() as http:
                for index, message in enumerate(messages):
                    if self.stopping.is_set():
                        return
                    started = time.monotonic()
                    try:
                        outcome, answer = self.send(http, lang, country, session, message, address)
                    except (requests.RequestException, ValueError) as error:
                        outcome, answer = type(error).__name__, None
                    ended = time.monotonic()
                    last = index == len(messages) - 1
                    with self._lock:
                        if outcome != "ok":
                            self.problems.append((ended, f"{outcome} after {(ended - started) * 1000:.0f} ms: "
                                                         f"{answer!r:.120}"))
                        self.sent.append(Sent(started, ended, outcome, last, outcome == "ok" and has_channels(answer)))

    def figures(self, start: float, end: float) -> dict:
        """The messages answered between start and end."""
        with self._lock:
            window = [s for s in self.sent if start <= s.ended < end]
        ordered = sorted((s.ended - s.started) * 1000 for s in window)

        def pct(p):  # as bot/scripts/benchmark.py
            return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")

        outcomes = Counter(s.outcome for s in window)
        lasts = [s for s in window if s.last and s.outcome == "ok"]
        return {"messages": len(window), "rate": len(window) / (end - start), "p50": pct(50), "p95": pct(95),
                "p99": pct(99), "max": ordered[-1] if ordered else float("nan"),
                "fallbacks": outcomes.get("fallback", 0),
                "errors": sum(n for outcome, n in outcomes.items() if outcome not in ("ok", "fallback")),
                "outcomes": dict(outcomes), "last": len(lasts), "without_channels": sum(not s.channels for s in lasts),
                "problems": [what for when, what in self.problems if start <= when < end]}


# ---- The measures -----------------------------------------------------------------------------------------------

@dataclass
class ChatRow:
    visitors: int
    via: str
    beside: str
    figures: dict
    cpu: dict


@dataclass
class PageRow:
    what: str
    path: str
    beside: str  # "alone" or "chat, N visitors"
    figures: dict
    cpu: dict
    chat: dict | None = None


def check_chat(nginx: str, attempts: int = 5) -> list:
    """One real conversation through nginx: every answer from the assistant (no fallback), the last with channels.
    The first messages after Rasa's start may be slow: a few attempts, each a new conversation."""
    lang = "en"
    country, messages = CONVERSATIONS[lang]
    for attempt in range(1, attempts + 1):
        session, answers, problem = uuid.uuid4().hex, [], None
        with requests.Session() as http:
            for message in messages:
                outcome, answer = via_nginx(nginx)(http, lang, country, session, message, f"192.0.2.{attempt}")
                if outcome != "ok":
                    problem = f"The chat did not answer from the assistant ({outcome}) to {message!r}: {answer}"
                    break
                answers.append(answer)
        if problem is None and not has_channels(answers[-1]):
            problem = f"The conversation ended without channels: {answers[-1]}"
        if problem is None:
            return answers
        stack.log(problem)
        time.sleep(3)
    raise SystemExit(problem)


def measure(args, site: stack.Stack, assistant: Assistant, wrk, cpu: CPU) -> dict:
    nginx = f"http://127.0.0.1:{site.nginx_port}"
    gunicorn = f"http://127.0.0.1:{site.gunicorn_port}"
    levels = [int(n) for n in args.visitors.split(",")]
    chat_rows: list[ChatRow] = []
    page_rows: list[PageRow] = []
    busy_during: set[str] = set()

    def note_busy():
        busy_during.update(busy())

    for _what, path in PAGES:
        status, headers, _ = stack.fetch(nginx + path + "?bench=check", {**HTTPS, **GZIP, "X-Forwarded-For": "192.0.2.11"})
        if status != 200 or headers.get("X-Cache-Status") != "BYPASS":
            raise SystemExit(f"{path}?bench=...: HTTP {status}, X-Cache-Status {headers.get('X-Cache-Status')} "
                             "(expected 200, BYPASS: past nginx's cache)")
    check_chat(nginx)

    stack.log(f"warm-up: {levels[0]} visitors for 10 s through nginx (unrecorded)")
    with Visitors(via_nginx(nginx), levels[0]):
        time.sleep(10)

    def pages(beside: str, chat_load: Visitors | None = None):
        for what, path in PAGES:
            stack.log(f"{what}, uncached, {beside}")
            wrk(nginx + path, {**HTTPS, **GZIP}, args, [], duration=WARMUP_SECONDS, script="pages.lua")
            before = cpu.snapshot()
            figures = wrk(nginx + path, {**HTTPS, **GZIP}, args, [], script="pages.lua")
            after = cpu.snapshot()
            chat = chat_load.figures(before[0], after[0]) if chat_load else None
            page_rows.append(PageRow(what, path, beside, figures, cpu.share(before, after), chat))
            note_busy()

    def chat(visitors: int, via: str, send) -> None:
        stack.log(f"chat: {visitors} visitors, {via}, {args.chat_duration} s")
        with Visitors(send, visitors) as load:
            time.sleep(RAMP_SECONDS)
            before = cpu.snapshot()
            time.sleep(args.chat_duration)
            after = cpu.snapshot()
        chat_rows.append(ChatRow(visitors, via, "-", load.figures(before[0], after[0]), cpu.share(before, after)))
        note_busy()

    memory_before = assistant.resident_mb()
    if not args.no_diagnosis and 1 not in levels:
        chat(1, "nginx", via_nginx(nginx))  # one visitor: the time of a message without queueing
    pages("alone")
    for visitors in levels:
        chat(visitors, "nginx", via_nginx(nginx))
        with Visitors(via_nginx(nginx), visitors) as load:
            time.sleep(RAMP_SECONDS)
            pages(f"chat, {visitors} visitors", load)
        if not args.no_diagnosis:
            chat(visitors, "gunicorn (no nginx)", via_gunicorn(gunicorn))
            chat(visitors, "Rasa's REST channel (no site, no nginx)", via_rasa(assistant.url))
    pages("alone, again")
    for row in page_rows:
        if row.chat:
            chat_rows.append(ChatRow(int(row.beside.split()[1]), "nginx", f"uncached {row.what.lower()} (wrk)",
                                     row.chat, row.cpu))
    profiles = profile(args, site, via_nginx(nginx), levels[0]) if args.py_spy else {}
    # The API as the actions read it: cached by nginx's internal listener?
    api = "/api/v1/channels/?country=GB&situation=sextortion&audience=young_person&lang=en"
    api_cache = stack.fetch(f"http://127.0.0.1:{site.nginx_internal_port}{api}",  # as aiohttp asks it
                            {"Accept": "application/json", "Accept-Encoding": "gzip, deflate"})[1].get("X-Cache-Status")
    return {"chat": chat_rows, "pages": page_rows, "busy_during": sorted(busy_during),
            "memory": (memory_before, assistant.resident_mb()), "api_cache": api_cache, "profiles": profiles, "profile_visitors": levels[0],
            "log_problems": assistant.log_problems()}


def profile(args, site: stack.Stack, send, visitors: int) -> dict[str, list[str]]:
    """Where Rasa and the action server spend their time: py-spy (--py-spy PATH) samples both, 100 times a second
    without stopping them, during an extra chat measure after the others (its figures are not in the tables)."""
    stack.log(f"profiling Rasa and the action server: {visitors} visitors, {args.chat_duration} s")
    outputs = {name: site.tmp / f"profile-{name.replace(' ', '-')}.txt" for name in ("Rasa", "action server")}
    with Visitors(send, visitors):
        time.sleep(RAMP_SECONDS)
        spies = [subprocess.Popen([args.py_spy, "record", "--pid", str(site.groups[name]), "--rate", "100",  # noqa: S603
                                   "--nonblocking", "--format", "raw", "--duration", str(args.chat_duration),
                                   "--output", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for name, path in outputs.items()]
        for spy in spies:
            _out, err = spy.communicate(timeout=args.chat_duration + 60)
            if spy.returncode:
                stack.log(f"py-spy failed: {err.decode(errors='replace')[-300:]}")
    return {name: summarize_profile(path) for name, path in outputs.items() if path.exists()}


# The web server's and the command line's frames, under everything: left out of the "in the stack" list.
SERVER_FRAMES = ("sanic/", "runpy.py", "rasa: ", "rasa/__main__.py", "rasa/cli/", "rasa/api.py", "rasa/core/run.py",
                 "rasa_sdk/__main__.py", "rasa_sdk/endpoint.py: run", "connection_task", "handle_request", "dask/",
                 "asyncio/", "uvloop")
IDLE_FRAMES = {"sanic/server/runners.py: serve", "selectors.py: select", "asyncio/base_events.py: _run_once"}


def _frame(frame: str) -> str:
    """'predict (rasa/core/policies/rule_policy.py:123)' -> 'rasa/core/policies/rule_policy.py: predict'."""
    match = re.match(r"^(.*) \((.*?)(?::\d+)?\)$", frame)
    if not match:
        return frame
    function, path = match.groups()
    path = re.sub(r"^.*?/(?:site-packages|lib/python3\.\d+)/", "", path)
    return f"{path.replace(str(BOT) + '/', 'bot/')}: {function}"


def summarize_profile(path: Path, top: int = 25) -> list[str]:
    """The functions that hold the most samples, inclusive (in the stack) and by own time (on top of it)."""
    inclusive, own, total, idle = Counter(), Counter(), 0, 0
    for line in path.read_text(errors="replace").splitlines():
        stack_text, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [_frame(f) for f in stack_text.split(";") if f]
        total += int(count)
        if not frames or frames[-1] in IDLE_FRAMES:  # the event loop waiting for something to do
            idle += int(count)
            continue
        for frame in set(frames):
            inclusive[frame] += int(count)
        own[frames[-1]] += int(count)
    busy = total - idle
    if not busy:
        return ["(no busy samples)"]
    lines = [f"{total:,} samples, {busy / total:.0%} busy (the rest: the event loop waiting). % of the busy samples, "
             "in the stack:"]
    lines += [f"  {n / busy:6.1%}  {frame}" for frame, n in inclusive.most_common()
              if not frame.startswith(SERVER_FRAMES)][:top]
    lines.append("On top of the stack (own time), % of the busy samples:")
    lines += [f"  {n / busy:6.1%}  {frame}" for frame, n in own.most_common(15)]
    return lines


# ---- The report -------------------------------------------------------------------------------------------------

def _ms(value: float) -> str:
    return f"{value:,.0f}"


def report(args, measured: dict, machine: str, gunicorn: str, quiet: str, assistant: Assistant) -> str:
    chat_rows, page_rows = measured["chat"], measured["pages"]
    lines = [
        f"Machine: {machine}. gunicorn: {gunicorn}; nginx: worker_processes auto; "
        f"{versions()}, one Rasa process (endpoints.yml: conversations and locks in memory), Rasa answering "
        f"{assistant.start_seconds:.1f} s after its start."
        + (" **Experiment (--experiment-schema-check-once): Rasa built each jsonschema validator once instead of "
           "checking the schema on every action answer; not how HelpHub runs.**" if assistant.schema_check_once else "")
        + (f" Rasa and the action server ran with the CPU weight of nice {args.assistant_nice} (their scheduling "
           "groups' nice, as compose's cpu_shares 256)."
           if args.assistant_nice else ""),
        quiet,
        "During the measures: " + ("nothing matching `.ci/run` or `pytest` ran." if not measured["busy_during"]
                                   else "**also running**: " + "; ".join(f"`{p}`" for p in measured["busy_during"][:4])),
        f"Chat: three-message conversations (bot/scripts/benchmark.py's, 8 languages rotating), each a new session "
        f"and visitor address; a visitor sends its next message as soon as the answer comes. {args.chat_duration} s "
        f"per row after {RAMP_SECONDS} s of the same load; production limits (nginx and site) and timeouts. "
        f"Pages: wrk, {min(args.threads, args.connections)} threads, {args.connections} connections, {args.duration} s "
        f"after a {WARMUP_SECONDS} s warm-up, each request past nginx's cache (bench/pages.lua).",
        "",
        "| Visitors | Via | Beside | Messages | msg/s | p50 ms | p95 ms | p99 ms | max ms | Errors | Fallbacks "
        "| Last answers without channels |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in chat_rows:
        f = row.figures
        errors = f["errors"]
        if errors:
            kinds = ", ".join(f"{k} {n}" for k, n in f["outcomes"].items() if k not in ("ok", "fallback"))
            errors = f"{errors} ({kinds})"
        lines.append(f"| {row.visitors} | {row.via} | {row.beside} | {f['messages']:,} | {f['rate']:.1f} | "
                     f"{_ms(f['p50'])} | {_ms(f['p95'])} | {_ms(f['p99'])} | {_ms(f['max'])} | {errors} | "
                     f"{f['fallbacks']} | {f['without_channels']} of {f['last']} |")
    for row in chat_rows:
        if row.figures["problems"]:
            lines.append("")
            lines.append(f"Failures, {row.visitors} visitors via {row.via} beside {row.beside}: "
                         + "; ".join(f"`{p}`" for p in row.figures["problems"][:4]) + ".")
    alone = {}
    for row in page_rows:
        if row.beside.startswith("alone"):
            alone.setdefault(row.what, []).append(row.figures["rps"])
    lines += ["", "| Page (uncached, through nginx) | Beside | req/s | share of alone | p50 ms | p99 ms | Requests | "
              "Errors |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    shares = []
    for row in page_rows:
        f = row.figures
        base = sum(alone[row.what]) / len(alone[row.what])
        share = f["rps"] / base
        if not row.beside.startswith("alone"):
            shares.append((row.what, row.beside, share))
        lines.append(f"| {row.what} `{row.path}` | {row.beside} | {f['rps']:,.1f} | {share:.0%} | {f['p50']:.0f} | "
                     f"{f['p99']:.0f} | {f['requests']:,} | {f['errors']} |")
    parts = list(chat_rows[0].cpu)  # the parts of the stack, "everything else", "all", "gunicorn workers started"
    per_message = [p for p in parts if p not in ("everything else", "all", "gunicorn busiest worker",
                                                 "gunicorn workers started")]
    lines += ["", "CPU, percent of one core (the machine has " f"{os.cpu_count()}):", "",
              "| Measure | " + " | ".join(parts) + " |", "| --- |" + " ---: |" * len(parts)]
    for row in chat_rows:
        if row.beside == "-":
            lines.append(f"| chat {row.visitors}, {row.via} | " + " | ".join(f"{row.cpu[p]:.0f}" for p in parts)
                         + " |")
    for row in page_rows:
        lines.append(f"| {row.what}, {row.beside} | " + " | ".join(f"{row.cpu[p]:.0f}" for p in parts) + " |")
    lines += ["", "CPU per chat message, ms (a part's CPU time over the messages answered; the machine's other work "
              "is in \"everything else\"):", "", "| Measure | msg/s | " + " | ".join(per_message) + " |",
              "| --- | ---: |" + " ---: |" * len(per_message)]
    for row in chat_rows:
        if row.beside == "-" and row.figures["rate"]:
            lines.append(f"| chat {row.visitors}, {row.via} | {row.figures['rate']:.1f} | "
                         + " | ".join(f"{row.cpu[p] * 10 / row.figures['rate']:.1f}" for p in per_message) + " |")
    before, after = measured["memory"]
    lines += ["", "Resident memory, before / after the measures: " + ", ".join(
        f"{name} {before[name]:.0f} / {after[name]:.0f} MB" for name in before) + ".",
        f"The API as the actions read it (nginx's internal listener), after the run: X-Cache-Status "
        f"{measured['api_cache']}."]
    for name, problems in measured["log_problems"].items():
        if name.endswith(", benign"):
            if problems:
                lines.append(f"{name.split(',')[0]}'s log: {problems} line(s) \"{BENIGN}\" (rasa_sdk's forms).")
            continue
        distinct = list(dict.fromkeys(re.sub(r"^\S+ \S+ ", "", p)[:160] for p in problems))
        lines.append(f"{name}'s log: {len(problems)} warning or error line(s)"
                     + (": " + "; ".join(f"`{p}`" for p in distinct[:3]) if distinct else "") + ".")

    for name, summary in measured["profiles"].items():
        lines += ["", f"Profile of {name} (py-spy, an extra chat measure at {measured['profile_visitors']} visitors):",
                  "", "```", *summary, "```"]

    # The aim.
    lines.append("")
    nginx_rows = [r for r in chat_rows if r.via == "nginx"]
    failures = sum(r.figures["errors"] + r.figures["fallbacks"] for r in nginx_rows)
    at8 = [r for r in nginx_rows if r.visitors == 8 and r.beside == "-"]
    verdicts = [f"0 errors and fallbacks through nginx: {'met' if not failures else f'NOT met ({failures})'}"]
    if at8:
        p95 = at8[0].figures["p95"]
        verdicts.append(f"chat p95 under {P95_TARGET_MS} ms at 8 visitors: "
                        f"{'met' if p95 < P95_TARGET_MS else 'NOT met'} ({p95:.0f} ms)")
    low = [f"{what} {share:.0%} beside {beside}" for what, beside, share in shares]
    kept = all(share >= PAGES_TARGET for _w, _b, share in shares)
    verdicts.append(f"pages keep {PAGES_TARGET:.0%} of their throughput: {'met' if kept else 'NOT met'} ("
                    + ", ".join(low) + ")")
    lines.append("Aim: " + "; ".join(verdicts) + ".")
    return "\n".join(lines)
