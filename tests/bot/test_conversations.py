"""Whole conversations through the site's chat endpoint, with the real assistant behind it: Rasa with the trained
model, the action server, and the site's API answering the actions."""

import json
import uuid
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache

from directory.routing import recommend_channels

RESPONSES = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "bot" / "domain" / "responses.yml").read_text())["responses"]


def variation(response: str, language: str) -> str:
    """The text of a response in a language, as the domain defines it."""
    for candidate in RESPONSES[response]:
        if any(c.get("value") == language for c in candidate.get("condition") or []):
            return candidate["text"]
    return next(c["text"] for c in RESPONSES[response] if not c.get("condition"))


class Chat:
    def __init__(self, client, lang, country=None):
        self.client, self.lang, self.country = client, lang, country
        self.session = uuid.uuid4().hex

    def say(self, message: str) -> list[dict]:
        body = {"message": message, "session": self.session, "lang": self.lang}
        if self.country:
            body["country"] = self.country
        response = self.client.post("/api/v1/chat/", data=json.dumps(body), content_type="application/json")
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["fallback"] is False, data
        return data["messages"]


def texts(messages) -> list[str]:
    return [m["text"] for m in messages]


def numbered(messages) -> list[str]:
    return [m["text"] for m in messages if m["text"][:1].isdigit()]




def test_a_spanish_conversation_about_sextortion_in_spain_ends_with_the_spanish_channels(chat):
    conversation = chat("es", "ES")
    opening = conversation.say("/greet")
    assert opening[0]["text"] == variation("utter_greet", "es")
    assert "112" in opening[1]["text"] and opening[1]["links"] == [{"title": "112", "url": "tel:112"}]
    assert opening[2]["text"] == variation("utter_ask_situation", "es")
    assert "/sextortion" in [b["payload"] for b in opening[2]["buttons"]]

    asked = conversation.say("me están chantajeando con unas fotos mías")
    assert asked[0]["text"] == variation("utter_ask_audience", "es")

    answer = conversation.say("soy yo, tengo 15 años")
    expected = recommend_channels("ES", "sextortion", "young_person", language="es").recommendations
    assert [text.split("\n")[0] for text in numbered(answer)] == [
        f"{i}. {r.channel.name}" + (f" ({r.channel.organisation})" if r.channel.organisation
                                    and r.channel.organisation not in r.channel.name else "")
        for i, r in enumerate(expected, start=1)
    ]
    tel_links = [link["url"] for m in answer for link in m["links"] if link["url"].startswith("tel:")]
    assert tel_links == [r.channel.phone_tel for r in expected if r.channel.phone_tel]
    assert answer[-1]["text"] == variation("utter_anything_else", "es")
    assert [b["payload"] for b in answer[-1]["buttons"]] == ["/something_else", "/correct", "/change_country",
                                                             "/start_over"]


@pytest.mark.parametrize(("lang", "country", "emergency", "first", "crisis"), [
    ("en", "GB", "999", "hi", "he says he's coming to my house tonight and i'm scared"),
    ("fr", "FR", "112", "salut", "je veux plus vivre"),
    ("de", "DE", "112", "hallo", "ich will nicht mehr leben"),
    ("es", "ES", "112", "hola", "dice que viene a mi casa esta noche y tengo miedo"),
    ("it", "IT", "112", "ciao", "voglio farla finita"),
    ("it", "IT", "112", "ciao", "sono in pericolo adesso, aiuto"),
    ("pl", "PL", "112", "hej", "nie chce juz zyc"),
    ("pt", "PT", "112", "olá", "não aguento mais, quero morrer"),
    ("nl", "NL", "112", "hoi", "ik wil er niet meer zijn"),
])
def test_a_crisis_message_at_any_step_brings_the_emergency_number_first(chat, lang, country, emergency, first, crisis):
    for steps_before in (0, 1, 2):  # at the first question, at the second, and after the answer
        conversation = chat(lang, country)
        conversation.say(first)
        if steps_before >= 1:
            conversation.say("/grooming")
        if steps_before >= 2:
            conversation.say("/audience_parent")
        reply = conversation.say(crisis)
        assert reply[0]["text"] == variation("utter_safety_first", lang), (steps_before, texts(reply))
        assert reply[1]["links"][0]["url"] == f"tel:{emergency}"
        assert reply[-1]["text"] == variation("utter_safety_followup", lang)


