"""No client address and no message text in any log: Django's, gunicorn's (with the production configuration), and,
in tests/bot/test_assistant_logs.py, Rasa's and the action server's."""

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.cache import cache
from stack import free_port

ROOT = Path(settings.SITE_DIR).parent
VISITOR = "203.0.113.77"
PRIVATE_WORDS = "zebra-umbrella-7781 he says he will send my photos to my school"


def test_a_visitors_journey_leaves_no_address_or_words_in_djangos_logs(client, content, caplog, settings):
    settings.HELPHUB_CHAT_RATE_SESSION = "2/m"
    cache.clear()
    caplog.set_level(logging.DEBUG)  # everything any logger emits, not only what production keeps
    headers = {"REMOTE_ADDR": VISITOR, "HTTP_X_REAL_IP": VISITOR, "HTTP_X_FORWARDED_FOR": VISITOR}
    for url in ("/en/", "/en/help/gb/sextortion/?for=young_person", f"/en/search/?q={PRIVATE_WORDS}",
                "/en/no-such-page/", f"/api/v1/countries/match/?q={PRIVATE_WORDS}"):
        client.get(url, **headers)
    chat = {"message": PRIVATE_WORDS, "session": "l" * 32, "lang": "en", "country": "GB"}
    for _ in range(3):  # the fallback (no assistant here), then a 429
        client.post("/api/v1/chat/", data=json.dumps(chat), content_type="application/json", **headers)
    client.post("/api/v1/chat/", data="{" + PRIVATE_WORDS, content_type="application/json", **headers)
    client.post("/admin/login/", {"username": PRIVATE_WORDS, "password": PRIVATE_WORDS}, **headers)
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r} {getattr(r, 'request', '')!r}" for r in caplog.records)
    assert caplog.records, "the journey logged nothing at all: the check would prove nothing"
    assert VISITOR not in logged
    assert "zebra-umbrella" not in logged
    cache.clear()


def test_gunicorn_with_the_production_configuration_logs_no_request(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1",
           "DJANGO_SETTINGS_MODULE": "helphub.settings.dev", "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
               "--chdir", str(ROOT / "site"), "helphub.wsgi"]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if requests.get(f"{base}/.well-known/security.txt", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail(f"gunicorn did not start: {log.read_text()[-2000:]}")
        forwarded = {"X-Forwarded-For": VISITOR, "X-Real-IP": VISITOR, "User-Agent": PRIVATE_WORDS}
        requests.get(f"{base}/.well-known/security.txt?q={PRIVATE_WORDS}", headers=forwarded, timeout=5)
        requests.post(f"{base}/api/v1/chat/", data="{" + PRIVATE_WORDS, headers=forwarded, timeout=5)
    finally:
        process.terminate()
        process.wait(20)
    written = log.read_text()
    assert "Booting worker" in written or "Listening at" in written or written == "", written[-500:]
    for trace in (VISITOR, "127.0.0.1 -", "zebra-umbrella", "security.txt", "/api/v1/chat/"):
        assert trace not in written, (trace, written[-1000:])
