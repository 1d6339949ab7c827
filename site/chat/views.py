"""POST /api/v1/chat/: the site's door to the assistant.

The browser sends one message; the site checks it, forwards it to Rasa's REST channel with the language and country
as metadata, and returns the assistant's messages. When the assistant is down or slow, or the visitor sends too
much, the answer still points to the help finder and, where known, the country's emergency number. Nothing of the
conversation is stored here.
"""

import json
import re

import requests
from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from core.addresses import help_finder_url
from core.keys import network_key
from directory.countries import is_country_code
from directory.lookups import default_locale
from directory.models import Country

MAX_MESSAGE = 500
SESSION_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


class BadRequest(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field, self.message = field, message


@csrf_exempt  # a JSON endpoint with no cookies: there is no session to forge requests with
@require_POST
@never_cache
def chat(request):
    try:
        data = _read(request)
    except BadRequest as error:
        return JsonResponse({"error": {"field": error.field, "message": error.message}}, status=400)

    with translation.override(data["lang"]):
        limited = is_ratelimited(request, group="chat-network", key=network_key, rate=settings.HELPHUB_CHAT_RATE_NETWORK, increment=True) or is_ratelimited(
            request, group="chat-session", key=lambda _g, _r: data["session"], rate=settings.HELPHUB_CHAT_RATE_SESSION, increment=True
        )
        if limited:
            body = _fallback(data, _("You are sending messages very fast. Wait a minute, or use the help finder now."))
            body["error"] = {"field": None, "message": "Too many messages; try again in a minute."}
            return JsonResponse(body, status=429, json_dumps_params={"ensure_ascii": False})
        try:
            messages = _ask_rasa(data)
        except (requests.RequestException, ValueError):
            body = _fallback(data, _("The assistant is not available right now. The help finder shows who can help."))
            return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    return JsonResponse({"messages": messages, "fallback": False}, json_dumps_params={"ensure_ascii": False})


def _read(request) -> dict:
    if request.content_type != "application/json":
        raise BadRequest(None, "Send JSON with Content-Type: application/json.")
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(None, "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise BadRequest(None, "The body must be a JSON object.")
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        raise BadRequest("message", "message must be a non-empty string.")
    if len(message) > MAX_MESSAGE:
        raise BadRequest("message", f"message must be at most {MAX_MESSAGE} characters.")
    if CONTROL.search(message):
        raise BadRequest("message", "message must not contain control characters.")
    session = body.get("session")
    if not isinstance(session, str) or not SESSION_PATTERN.fullmatch(session):  # no trailing newline either
        raise BadRequest("session", "session must be 16 to 64 letters, digits, '-' or '_'.")
    lang = body.get("lang", settings.LANGUAGE_CODE)
    if not isinstance(lang, str) or lang not in dict(settings.LANGUAGES):
        raise BadRequest("lang", f"lang must be one of: {', '.join(dict(settings.LANGUAGES))}.")
    country = body.get("country")
    if country is not None:
        if not isinstance(country, str) or not is_country_code(country.upper()):
            raise BadRequest("country", "country must be an ISO 3166 alpha-2 code.")
        country = country.upper()
    return {"message": message.strip(), "session": session, "lang": lang, "country": country}


def _ask_rasa(data) -> list[dict]:
    response = requests.post(
        f"{settings.HELPHUB_RASA_URL.rstrip('/')}/webhooks/rest/webhook",
        json={"sender": data["session"], "message": data["message"],
              "metadata": {"language": data["lang"], "country": data["country"]}},
        timeout=(settings.HELPHUB_RASA_CONNECT_TIMEOUT, settings.HELPHUB_RASA_TIMEOUT),
    )
    response.raise_for_status()
    replies = response.json()
    if not isinstance(replies, list):
        raise ValueError("unexpected answer from the assistant")
    messages = []
    for reply in replies:
        if not isinstance(reply, dict):
            continue
        text = reply.get("text")
        buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                   for b in reply.get("buttons") or [] if isinstance(b, dict)]
        custom = reply.get("custom") if isinstance(reply.get("custom"), dict) else {}
        links = _links(custom.get("links"))
        if text or buttons:
            messages.append({"text": str(text or ""), "buttons": buttons, "links": links})
        elif links:
            # Rasa sends an action's links as a separate "custom" message right after its text: keep them together.
            if messages:
                messages[-1]["links"].extend(links)
            else:
                messages.append({"text": "", "buttons": [], "links": links})
    return messages


SAFE_LINK = re.compile(r"^(tel:\+?[0-9]{2,20}|sms:\+?[0-9]{2,20}|https://[^\s<>\"]+|/(?!/)[^\s<>\"]*)$")


def _links(value) -> list[dict]:
    """Links the widget may show: phone, text message, https and this site's own pages; anything else is dropped."""
    if not isinstance(value, list):
        return []
    return [{"title": str(link["title"]), "url": link["url"]} for link in value
            if isinstance(link, dict) and isinstance(link.get("url"), str) and link.get("title")
            and SAFE_LINK.match(link["url"])]


def _fallback(data, first_line) -> dict:
    """What a visitor gets without the assistant: the help finder and, for a covered country, the emergency number."""
    help_url = help_finder_url(data["lang"])
    messages = [{"text": first_line, "buttons": [], "links": [{"title": _("Find help"), "url": help_url}]}]
    emergency = None
    if data["country"]:
        country = Country.objects.filter(code=data["country"], locale=default_locale(), live=True).first()
        if country:
            emergency = {"number": country.emergency_number, "uri": country.emergency_tel}
            text = _("If you or someone else is in danger now, call %(number)s.") % {"number": country.emergency_number}
            messages.insert(0, {"text": text, "buttons": [], "links": [{"title": country.emergency_number, "url": country.emergency_tel}]})
    if emergency is None:
        text = _("If you or someone else is in danger now, call your emergency number.")
        messages.insert(0, {"text": text, "buttons": [], "links": []})
    return {"messages": messages, "fallback": True, "help_finder": help_url, "emergency": emergency}