@pytest.mark.parametrize(("lang", "country", "first", "situation", "who"), [
    ("it", "IT", "ciao", "un tizio mi ricatta con le mie foto, vuole soldi", "sono io, ho 15 anni"),
    ("pl", "PL", "hej", "ktoś mnie szantażuje moimi zdjęciami i chce kasy", "to ja, mam 14 lat"),
    ("pt", "PT", "olá", "um gajo está a chantagear-me com as minhas fotos e quer dinheiro", "sou eu, tenho 15 anos"),
    ("nl", "NL", "hoi", "iemand chanteert me met mijn naaktfoto's en wil geld", "het gaat om mij, ik ben 15"),
])
def test_a_young_person_being_blackmailed_gets_the_channels_in_every_new_language(chat, lang, country, first, situation,
                                                                                  who):
    conversation = chat(lang, country)
    opening = conversation.say(first)
    assert opening[0]["text"] == variation("utter_greet", lang)
    assert conversation.say(situation)[0]["text"] == variation("utter_ask_audience", lang)
    answer = conversation.say(who)
    expected = recommend_channels(country, "sextortion", "young_person", language=lang).recommendations
    assert [text.split("\n")[0] for text in numbered(answer)] == [
        f"{i}. {r.channel.name}" + (f" ({r.channel.organisation})" if r.channel.organisation
                                    and r.channel.organisation not in r.channel.name else "")
        for i, r in enumerate(expected, start=1)
    ]
    assert answer[-1]["text"] == variation("utter_anything_else", lang)


def test_italian_typed_on_the_english_page_is_answered_in_italian_and_the_visitor_can_switch_back(chat):
    conversation = chat("en", "GB")
    conversation.say("hi")
    reply = conversation.say("voglio farla finita")
    assert reply[0]["text"] == variation("utter_safety_first", "it")
    assert reply[1]["links"][0]["url"] == "tel:999"
    back = {"title": "Continue in English", "payload": '/switch_language{"language_code": "en"}'}
    assert back in reply[-1]["buttons"]
    reply = conversation.say(back["payload"])
    assert texts(reply)[0] == "I'll answer in English."


def test_a_crisis_message_while_the_country_is_asked_is_not_read_as_a_country(chat):
    conversation = chat("en")
    conversation.say("hi")
    conversation.say("/grooming")
    assert texts(conversation.say("/audience_young_person")) == [variation("utter_ask_country", "en")]
    reply = conversation.say("sono in pericolo adesso, aiuto")
    assert variation("utter_country_not_recognised", "en") not in texts(reply)
    assert variation("utter_danger_call_local", "it") in texts(reply)


@pytest.mark.parametrize(("lang", "crisis"), [
    ("sv", "jag vill inte leva längre, jag vill dö"),
    ("el", "δεν θέλω να ζω άλλο, θέλω να πεθάνω"),
    ("uk", "я більше не хочу жити, хочу померти"),
    ("ar", "لا أريد أن أعيش بعد الآن، أريد أن أموت"),
])
def test_a_crisis_typed_in_one_of_the_added_languages_on_the_english_page_is_answered_in_it(chat, lang, crisis):
    # one per script: Latin, Greek, Cyrillic, Arabic
    conversation = chat("en", "GB")
    conversation.say("hi")
    reply = conversation.say(crisis)
    assert reply[0]["text"] == variation("utter_safety_first", lang)
    assert reply[1]["links"][0]["url"] == "tel:999"


def test_a_crisis_in_a_language_the_assistant_does_not_speak_gets_the_emergency_number_in_english(chat):
    conversation = chat("en", "GB")
    conversation.say("hi")
    reply = conversation.say("мне так плохо, я больше не хочу жить, это всё бессмысленно")
    assert reply[0]["text"] == variation("utter_safety_first", "en")
    assert reply[1]["links"][0]["url"] == "tel:999"
    assert "112 also works across the EU and most of Europe." in texts(reply)
    assert "A line in your language" not in " ".join(texts(reply))  # no covered country speaks Russian


