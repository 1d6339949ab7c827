"""The assistant's custom actions. Every fact they give (channels, numbers, hours, guides, country and situation
names) comes from the site's API at the moment of answering; every sentence comes from domain/responses.yml."""

import asyncio
import logging
import re
import unicodedata
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker, ValidationAction
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import site_api
from .languages import DIRECTORY_CODE, named_language, written_in
from .platforms import named_platform
from .texts import render

logger = logging.getLogger(__name__)

# Situations where safety comes first: the answer needs only the country, and comes straight away.
SAFETY = {"danger": "immediate_danger", "self_harm": "self_harm"}
# The intent a situation's button sends (the two safety situations have their own intents).
SITUATION_INTENT = {"immediate_danger": "danger", "self_harm": "self_harm"}
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
# The kind of the channel the site adds for the app the visitor named: that app's own way to report.
PLATFORM = "platform"
# Events after which what the visitor said before no longer counts: a new session, a restart, "start again".
FRESH_START = {"session_started", "restart"}
# Where the help finder is when the site's API does not answer to say so (the site's help_finder_url gives the same).
HELP_FINDER_WHEN_SITE_DOWN = "/{language}/help/"


def language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "en"


def spoken_languages(domain: DomainDict) -> list[str]:
    """The languages the assistant speaks: the `language` slot's values in domain/dialogue.yml, the one list."""
    return list(domain["slots"]["language"]["values"])


def language_name(domain: DomainDict, code: str) -> str:
    """A language's name in itself ("Italiano"), from the domain's responses."""
    return render(domain, {"language": code}, "utter_label_language_name")


def plain(text: str) -> str:
    """Lower case without accents, for comparing what people type. (components.crisis.normalize does more, but the
    action server runs without the pipeline's components: deploy/ mounts only bot/actions.)"""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def switch_back_button(domain: DomainDict, code: str) -> dict:
    """A button that makes `code` the conversation's language, titled in that language."""
    return {"title": render(domain, {"language": code}, "utter_label_keep_language"),
            "payload": f'/switch_language{{"language_code": "{code}"}}'}


def say(dispatcher: CollectingDispatcher, response: str, links: list[dict] | None = None, **values: Any) -> None:
    """Send a whole response from the domain, in the conversation's language, with links under it if any."""
    dispatcher.utter_message(response=response, **values)
    if links:
        dispatcher.utter_message(json_message={"links": links})


def help_finder_link(domain: DomainDict, tracker: Tracker, path: str | None) -> dict:
    """A link to the help finder at `path`, the address the site's API gives (`help_finder` in its situations
    answer); without one (the site did not answer), at HELP_FINDER_WHEN_SITE_DOWN."""
    url = path or HELP_FINDER_WHEN_SITE_DOWN.format(language=language(tracker))
    return {"title": render(domain, tracker.slots, "utter_label_help_finder"), "url": url}


async def help_finder_path(tracker: Tracker) -> str | None:
    try:
        return (await site_api.situations(language(tracker)))["help_finder"]
    except site_api.SiteUnavailable:
        return None


def site_unavailable(dispatcher: CollectingDispatcher, domain: DomainDict, tracker: Tracker) -> None:
    """The site's API did not answer: still point to the emergency number and the help finder."""
    say(dispatcher, "utter_danger_call_local", links=[help_finder_link(domain, tracker, None)])


def channel_message(domain: DomainDict, tracker: Tracker, position: int, channel: dict,
                    app: str | None = None) -> tuple[str, list[dict]]:
    """One recommended channel as a short text and its contact links. `app`: the name of the app the visitor named,
    for its report channel ("Report on Instagram")."""
    slots = tracker.slots
    name = channel["name"]
    if channel.get("organisation") and channel["organisation"] not in name:
        name = f"{name} ({channel['organisation']})"
    lines = [f"{position}. {name}"]
    if channel.get("reason"):
        lines.append(channel["reason"])
    if channel.get("kind") == PLATFORM and channel.get("description"):
        lines.append(channel["description"])  # the steps in the app: often the only way, where there is no link
    facts = []
    hours = channel.get("hours") or {}
    if hours.get("open_24_7"):
        facts.append(render(domain, slots, "utter_label_open_24_7"))
    elif hours.get("open_now") is True:
        facts.append(render(domain, slots, "utter_label_open_now"))
    elif hours.get("open_now") is False:
        facts.append(render(domain, slots, "utter_label_closed_now"))
    if channel.get("free") and channel.get("phone"):
        facts.append(render(domain, slots, "utter_label_free"))
    if facts:
        lines.append(" · ".join(facts))
    links = []
    if channel.get("phone_uri"):
        links.append({"title": render(domain, slots, "utter_label_call", phone=channel["phone"]), "url": channel["phone_uri"]})
    if channel.get("sms_uri"):
        links.append({"title": render(domain, slots, "utter_label_text", sms=channel["sms"]), "url": channel["sms_uri"]})
    if channel.get("chat_url"):
        links.append({"title": render(domain, slots, "utter_label_chat", name=channel["name"]), "url": channel["chat_url"]})
    if channel.get("web_url") and channel.get("web_url") != channel.get("chat_url"):
        if channel.get("kind") == PLATFORM and app:
            title = render(domain, slots, "utter_label_report_on", app=app)
        else:
            title = render(domain, slots, "utter_label_website", name=channel["name"])
        links.append({"title": title, "url": channel["web_url"]})
    return "\n".join(lines), links


