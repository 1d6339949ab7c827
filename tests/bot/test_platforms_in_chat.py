"""The assistant recognises the app a visitor names ("someone posted my nude on insta"), in any language it speaks,
and adds that app's own report path to its answer, where the routing function puts it (issue 15). It never asks
which app, the crisis answer never waits for one, and a site that cannot list the apps still gets the answer."""

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from stack import ACTION_SERVER, serving
from test_actions import channel_texts, links, run_action
from test_conversations import RESPONSES, variation

from directory.choices import Kind
from directory.routing import recommend_channels

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bot"))

from actions.platforms import named_platform

# The shape of the site's /api/v1/platforms/ answer, with aliases as editors write them.
PLATFORMS = [
    {"key": "instagram", "name": "Instagram", "aliases": ["instagram", "insta", "ig", "gram"]},
    {"key": "snapchat", "name": "Snapchat", "aliases": ["snapchat", "snap", "sc"]},
    {"key": "tiktok", "name": "TikTok", "aliases": ["tiktok", "tik tok", "tt"]},
    {"key": "whatsapp", "name": "WhatsApp", "aliases": ["whatsapp", "wa", "wasap", "guasap"]},
    {"key": "discord", "name": "Discord", "aliases": ["discord", "dc"]},
    {"key": "roblox", "name": "Roblox", "aliases": ["roblox", "rblx"]},
    {"key": "telegram", "name": "Telegram", "aliases": ["telegram", "tg", "télégram"]},
    {"key": "youtube", "name": "YouTube", "aliases": ["youtube", "yt", "you tube"]},
    {"key": "x", "name": "X (formerly Twitter)", "aliases": ["x", "twitter", "x.com"]},
    {"key": "reddit", "name": "Reddit", "aliases": ["reddit", "r/"]},
]


@pytest.mark.parametrize(("message", "key"), [
    ("someone posted my nude on insta", "instagram"),
    ("alguien subió mi foto desnuda a insta", "instagram"),
    ("quelqu'un menace de publier mes photos sur snap", "snapchat"),
    ("ein Typ auf Roblox will Nacktbilder", "roblox"),
    ("un tizio su TikTok mi offre un lavoro all'estero", "tiktok"),
    ("ktoś wrzucił moje zdjęcia na dc", "discord"),
    ("mandaram o meu vídeo num grupo de WhatsApp", "whatsapp"),
    ("iemand zet mijn foto's op YT", "youtube"),
    ("me lo pasaron por guasap", "whatsapp"),
])
def test_an_app_named_in_any_language_the_assistant_speaks_is_recognised(message, key):
    assert named_platform([message], PLATFORMS) == key


@pytest.mark.parametrize(("message", "key"), [
    ("it was on insta!", "instagram"),
    ("he found me on snap.", "snapchat"),
    ("on IG, yesterday", "instagram"),
    ("my video is on TIK-TOK", "tiktok"),
    ("it's on tik tok", "tiktok"),
    ("c'est sur Télégram", "telegram"),
    ("sur telegram", "telegram"),
    ("they posted it on X", "x"),
    ("it's all over x.com", "x"),
    ("someone posted it in r/teenagers", "reddit"),
])
def test_app_names_are_read_as_people_type_them(message, key):
    assert named_platform([message], PLATFORMS) == key


@pytest.mark.parametrize("message", [
    "i got an instant message from him",  # not "insta"
    "we were eating wasabi",  # not "wa"
    "he sent a snapshot of my screen",  # not "snap"
    "my instagramm handle",  # a longer word is another word
    "x favor ayudame",  # "x" is "por" in Spanish texting: a lone letter counts only as a capital
    "a big kid at school",  # no app
    "/image_shared",  # a button's payload
    "",
])
def test_words_that_only_contain_an_apps_name_are_not_the_app(message):
    assert named_platform([message], PLATFORMS) is None


def test_the_latest_message_that_names_an_app_decides_and_in_it_the_first_app_named():
    said = ["he's 30 i think", "now he's asking for pics on snap", "i met him on roblox"]  # the latest first
    assert named_platform(said, PLATFORMS) == "snapchat"
    assert named_platform(["he moved from discord to whatsapp"], PLATFORMS) == "discord"
    assert named_platform(["nothing here", "/audience_young_person"], PLATFORMS) is None
    assert named_platform(["on insta"], []) is None


def said(*messages: str) -> list[dict]:
    """The conversation's events as Rasa sends them: the visitor's messages (buttons as their payloads)."""
    return [{"event": "user", "text": text} for text in messages]


def answer(server, domain, language, country, situation, events, audience="young_person"):
    return run_action(server, domain, "action_recommend_channels",
                      {"language": language, "country": country, "situation": situation, "audience": audience},
                      text=events[-1].get("text", "") if events else "", events=events)


def expected_names(country, situation, language, platform=None, audience="young_person") -> list[str]:
    routing = recommend_channels(country, situation, audience, language=language, platform=platform)
    return [r.channel.name for r in routing.recommendations]


@pytest.mark.parametrize(("language", "country", "message", "label"), [
    ("en", "GB", "someone posted my nude on insta", "Report on Instagram"),
    ("es", "ES", "alguien subió mi foto desnuda a insta", "Denunciar en Instagram"),
])
def test_a_nude_posted_on_instagram_gets_instagrams_own_report_link_after_the_removal_services(
        action_server, bot_domain, content, language, country, message, label):
    result = answer(action_server, bot_domain, language, country, "image_shared",
                    said("hi", message, "/audience_young_person"))
    routing = recommend_channels(country, "image_shared", "young_person", language=language, platform="instagram")
    kinds = [r.channel.kind for r in routing.recommendations]
    app = kinds.index(Kind.PLATFORM)
    assert app > max(i for i, kind in enumerate(kinds) if kind == Kind.IMAGE_REMOVAL)
    texts = channel_texts(result)
    assert [text.split("\n")[0].split(". ", 1)[1] for text in texts] == [
        r.channel.name + (f" ({r.channel.organisation})" if r.channel.organisation
                          and r.channel.organisation not in r.channel.name else "")
        for r in routing.recommendations
    ]
    channel = routing.recommendations[app].channel
    assert texts[app].startswith(f"{app + 1}. {channel.name}")
    assert str(routing.recommendations[app].reason) in texts[app]
    assert channel.description in texts[app]  # the steps in the app
    assert {"title": label, "url": channel.web_url} in links(result)