def test_a_false_alarm_is_corrected_and_the_conversation_goes_on(chat):
    conversation = chat("en", "GB")
    conversation.say("hi")
    conversation.say("i want to kill myself")
    reply = conversation.say("/correct")
    assert texts(reply)[:2] == [variation("utter_correct", "en"), variation("utter_ask_situation", "en")]
    reply = conversation.say("/bullying")
    assert texts(reply) == [variation("utter_ask_audience", "en")]


def test_without_a_page_country_the_assistant_asks_and_understands_names_and_unknown_countries(chat):
    conversation = chat("fr")
    conversation.say("/greet")
    conversation.say("/grooming")
    assert texts(conversation.say("/audience_young_person")) == [variation("utter_ask_country", "fr")]
    reply = conversation.say("narnia")
    assert texts(reply) == [variation("utter_country_not_recognised", "fr"), variation("utter_ask_country", "fr")]
    answer = conversation.say("belgique")
    expected = recommend_channels("BE", "grooming", "young_person", language="fr").recommendations
    assert len(numbered(answer)) == len(expected) > 0
    assert numbered(answer)[0].startswith(f"1. {expected[0].channel.name}")


def test_a_country_the_directory_does_not_cover_gets_international_services(chat):
    conversation = chat("en")
    conversation.say("hi")
    conversation.say("/sextortion")
    conversation.say("/audience_young_person")
    answer = conversation.say("brazil")
    assert any("local emergency number" in text for text in texts(answer))
    assert any(text.startswith("1. Take It Down") for text in numbered(answer))


def test_another_country_after_the_answer_gives_that_countrys_channels(chat):
    conversation = chat("de", "DE")
    conversation.say("hallo")
    conversation.say("/csam_found")
    conversation.say("/audience_other")
    assert texts(conversation.say("/change_country")) == [variation("utter_ask_country", "de")]
    answer = conversation.say("Österreich")
    expected = recommend_channels("AT", "csam_found", "other", language="de").recommendations
    assert numbered(answer)[0].startswith(f"1. {expected[0].channel.name}")


def test_start_again_forgets_the_answers_but_not_the_language(chat):
    conversation = chat("fr", "FR")
    conversation.say("salut")
    conversation.say("/sextortion")
    conversation.say("/audience_young_person")
    reply = conversation.say("/start_over")
    assert texts(reply) == [variation("utter_start_over", "fr"), variation("utter_ask_situation", "fr")]


def test_the_help_word_brings_the_help_finder_and_the_emergency_number_then_the_question_again(chat):
    conversation = chat("es", "ES")
    conversation.say("hola")
    reply = conversation.say("ayuda")
    assert reply[0]["text"] == variation("utter_help_now", "es")
    assert reply[0]["links"] == [{"title": "Abrir «Buscar ayuda»", "url": "/es/help/"}]
    assert "112" in reply[1]["text"]
    assert reply[-1]["text"] == variation("utter_ask_situation", "es")


def test_the_language_follows_the_page_within_one_conversation(chat):
    conversation = chat("en", "GB")
    conversation.say("hi")
    conversation.lang = "de"
    reply = conversation.say("/grooming")
    assert texts(reply) == [variation("utter_ask_audience", "de")]


def test_a_slow_assistant_times_out_and_the_visitor_still_gets_the_emergency_number(
        client, content, settings, hanging_assistant):
    settings.HELPHUB_RASA_URL = hanging_assistant
    settings.HELPHUB_RASA_TIMEOUT = 0.5
    cache.clear()
    body = {"message": "help", "session": uuid.uuid4().hex, "lang": "en", "country": "GB"}
    data = client.post("/api/v1/chat/", data=json.dumps(body), content_type="application/json").json()
    assert data["fallback"] is True
    assert data["emergency"] == {"number": "999", "uri": "tel:999"}
    assert data["messages"][0]["links"] == [{"title": "999", "url": "tel:999"}]
