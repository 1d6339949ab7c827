"""The real assistant for the tests: the action server and Rasa, started from the bot's own virtual environment
(`make test` builds it and trains the model first), talking to the site served from a thread of the test process."""

import os
import socket
import subprocess
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
import yaml
from django.test.testcases import LiveServerThread, _StaticFilesHandler

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
BOT_VENV = ROOT / os.environ.get("HELPHUB_BOT_VENV", ".venv-bot")
MODEL = BOT / "models" / "helphub.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url} stopped while starting; its log:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not start within {seconds} s; its log:\n{log.read_text()[-3000:]}")


def run_in_bot_venv(code: str, home: Path) -> subprocess.CompletedProcess:
    """`code` run by the assistant's Python from bot/ (where Rasa and scikit-learn are), its output captured."""
    return subprocess.run([str(BOT_VENV / "bin" / "python"), "-c", textwrap.dedent(code)], cwd=BOT,  # noqa: S603
                          capture_output=True, text=True, timeout=600,
                          env={"PYTHONPATH": str(BOT), "HOME": str(home), "TMPDIR": str(home),
                               "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"})


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    if not (BOT_VENV / "bin" / "python").exists() or not MODEL.exists():
        pytest.fail("The assistant is not installed and trained: run `make test` (it builds .venv-bot and the model).")
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(command, cwd=BOT, env={**os.environ, "PYTHONPATH": str(BOT), "RASA_TELEMETRY_ENABLED": "false", **env},  # noqa: S603
                            stdout=log.open("w"), stderr=subprocess.STDOUT)


@pytest.fixture(scope="session")
def site_server():
    """The site, served from a thread of this process on the test database with the seed content.

    Not pytest-django's live_server: that one empties the database after each test, and the seed content is loaded
    once per run. This server sees what is committed; tests that change data commit it and put it back."""
    thread = LiveServerThread("127.0.0.1", _StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@contextmanager
def serving(command: list[str], env: dict, log_name: str, ready_path: str, seconds: float):
    """Run one of the assistant's servers on a free port until the block ends; yields its URL."""
    port = free_port()
    log = ROOT / "var" / log_name
    process = start([*command, "--port", str(port)], env, log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}{ready_path}", process, log, seconds)
        yield url
    finally:
        process.terminate()
        process.wait(20)


ACTION_SERVER = [str(BOT_VENV / "bin" / "python"), "-m", "rasa_sdk", "--actions", "actions"]


@pytest.fixture(scope="session")
def action_server(site_server):
    """The custom actions, asking the site under test for every fact. The site here is one thread of the test process
    on a shared machine: the actions wait for it up to 10 s (production: 1 s), so a slow moment under load is not
    taken for a site that does not answer (those tests have their own servers below)."""
    env = {"HELPHUB_SITE_URL": site_server, "HELPHUB_SITE_TIMEOUT": "10"}
    with serving(ACTION_SERVER, env, "test-actions.log", "/health", 60) as url:
        yield url


@pytest.fixture(scope="session")
def rasa_server(action_server):
    """Rasa itself, with the trained model, its REST channel and the action server above."""
    command = [str(BOT_VENV / "bin" / "rasa"), "run", "--model", str(MODEL), "--credentials", "credentials.yml",
               "--endpoints", "endpoints.yml", "--interface", "127.0.0.1"]
    with serving(command, {"ACTION_SERVER_URL": f"{action_server}/webhook"}, "test-rasa.log", "/", 180) as url:
        yield url


@pytest.fixture(scope="session")
def action_server_without_site():
    """An action server whose site does not answer."""
    env = {"HELPHUB_SITE_URL": f"http://127.0.0.1:{free_port()}", "HELPHUB_SITE_TIMEOUT": "1"}
    with serving(ACTION_SERVER, env, "test-actions-no-site.log", "/health", 60) as url:
        yield url


@contextmanager
def hanging_server():
    """A server that accepts connections and never answers (a stuck process); yields its URL."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


@pytest.fixture
def hanging_assistant():
    """Where the site finds the assistant, when the assistant accepts connections and never answers."""
    with hanging_server() as url:
        yield url


@pytest.fixture(scope="session")
def action_server_with_hanging_site():
    """An action server whose site accepts connections and never answers (a stuck worker)."""
    with hanging_server() as site, serving(ACTION_SERVER, {"HELPHUB_SITE_URL": site, "HELPHUB_SITE_TIMEOUT": "0.5"},
                                           "test-actions-hanging-site.log", "/health", 60) as url:
        yield url


@pytest.fixture(scope="session")
def bot_domain() -> dict:
    """The domain as Rasa sends it to the action server: every file under bot/domain/ merged."""
    domain: dict = {}
    for path in sorted((BOT / "domain").glob("*.yml")):
        for key, value in yaml.safe_load(path.read_text()).items():
            if isinstance(value, dict):
                domain.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                domain.setdefault(key, []).extend(value)
            else:
                domain[key] = value
    return domain