def send_channels(dispatcher: CollectingDispatcher, domain: DomainDict, tracker: Tracker, channels: list[dict],
                  app: str | None = None) -> None:
    for position, channel in enumerate(channels, start=1):
        text, links = channel_message(domain, tracker, position, channel, app)
        dispatcher.utter_message(text=text)
        if links:
            dispatcher.utter_message(json_message={"links": links})


def emergency_then_helpline(channels: list[dict]) -> list[dict]:
    """The emergency numbers the site puts first, and the first helpline after them: what a visitor in danger needs
    before anything else (the routing function guarantees this order)."""
    shown = []
    for channel in channels:
        shown.append(channel)
        if channel["kind"] != "emergency":
            break
    return shown


class ValidateSlotMappings(ValidationAction):
    """After every message: the conversation's language, and the page's country (the site sends it as metadata)."""

    async def extract_language(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        """The language to answer in. The page's language to start with (and again whenever the visitor changes the
        page's language); a message clearly written in another language the assistant speaks switches to it, with
        a button to switch back; a language it does not speak is answered in English (and remembered, so the
        safety answer can add a line in the visitor's language); a language the visitor chose sticks."""
        spoken = spoken_languages(domain)
        metadata = tracker.latest_message.get("metadata") or {}
        page = metadata.get("language") if metadata.get("language") in spoken else None
        slots: dict[str, Any] = {}
        current = tracker.get_slot("language")
        choice = tracker.get_slot("language_choice")
        if page and page != tracker.get_slot("page_language"):  # the first message, or the page's language changed
            slots.update(page_language=page, language_choice=None, visitor_language=None)
            current, choice = page, None
        current = current or page or "en"
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = tracker.latest_message.get("text") or ""
        naming_country = tracker.get_slot("requested_slot") == "country" and intent not in SAFETY
        if choice or intent == "switch_language" or naming_country:
            # A choice sticks; country names mislead the detector ("estoy en eslovenia").
            return {**slots, "language": choice or current}
        written = written_in(text, tracker.get_slot("visitor_language") or current, spoken)
        if written not in spoken:
            return {**slots, "language": "en", "visitor_language": written}
        if written != current:
            slots["visitor_language"] = None
            if intent not in SAFETY:  # in a crisis the answer comes first; the safety answer offers the way back
                back = tracker.get_slot("page_language") or page or current
                buttons = [switch_back_button(domain, back)] if back != written else []
                dispatcher.utter_message(text=render(domain, {"language": written}, "utter_language_switched",
                                                     language=language_name(domain, written)), buttons=buttons)
        return {**slots, "language": written}

    async def extract_page_country(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        metadata = tracker.latest_message.get("metadata") or {}
        code = metadata.get("country")
        if isinstance(code, str) and COUNTRY_CODE.match(code.upper()):
            return {"page_country": code.upper()}
        return {}


class ValidateHelpForm(FormValidationAction):
    def name(self) -> str:
        return "validate_help_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        if tracker.get_slot("situation") in SAFETY.values():
            return ["situation", "country"]  # in danger, the answer must not wait for more questions
        return domain_slots

    async def extract_country(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        """The page's country, unless the visitor has said they are somewhere else."""
        if tracker.get_slot("country") or tracker.get_slot("page_country_refused"):
            return {}
        if tracker.get_slot("page_country"):
            return {"country": tracker.get_slot("page_country")}
        return {}

    async def validate_country(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if isinstance(value, str) and COUNTRY_CODE.match(value):
            return {"country": value}  # a code from a button or from the page
        code = await _country_from_text(value, tracker)
        if code is None:
            dispatcher.utter_message(response="utter_country_not_recognised")
        return {"country": code}


async def _country_from_text(text: Any, tracker: Tracker) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        match = await site_api.match_country(text, language(tracker))
    except site_api.SiteUnavailable:
        logger.warning("country lookup failed: the site did not answer")
        return None
    return match["code"] if match else None


class ActionGreet(Action):
    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        say(dispatcher, "utter_greet")
        await _emergency_line(dispatcher, tracker, tracker.get_slot("country") or tracker.get_slot("page_country"))
        return []


async def _emergency_line(dispatcher, tracker: Tracker, code: str | None) -> None:
    country = None
    if code:
        try:
            listed = await site_api.countries(language(tracker))
            country = next((c for c in listed["countries"] if c["code"] == code), None)
        except site_api.SiteUnavailable:
            country = None
    if country:
        say(dispatcher, "utter_danger_call", emergency_number=country["emergency_number"],
            links=[{"title": country["emergency_number"], "url": country["emergency_uri"]}])
    else:
        say(dispatcher, "utter_danger_call_local")


class ActionAskSituation(Action):
    """The form's question for the situation, with the situations the site lists (in the visitor's language)."""

    def name(self) -> str:
        return "action_ask_situation"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        await ask_situation(dispatcher, tracker, domain)
        return []


async def ask_situation(dispatcher, tracker: Tracker, domain: DomainDict) -> None:
    try:
        listed = (await site_api.situations(language(tracker)))["situations"]
    except site_api.SiteUnavailable:
        listed = []
    buttons = [{"title": s["title"], "payload": "/" + SITUATION_INTENT.get(s["key"], s["key"])} for s in listed]
    dispatcher.utter_message(response="utter_ask_situation", buttons=buttons)


class ActionSetCountry(Action):
    """The visitor names a country outside the form's question: use it for the answer."""

    def name(self) -> str:
        return "action_set_country"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        entity = next(tracker.get_latest_entity_values("country"), None)
        code = entity.upper() if isinstance(entity, str) and COUNTRY_CODE.match(entity.upper()) else None
        if code is None:
            code = await _country_from_text(tracker.latest_message.get("text"), tracker)
        if code is None:
            dispatcher.utter_message(response="utter_country_not_recognised")
            return []
        return [SlotSet("country", code), SlotSet("page_country_refused", code != tracker.get_slot("page_country"))]


class ActionRecommendChannels(Action):
    """The answer: the channels the site's routing function recommends, in its order, and the guides."""

    def name(self) -> str:
        return "action_recommend_channels"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        situation = tracker.get_slot("situation")
        country = tracker.get_slot("country")
        audience = tracker.get_slot("audience") or "young_person"
        said = visitor_messages(tracker)
        # The apps are asked for alongside the channels, so naming one costs the answer no waiting when the site is
        # slow; only an app actually named asks the site again, for the answer with that app's report path.
        listed = asyncio.ensure_future(site_api.platforms(language(tracker))) if said else None
        try:
            routing = await site_api.channels(country, situation, audience, language(tracker))
        except site_api.SiteUnavailable:
            forget(listed)
            site_unavailable(dispatcher, domain, tracker)
            return []
        app = await app_named(listed, said)
        if app:
            try:
                routing = await site_api.channels(country, situation, audience, language(tracker), platform=app["key"])
            except site_api.SiteUnavailable as error:  # the answer without the app's link is still the answer
                logger.warning("channels with the app the visitor named: %s", error)
                app = None
        if routing["country"]["covered"] and routing["channels"]:
            dispatcher.utter_message(response="utter_answer_intro", situation=routing["situation"]["title"],
                                     country=routing["country"]["name"])
        for notice in routing.get("notices") or []:  # not covered, or nothing for this situation: the site says so
            dispatcher.utter_message(text=notice)
        if not routing["channels"]:
            path = await help_finder_path(tracker)
            dispatcher.utter_message(json_message={"links": [help_finder_link(domain, tracker, path)]})
            return []
        send_channels(dispatcher, domain, tracker, routing["channels"], app["name"] if app else None)
        send_advice(dispatcher, domain, tracker, routing)
        guides = [{"title": render(domain, tracker.slots, "utter_label_guide", title=g["title"]),
                   "url": site_api.site_path(g["url"])} for g in routing.get("guides") or []]
        if guides:  # the situation's own guide comes first (the site orders them)
            say(dispatcher, "utter_read_more", links=guides[:2])
        return []


def visitor_messages(tracker: Tracker) -> list[str]:
    """What the visitor wrote in this conversation (since it started, was restarted or started again), the latest
    first; buttons' payloads left out. Messages the assistant did not understand count too: "it's on snap" alone is
    not a situation, but it says where it happens."""
    said: list[str] = []
    for event in tracker.events:
        kind = event.get("event")
        if kind in FRESH_START or (kind == "action" and event.get("name") == "action_start_over"):
            said = []
        elif kind == "user":
            text = event.get("text")
            if isinstance(text, str) and text.strip() and not text.startswith("/"):
                said.append(text)
    return said[::-1]


async def app_named(listed: asyncio.Future | None, said: list[str]) -> dict | None:
    """The app (`key`, `name`) the visitor's messages name, from the site's list of apps; None when they name none
    or the site did not give the list."""
    if listed is None:
        return None
    try:
        platforms = (await listed)["platforms"]
        key = named_platform(said, platforms)
    except (site_api.SiteUnavailable, KeyError, TypeError) as error:
        logger.warning("the apps were not listed: %r", error)
        return None
    return next(({"key": key, "name": p.get("name") or key} for p in platforms if p.get("key") == key), None)


def forget(task: asyncio.Future | None) -> None:
    """Stop waiting for a request whose answer is no longer needed (and let its failure go unreported)."""
    if task is None:
        return
    if task.done():
        if not task.cancelled():
            task.exception()
    else:
        task.cancel()


def send_advice(dispatcher: CollectingDispatcher, domain: DomainDict, tracker: Tracker, routing: dict) -> None:
    """What the help finder shows under "Remember", from the same source (the site's API), in the same words."""
    advice = routing.get("advice") or []
    if advice:
        heading = render(domain, tracker.slots, "utter_label_remember")
        dispatcher.utter_message(text="\n".join([heading, *(f"• {line}" for line in advice)]))


class ActionSafetyFirst(Action):
    """Immediate danger or self-harm, at any point: the emergency number and a helpline first, straight away."""

    def name(self) -> str:
        return "action_safety_first"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        situation = SAFETY.get(intent, "immediate_danger")
        events: list[EventType] = [SlotSet("situation", situation)]
        country = tracker.get_slot("country") or (
            None if tracker.get_slot("page_country_refused") else tracker.get_slot("page_country"))
        if not country:
            say(dispatcher, "utter_danger_call_local")
            say(dispatcher, "utter_safety_ask_country")
            return events
        events.append(SlotSet("country", country))
        try:
            routing = await site_api.channels(country, situation, tracker.get_slot("audience") or "young_person",
                                              language(tracker))
        except site_api.SiteUnavailable:
            site_unavailable(dispatcher, domain, tracker)
            return events
        if routing["country"]["covered"]:
            say(dispatcher, "utter_safety_first")
            send_channels(dispatcher, domain, tracker, emergency_then_helpline(routing["channels"]))
        else:
            for notice in routing.get("notices") or []:  # "call your local emergency number", from the site
                dispatcher.utter_message(text=notice)
            send_channels(dispatcher, domain, tracker, routing["channels"])
        if tracker.get_slot("visitor_language"):
            await line_in_visitor_language(dispatcher, domain, tracker, situation, routing)
        back = tracker.get_slot("page_language")
        switch_back = back and back != language(tracker) and not tracker.get_slot("visitor_language")
        # Rasa adds these buttons after the response's own ("I'm safe, you got it wrong", "something else").
        dispatcher.utter_message(response="utter_safety_followup",
                                 buttons=[switch_back_button(domain, back)] if switch_back else [])
        return events


async def line_in_visitor_language(dispatcher, domain: DomainDict, tracker: Tracker, situation: str,
                                   routing: dict) -> None:
    """A visitor writing a language the assistant does not speak gets the answer in English, then 112 (it works
    across the EU and most of Europe), the international services, and a line in their language where the
    directory has one: the first helpline of the country whose language it is."""
    if routing["country"].get("emergency_number") != "112":
        dispatcher.utter_message(response="utter_unspoken_also_112")
    international = [c for c in routing["channels"] if c.get("international")]
    shown = {c["key"] for c in emergency_then_helpline(routing["channels"])}
    extra = [c for c in international if c["key"] not in shown]
    try:
        listed = (await site_api.countries("en"))["countries"]
        theirs_code = DIRECTORY_CODE.get(tracker.get_slot("visitor_language"), tracker.get_slot("visitor_language"))
        country = next((c for c in listed if c.get("default_language") == theirs_code), None)
        theirs = None
        if country and country["code"] != routing["country"]["code"]:
            answer = await site_api.channels(country["code"], situation, tracker.get_slot("audience") or "young_person",
                                             "en")
            theirs = next((c for c in answer["channels"] if c["kind"] != "emergency" and not c.get("international")),
                          None)
    except site_api.SiteUnavailable:
        country = theirs = None
    if theirs:
        dispatcher.utter_message(response="utter_unspoken_line_in_your_language", country=country["name"])
        send_channels(dispatcher, domain, tracker, [theirs])
    if extra:
        dispatcher.utter_message(response="utter_unspoken_international")
        send_channels(dispatcher, domain, tracker, extra)


class ActionHelpNow(Action):
    """"Help" at any point: what the assistant does, the emergency number and the help finder."""

    def name(self) -> str:
        return "action_help_now"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        path = await help_finder_path(tracker)
        say(dispatcher, "utter_help_now", links=[help_finder_link(domain, tracker, path)])
        await _emergency_line(dispatcher, tracker, tracker.get_slot("country") or tracker.get_slot("page_country"))
        return []


class AskWhatHappenedAgain:
    """Forget the situation and ask again, with `response`: one action, under the two names the stories use. Not an
    Action itself, so rasa_sdk registers only the two below."""

    action_name = response = ""

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response=self.response)
        return [SlotSet("situation", None)]


class ActionSomethingElse(AskWhatHappenedAgain, Action):
    """"Something else" from the situation buttons."""

    action_name, response = "action_something_else", "utter_something_else"


class ActionCorrect(AskWhatHappenedAgain, Action):
    """"That's not what I meant", or a false alarm after the safety answer."""

    action_name, response = "action_correct", "utter_correct"


class ActionChangeCountry(Action):
    def name(self) -> str:
        return "action_change_country"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return [SlotSet("country", None), SlotSet("page_country_refused", True)]


class ActionStartOver(Action):
    """Forget the answers so far (not the page's language and country) and ask again from the start."""

    def name(self) -> str:
        return "action_start_over"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_start_over")
        return [SlotSet("situation", None), SlotSet("audience", None), SlotSet("country", None),
                SlotSet("page_country_refused", False)]


class ActionDefaultFallback(Action):
    """A message the assistant did not understand: say so, show the choices again, and forget the message."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("visitor_language"):
            # Written in a language the assistant does not speak: say which it speaks, and where help is now.
            names = ", ".join(language_name(domain, code) for code in spoken_languages(domain))
            dispatcher.utter_message(response="utter_unspoken_language", languages=names)
            await _emergency_line(dispatcher, tracker, tracker.get_slot("country") or tracker.get_slot("page_country"))
            path = await help_finder_path(tracker)
            dispatcher.utter_message(json_message={"links": [help_finder_link(domain, tracker, path)]})
            return [UserUtteranceReverted()]
        dispatcher.utter_message(response="utter_default")
        requested = tracker.get_slot("requested_slot")
        if requested == "situation" or (requested is None and not tracker.get_slot("situation")):
            await ask_situation(dispatcher, tracker, domain)
        elif requested == "audience":
            dispatcher.utter_message(response="utter_ask_audience")
        return [UserUtteranceReverted()]


class ActionSwitchLanguage(Action):
    """The visitor chooses the language (a button after an automatic switch, or "in English please"): it sticks."""

    def name(self) -> str:
        return "action_switch_language"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        spoken = spoken_languages(domain)
        code = next(tracker.get_latest_entity_values("language_code"), None)
        if code not in spoken:  # typed: the language named in any language ("po polsku", "en ingles", "auf englisch")
            code = named_language(tracker.latest_message.get("text") or "", spoken)
        if code not in spoken:
            code = tracker.get_slot("page_language") or language(tracker)
        dispatcher.utter_message(text=render(domain, {**tracker.slots, "language": code}, "utter_language_switched",
                                             language=language_name(domain, code)))
        return [SlotSet("language", code), SlotSet("language_choice", code), SlotSet("visitor_language", None)]
