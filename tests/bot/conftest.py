"""What the assistant's tests share."""

import pytest
from django.core.cache import cache


@pytest.fixture
def chat(client, rasa_server, settings, content):
    """A conversation through the site's chat view with the real Rasa: `chat(lang, country).say(text)`."""
    from test_conversations import Chat

    settings.HELPHUB_RASA_URL = rasa_server
    settings.HELPHUB_RASA_TIMEOUT = 20
    settings.HELPHUB_CHAT_RATE_NETWORK = "1000/m"
    cache.clear()
    return lambda lang, country=None: Chat(client, lang, country)
