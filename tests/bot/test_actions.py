"""The assistant's custom actions, run by the real action server against the real site API (pytest-django's live
server with the seed content): they give what the routing function recommends, in order, and hold no numbers."""

import re

import pytest
import requests
from django.utils import translation
from wagtail.models import Locale

from directory.models import Country, ReportingChannel, Situation
from directory.routing import recommend_channels
from pages.models import GuidePage

SLOTS = ("language", "page_language", "language_choice", "visitor_language", "page_country", "page_country_refused",
         "situation", "audience", "country", "requested_slot")


def run_action(server, domain, name, slots=None, text="", intent=None, metadata=None, events=None, entities=None):
    """Ask the action server to run one action, as Rasa does, and return its events and responses."""
    tracker_slots = dict.fromkeys(SLOTS) | {"page_country_refused": False} | (slots or {})
    body = {
        "next_action": name,
        "sender_id": "test",
        "version": "3.6.2",
        "domain": domain,
        "tracker": {
            "sender_id": "test",
            "slots": tracker_slots,
            "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0} if intent else {},
                               "entities": entities or [], "metadata": metadata or {}},
            "latest_event_time": None,
            "followup_action": None,
            "paused": False,
            "events": events or [],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
    }
    response = requests.post(f"{server}/webhook", json=body, timeout=20)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def slot_events(result) -> dict:
    return {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"}


def links(result) -> list[dict]:
    return [link for r in result["responses"] for link in (r.get("custom") or {}).get("links", [])]


def channel_texts(result) -> list[str]:
    return [r["text"] for r in result["responses"] if r.get("text") and re.match(r"^\d+\. ", r["text"])]


@pytest.mark.parametrize(("language", "country", "situation", "audience"), [
    ("es", "ES", "sextortion", "young_person"),
    ("en", "GB", "grooming", "parent"),
    ("fr", "FR", "image_shared", "young_person"),
    ("de", "DE", "csam_found", "other"),
])
def test_the_answer_lists_the_channels_the_routing_function_recommends_in_its_order(
        action_server, bot_domain, content, language, country, situation, audience):
    result = run_action(action_server, bot_domain, "action_recommend_channels",
                        {"language": language, "country": country, "situation": situation, "audience": audience})
    expected = recommend_channels(country, situation, audience, language=language).recommendations
    texts = channel_texts(result)
    assert len(texts) == len(expected) > 0
    for position, (text, recommendation) in enumerate(zip(texts, expected, strict=True), start=1):
        assert text.startswith(f"{position}. {recommendation.channel.name}")
        assert str(recommendation.reason) in text
    phones = {r.channel.phone_tel for r in expected if r.channel.phone_tel}
    tel_links = {link["url"] for link in links(result) if link["url"].startswith("tel:")}
    assert tel_links == phones
    intro = result["responses"][0]
    assert intro["response"] == "utter_answer_intro"
    assert intro["country"] == Country.objects.get(code=country, locale__language_code=language).name


def test_the_answer_links_the_guide_for_the_situation_on_this_site(action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "action_recommend_channels",
                        {"language": "es", "country": "ES", "situation": "sextortion", "audience": "young_person"})
    guides = [link for link in links(result) if link["title"].startswith("Guía: ")]
    assert any(r.get("response") == "utter_read_more" for r in result["responses"])
    assert guides, links(result)
    assert all(link["url"].startswith("/es/") for link in guides)


def test_a_country_the_directory_does_not_cover_gets_the_international_services_and_a_notice(
        action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "action_recommend_channels",
                        {"language": "en", "country": "BR", "situation": "sextortion", "audience": "young_person"})
    texts = [r.get("text") or "" for r in result["responses"]]
    assert any("local emergency number" in text for text in texts)
    names = [text.split(". ", 1)[1] for text in channel_texts(result)]
    assert any(name.startswith("Take It Down") for name in names)


@pytest.mark.parametrize(("intent", "situation", "language", "country", "emergency"), [
    ("danger", "immediate_danger", "es", "ES", "112"),
    ("self_harm", "self_harm", "en", "GB", "999"),
    ("danger", "immediate_danger", "fr", "FR", "112"),
    ("self_harm", "self_harm", "de", "DE", "112"),
])
def test_danger_and_self_harm_put_the_emergency_number_then_a_helpline_first(
        action_server, bot_domain, content, intent, situation, language, country, emergency):
    result = run_action(action_server, bot_domain, "action_safety_first", {"language": language, "page_country": country},
                        intent=intent)
    assert slot_events(result) == {"situation": situation, "country": country}
    assert result["responses"][0]["response"] == "utter_safety_first"
    expected = recommend_channels(country, situation, "young_person", language=language).recommendations
    helpline = next(i for i, r in enumerate(expected) if r.channel.kind != "emergency")
    assert helpline > 0 and expected[helpline].channel.kind in {"child_helpline", "other"}
    texts = channel_texts(result)
    assert len(texts) == helpline + 1  # the emergency numbers, then the first helpline, before anything else
    for position, (text, recommendation) in enumerate(zip(texts, expected, strict=False), start=1):
        assert text.startswith(f"{position}. {recommendation.channel.name}")
    assert links(result)[0]["url"] == f"tel:{emergency}"
    assert result["responses"][-1]["response"] == "utter_safety_followup"


def test_danger_without_a_country_says_to_call_the_local_emergency_number_and_asks_where(action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "action_safety_first", {"language": "en"}, intent="danger")
    assert [r["response"] for r in result["responses"]] == ["utter_danger_call_local", "utter_safety_ask_country"]
    assert slot_events(result) == {"situation": "immediate_danger"}


@pytest.mark.parametrize(("text", "code"), [
    ("alemania", "DE"), ("je suis en belgique", "BE"), ("ich wohne in österreich", "AT"), ("i'm in the uk", "GB"),
    ("espana", "ES"), ("portugual", "PT"), ("brasil", "BR"), ("vivo en narnia", None),
])
def test_the_country_question_understands_names_in_every_language(action_server, bot_domain, content, text, code):
    events = [{"event": "user", "text": text}, {"event": "slot", "name": "country", "value": text}]
    result = run_action(action_server, bot_domain, "validate_help_form",
                        {"language": "es", "country": text, "requested_slot": "country", "situation": "sextortion",
                         "audience": "young_person"}, text=text, events=events)
    assert slot_events(result)["country"] == code
    not_recognised = [r for r in result["responses"] if r.get("response") == "utter_country_not_recognised"]
    assert bool(not_recognised) == (code is None)


def test_the_page_country_fills_the_question_unless_the_visitor_said_they_are_elsewhere(action_server, bot_domain, content):
    slots = {"language": "fr", "page_country": "FR", "situation": "grooming"}
    assert slot_events(run_action(action_server, bot_domain, "validate_help_form", slots))["country"] == "FR"
    refused = run_action(action_server, bot_domain, "validate_help_form", slots | {"page_country_refused": True})
    assert "country" not in slot_events(refused)


def test_safety_situations_need_only_the_country_before_the_answer(action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "validate_help_form",
                        {"language": "en", "situation": "self_harm", "page_country": "IE"})
    assert slot_events(result)["country"] == "IE"
    assert "audience" not in slot_events(result)


@pytest.mark.parametrize("language", ["en", "es", "fr", "de"])
def test_the_situation_buttons_are_the_situations_the_cms_lists_in_the_visitors_language(
        action_server, bot_domain, content, language):
    result = run_action(action_server, bot_domain, "action_ask_situation", {"language": language})
    response = result["responses"][0]
    assert response["response"] == "utter_ask_situation"
    locale = Locale.objects.get(language_code=language)
    titles = set(Situation.objects.filter(locale=locale, live=True).values_list("title", flat=True))
    assert {b["title"] for b in response["buttons"]} == titles
    payloads = {b["payload"] for b in response["buttons"]}
    assert {"/danger", "/self_harm", "/sextortion", "/grooming"} <= payloads


def test_the_language_and_page_country_come_from_the_message_metadata(action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "action_validate_slot_mappings", {"language": "en"},
                        text="hola", metadata={"language": "es", "country": "es"})
    assert slot_events(result) == {"language": "es", "page_language": "es", "language_choice": None,
                                   "visitor_language": None, "page_country": "ES"}
    kept = run_action(action_server, bot_domain, "action_validate_slot_mappings", {"language": "fr"},
                      text="salut", metadata={"language": "xx"})
    assert slot_events(kept) == {"language": "fr"}


def test_an_edit_published_in_the_cms_changes_the_next_answer_without_retraining(
        action_server, bot_domain, django_db_blocker):
    with django_db_blocker.unblock():
        channel = ReportingChannel.objects.get(
            locale=Locale.get_default(), country_code="ES", kind="child_helpline", live=True, phone__gt="")
        before = channel.phone
        try:
            channel.phone = "+34 900 000 000"
            channel.save_revision().publish()
            result = run_action(action_server, bot_domain, "action_recommend_channels",
                                {"language": "es", "country": "ES", "situation": "sextortion", "audience": "young_person"})
            urls = [link["url"] for link in links(result)]
            assert "tel:+34900000000" in urls
            assert channel.phone_tel == "tel:+34900000000"
        finally:
            channel.refresh_from_db()
            channel.phone = before
            channel.save_revision().publish()


@pytest.mark.parametrize("server", ["action_server_without_site", "action_server_with_hanging_site"])
def test_when_the_site_does_not_answer_the_assistant_still_gives_the_emergency_advice_and_help_finder(
        request, bot_domain, server):
    result = run_action(request.getfixturevalue(server), bot_domain, "action_recommend_channels",
                        {"language": "de", "country": "DE", "situation": "grooming", "audience": "parent"})
    assert result["responses"][0]["response"] == "utter_danger_call_local"
    assert links(result) == [{"title": "„Hilfe finden“ öffnen", "url": "/de/help/"}]


def test_the_answer_carries_the_help_finders_advice_and_the_situations_own_guide_first(action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "action_recommend_channels",
                        {"language": "es", "country": "ES", "situation": "sextortion", "audience": "young_person"})
    routing = recommend_channels("ES", "sextortion", "young_person", language="es")
    with translation.override("es"):
        advice = [str(line) for line in routing.advice]
    remember = next(r["text"] for r in result["responses"] if (r.get("text") or "").startswith("Recuerda:"))
    assert remember.split("\n")[1:] == [f"• {line}" for line in advice]
    assert any("No pagues" in line for line in advice)  # the sextortion advice, in Spanish
    own = GuidePage.for_situation("sextortion", "young_person", Locale.objects.get(language_code="es"))[0]
    guides = [link for link in links(result) if link["title"].startswith("Guía: ")]
    assert guides[0] == {"title": f"Guía: {own.title}", "url": own.url}
    assert own.situations[0] == "sextortion"


def metadata_turn(server, domain, text, slots, page="en", country="GB"):
    return run_action(server, domain, "action_validate_slot_mappings", slots, text=text,
                      metadata={"language": page, "country": country})


def test_a_message_in_another_language_the_assistant_speaks_is_answered_in_it_with_a_way_back(
        action_server, bot_domain, content):
    result = metadata_turn(action_server, bot_domain, "un chico me está chantajeando con mis fotos, quiere dinero",
                           {"language": "en", "page_language": "en"})
    assert slot_events(result)["language"] == "es"
    notice = result["responses"][0]
    assert notice["text"] == "Te contesto en español."
    assert notice["buttons"] == [{"title": "Continue in English", "payload": '/switch_language{"language_code": "en"}'}]


@pytest.mark.parametrize("text", ["ok", "si", "estoy en eslovenia", "hola que tal"])
def test_short_messages_and_messages_in_the_conversations_language_keep_it(action_server, bot_domain, content, text):
    slots = {"language": "es", "page_language": "es"}
    if text == "estoy en eslovenia":
        slots["requested_slot"] = "country"  # country names mislead a language detector: never switch on them
    result = metadata_turn(action_server, bot_domain, text, slots, page="es", country="ES")
    assert slot_events(result)["language"] == "es"
    assert result["responses"] == []


def test_a_language_the_visitor_chose_sticks_until_the_page_changes_language(action_server, bot_domain, content):
    chosen = run_action(action_server, bot_domain, "action_switch_language", {"language": "es", "page_language": "en"},
                        text='/switch_language{"language_code": "en"}', intent="switch_language",
                        entities=[{"entity": "language_code", "value": "en"}])
    assert slot_events(chosen) == {"language": "en", "language_choice": "en", "visitor_language": None}
    assert chosen["responses"][0]["text"] == "I'll answer in English."
    kept = metadata_turn(action_server, bot_domain, "un chico me está chantajeando con mis fotos",
                         {"language": "en", "page_language": "en", "language_choice": "en"})
    assert slot_events(kept)["language"] == "en"
    typed = run_action(action_server, bot_domain, "action_switch_language", {"language": "en", "page_language": "en"},
                       text="po polsku prosze", intent="switch_language")
    assert slot_events(typed)["language"] == "pl"


@pytest.mark.parametrize(("text", "chosen"), [
    ("po polsku prosze", "pl"), ("kun je in het engels antwoorden?", "en"), ("possiamo continuare in spagnolo?", "es"),
    ("Pouvez-vous répondre en néerlandais ?", "nl"), ("auf Französisch bitte", "fr"), ("możemy przejść na niemiecki?", "de"),
    ("em italiano", "it"), ("can you answer in portuguese", "pt"),
])
def test_a_language_asked_for_by_its_name_in_any_spoken_language_is_the_one_chosen(action_server, bot_domain, content,
                                                                                    text, chosen):
    typed = run_action(action_server, bot_domain, "action_switch_language", {"language": "es", "page_language": "es"},
                       text=text, intent="switch_language")
    assert slot_events(typed)["language"] == chosen


def test_asking_for_another_language_without_naming_one_keeps_the_pages(action_server, bot_domain, content):
    typed = run_action(action_server, bot_domain, "action_switch_language", {"language": "en", "page_language": "es"},
                       text="can we change the language", intent="switch_language")
    assert slot_events(typed)["language"] == "es"


def test_a_language_the_assistant_does_not_speak_is_answered_in_english_and_remembered(action_server, bot_domain, content):
    result = metadata_turn(action_server, bot_domain, "привет я не знаю что мне теперь делать",
                           {"language": "es", "page_language": "es"}, page="es", country="ES")
    assert slot_events(result)["language"] == "en"
    assert slot_events(result)["visitor_language"] == "ru"


def test_a_crisis_in_a_language_the_assistant_does_not_speak_gets_112_and_a_line_in_that_language(
        action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "action_safety_first",
                        {"language": "en", "page_country": "GB", "visitor_language": "sv"}, intent="self_harm")
    responses = [r.get("response") or r.get("text") for r in result["responses"]]
    assert responses[0] == "utter_safety_first"
    assert links(result)[0]["url"] == "tel:999"
    assert "utter_unspoken_also_112" in responses
    at = responses.index("utter_unspoken_line_in_your_language")
    assert result["responses"][at]["country"] == "Sweden"
    swedish = recommend_channels("SE", "self_harm", "young_person", language="en").recommendations
    first_line = next(r.channel for r in swedish if r.channel.kind != "emergency" and r.channel.country_code)
    assert result["responses"][at + 1]["text"].startswith(f"1. {first_line.name}")
    assert responses[-1] == "utter_safety_followup"


def test_a_message_the_assistant_cannot_read_in_a_language_it_does_not_speak_says_which_it_speaks(
        action_server, bot_domain, content):
    result = run_action(action_server, bot_domain, "action_default_fallback",
                        {"language": "en", "page_country": "DE", "visitor_language": "sv"}, text="hej hur mår du")
    first = result["responses"][0]
    assert first["response"] == "utter_unspoken_language"
    named = first["languages"].split(", ")
    assert named[:8] == ["English", "Español", "Français", "Deutsch", "Italiano", "Polski", "Português", "Nederlands"]
    assert len(named) == 25 and "Svenska" in named and "Ελληνικά" in named and "العربية" in named
    assert "tel:112" in [link["url"] for link in links(result)]
    assert any(link["url"] == "/en/help/" for link in links(result))


@pytest.mark.parametrize(("action", "response"), [
    ("action_something_else", "utter_something_else"),
    ("action_correct", "utter_correct"),
])
def test_something_else_and_not_what_i_meant_forget_the_situation_and_ask_again(action_server, bot_domain, action, response):
    result = run_action(action_server, bot_domain, action, slots={"situation": "sextortion", "language": "en"})
    assert slot_events(result) == {"situation": None}
    assert [r.get("response") for r in result["responses"]] == [response]
