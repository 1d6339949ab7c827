"""Rasa's and the action server's logs, as make run and docker-compose.yml run them, keep no message text and no
client address (Django's and gunicorn's: tests/core/test_site_logs.py)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

ROOT = Path(settings.SITE_DIR).parent
VISITOR = "203.0.113.78"


def test_a_conversation_leaves_no_words_or_address_in_the_assistants_logs(client, content, rasa_server, settings):
    settings.HELPHUB_RASA_URL = rasa_server
    settings.HELPHUB_RASA_TIMEOUT = 20
    settings.HELPHUB_CHAT_RATE_NETWORK = "1000/m"
    cache.clear()
    words = ["hello there quokka-5521", "a man on roblox quokka-5521 keeps asking my son for pictures", "my son is 12"]
    for message in words:
        body = {"message": message, "session": "q" * 32, "lang": "en", "country": "GB"}
        reply = client.post("/api/v1/chat/", data=json.dumps(body), content_type="application/json",
                            REMOTE_ADDR=VISITOR, HTTP_X_REAL_IP=VISITOR).json()
        assert reply["fallback"] is False  # the assistant really answered, so its logs saw the conversation
    for name in ("test-rasa.log", "test-actions.log"):
        written = (ROOT / "var" / name).read_text(encoding="utf-8", errors="replace")
        assert "quokka" not in written and "roblox" not in written, name
        assert VISITOR not in written, name