def test_a_grooming_answer_adds_the_report_path_of_the_game_named_in_an_earlier_message(
        action_server, bot_domain, content):
    events = said("hallo", "ein Typ auf Roblox will Nacktbilder", "/audience_young_person")
    result = answer(action_server, bot_domain, "de", "DE", "grooming", events)
    names = [text.split("\n")[0] for text in channel_texts(result)]
    assert len(names) == len(expected_names("DE", "grooming", "de", platform="roblox"))
    assert len(names) == len(expected_names("DE", "grooming", "de")) + 1
    assert any(link["title"] == "Bei Roblox melden" for link in links(result))


# "Report on {app}" in every language: the link the assistant gives to the report page of the app named.
REPORT_ON = tuple(v["text"].split("{app}")[0] for v in RESPONSES["utter_label_report_on"])


def report_links(result) -> list[dict]:
    return [link for link in links(result) if link["title"].startswith(REPORT_ON)]


def test_without_an_app_named_the_answer_adds_nothing_app_related(action_server, bot_domain, content):
    result = answer(action_server, bot_domain, "en", "GB", "image_shared",
                    said("hi", "someone posted my nude online", "/audience_young_person"))
    names = [text.split("\n")[0].split(". ", 1)[1] for text in channel_texts(result)]
    assert len(names) == len(expected_names("GB", "image_shared", "en")) > 0
    assert not any(name.startswith("Report it on") for name in names)
    assert report_links(result) == []


def test_what_was_said_before_starting_again_or_a_new_session_does_not_count(action_server, bot_domain, content):
    for fresh_start in ({"event": "action", "name": "action_start_over"}, {"event": "session_started"},
                        {"event": "restart"}):
        events = [*said("someone posted my nude on insta"), fresh_start, *said("my photo is online", "/audience_young_person")]
        result = answer(action_server, bot_domain, "en", "GB", "image_shared", events)
        assert report_links(result) == [], fresh_start


def test_the_crisis_answer_comes_first_and_carries_nothing_app_related(action_server, bot_domain, content):
    text = "he found me on insta and says he's coming to my house tonight"
    result = run_action(action_server, bot_domain, "action_safety_first", {"language": "en", "page_country": "GB"},
                        text=text, intent="danger", events=said(text))
    assert result["responses"][0]["response"] == "utter_safety_first"
    assert links(result)[0]["url"] == "tel:999"
    assert report_links(result) == []


class _StandInSite(BaseHTTPRequestHandler):
    """The site, except that its list of apps fails (`broken = "error"`) or never comes (`"hang"`)."""

    site = ""
    broken = "error"

    def do_GET(self):
        if self.path.startswith("/api/v1/platforms/"):
            if self.broken == "hang":
                time.sleep(5)
            self.send_response(503)
            self.end_headers()
            return
        upstream = requests.get(f"{self.site}{self.path}", timeout=10, headers={"Accept": "application/json"})
        self.send_response(upstream.status_code)
        self.send_header("Content-Type", upstream.headers.get("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(upstream.content)))
        self.end_headers()
        self.wfile.write(upstream.content)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module", params=["error", "hang"])
def action_server_without_the_app_list(request, site_server):
    handler = type("Site", (_StandInSite,), {"site": site_server, "broken": request.param})
    stand_in = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    stand_in.daemon_threads = True
    thread = threading.Thread(target=stand_in.serve_forever, daemon=True)
    thread.start()
    env = {"HELPHUB_SITE_URL": f"http://127.0.0.1:{stand_in.server_address[1]}", "HELPHUB_SITE_TIMEOUT": "1"}
    try:
        with serving(ACTION_SERVER, env, f"test-actions-no-app-list-{request.param}.log", "/health", 60) as url:
            yield url
    finally:
        stand_in.shutdown()
        stand_in.server_close()


def test_a_site_that_cannot_list_the_apps_still_gets_the_answer(action_server_without_the_app_list, bot_domain,
                                                                content):
    result = answer(action_server_without_the_app_list, bot_domain, "en", "GB", "image_shared",
                    said("someone posted my nude on insta", "/audience_young_person"))
    assert result["responses"][0]["response"] == "utter_answer_intro"
    names = [text.split("\n")[0].split(". ", 1)[1] for text in channel_texts(result)]
    assert len(names) == len(expected_names("GB", "image_shared", "en")) > 0
    assert report_links(result) == []


def test_the_chat_answers_someone_posted_my_nude_on_insta_with_instagrams_report_link_and_never_asks_which_app(chat):
    conversation = chat("en", "GB")
    assert [m["text"] for m in conversation.say("someone posted my nude on insta")] == [
        variation("utter_ask_audience", "en")]
    reply = conversation.say("/audience_young_person")
    urls = {link["title"]: link["url"] for m in reply for link in m["links"]}
    routing = recommend_channels("GB", "image_shared", "young_person", language="en", platform="instagram")
    instagram = next(r.channel for r in routing.recommendations if r.channel.kind == Kind.PLATFORM)
    assert urls["Report on Instagram"] == instagram.web_url
    assert reply[-1]["text"] == variation("utter_anything_else", "en")

