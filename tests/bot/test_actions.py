"""The assistant's custom actions, run by the real action server against the real site API (pytest-django's live
server with the seed content): they give what the routing function recommends, in order, and hold no numbers."""

import re

import pytest
import requests
from wagtail.models import Locale

from directory.models import Country, ReportingChannel, Situation
from directory.routing import recommend_channels

SLOTS = ("language", "page_country", "page_country_refused", "situation", "audience", "country", "requested_slot")


def run_action(server, domain, name, slots=None, text="", intent=None, metadata=None, events=None):
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
                               "entities": [], "metadata": metadata or {}},
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
    assert slot_events(result) == {"language": "es", "page_country": "ES"}
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


def test_when_the_site_does_not_answer_the_assistant_still_gives_the_emergency_advice_and_help_finder(
        action_server_without_site, bot_domain):
    result = run_action(action_server_without_site, bot_domain, "action_recommend_channels",
                        {"language": "de", "country": "DE", "situation": "grooming", "audience": "parent"})
    assert result["responses"][0]["response"] == "utter_danger_call_local"
    assert links(result) == [{"title": "„Hilfe finden“ öffnen", "url": "/de/help/"}]
