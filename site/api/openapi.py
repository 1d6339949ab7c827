"""The OpenAPI 3.1 description of the v1 API, served at /api/v1/openapi.json.

Every fact in it that the code also knows is read from the code, so the document cannot fall behind: the languages
(settings.LANGUAGES), the situations, audiences, kinds of channel, days and service languages (directory.choices), the
country codes (the CLDR list the routing checks codes against) and the limits the views enforce, which are defined
here and imported by views.py. Only the descriptions are written by hand. tests/api/test_openapi_document.py checks
the document against the routes and the views; tests/api/test_api_fuzzing.py runs schemathesis against the API with it.
"""

from django.conf import settings

from directory.choices import DAYS, SERVICE_LANGUAGES, Audience, Kind, SituationKey
from directory.countries import all_countries
from directory.models import Platform
from directory.validators import AGES

# The limits of the parameters, enforced by views.py.
# AGES: the age of the person the help is for, in years (directory.validators; recommend_channels refuses others too)
MAX_QUERY_LENGTH = 200  # the words /countries/match/ reads a country from
MAX_PLATFORM_KEY_LENGTH = Platform._meta.get_field("key").max_length

LANGUAGES = [code for code, _name in settings.LANGUAGES]  # the site's languages: one list, in settings
COUNTRY_CODES = sorted(code for code, _name in all_countries(settings.LANGUAGE_CODE))
SITUATIONS = list(SituationKey.values)
AUDIENCES = list(Audience.values)

# What the chat view (chat/views.py) accepts; the API does not import the chat app, so
# tests/api/test_openapi_document.py checks these against it.
CHAT_MAX_MESSAGE = 500
CHAT_SESSION_PATTERN = "^[A-Za-z0-9_-]{16,64}$"
CHAT_CONTROL_CHARACTERS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069"


def any_case_pattern(codes: list[str]) -> str:
    """A pattern that matches exactly these two-letter codes, in capitals or not (the API reads `es` as `ES`)."""
    seconds: dict[str, list[str]] = {}
    for code in codes:
        seconds.setdefault(code[0], []).append(code[1])
    branches = (
        f"[{first}{first.lower()}][{''.join(second + second.lower() for second in rest)}]"
        for first, rest in seconds.items()
    )
    return f"^(?:{'|'.join(branches)})$"


def nullable(schema: dict) -> dict:
    """The same schema, or null."""
    widened = {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        widened["enum"] = [*schema["enum"], None]
    return widened


def obj(properties: dict, *, required=None) -> dict:
    """An object in an answer: every property listed (required unless said otherwise) and no other, so a field the
    serializers add without saying so here fails the tests."""
    return {"type": "object", "required": list(properties) if required is None else required,
            "properties": properties, "additionalProperties": False}


STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
LANGUAGE = {"type": "string", "enum": LANGUAGES}
COUNTRY_CODE = {"type": "string", "enum": COUNTRY_CODES}  # as the API writes codes: in capitals
COUNTRY_CODE_ANY_CASE = {"type": "string", "pattern": any_case_pattern(COUNTRY_CODES), "example": "ES"}
SITUATION = {"type": "string", "enum": SITUATIONS}
AUDIENCE = {"type": "string", "enum": AUDIENCES}
AGE = {"type": "integer", "minimum": AGES.start, "maximum": AGES.stop - 1}
# A character that is not a space in any dialect's sense: Python's (str.strip), JSON Schema's (ECMA-262) or Rust's
# (schemathesis validates with it). views.py tests text with it, so "blank" means the same in both.
NON_BLANK = r"[^\s\x1c-\x1f\x85\ufeff]"


def query(name: str, schema: dict, description: str = "", *, required: bool = False) -> dict:
    parameter = {"name": name, "in": "query", "required": required, "schema": schema}
    if description:
        parameter["description"] = description
    return parameter


LANG = query("lang", {**LANGUAGE, "default": settings.LANGUAGE_CODE}, "Language of names, descriptions and reasons.")


def json_content(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def answer(description: str, schema_name: str) -> dict:
    return {"description": description, "content": json_content(ref(schema_name))}


ERROR = answer("A parameter is missing or wrong; the error names it.", "Error")


def read(summary: str, operation_id: str, parameters: list, schema_name: str, description: str) -> dict:
    return {"get": {"summary": summary, "operationId": operation_id, "parameters": parameters,
                    "responses": {"200": answer(description, schema_name), "400": ERROR}}}


CHAT_MESSAGE_TEXT = (
    f"^[^{CHAT_CONTROL_CHARACTERS}]*[^{CHAT_CONTROL_CHARACTERS}\\s][^{CHAT_CONTROL_CHARACTERS}]*$"
)
CHAT = {
    "post": {
        "summary": "Send one message to the assistant (not cacheable; rate-limited per network and per chat)",
        "operationId": "chat",
        "requestBody": {
            "required": True,
            "content": json_content({
                "type": "object",
                "required": ["message", "session"],
                "properties": {
                    "message": {"type": "string", "minLength": 1, "maxLength": CHAT_MAX_MESSAGE,
                                "pattern": CHAT_MESSAGE_TEXT,
                                "description": "What the visitor wrote: not blank, no control characters."},
                    "session": {"type": "string", "pattern": CHAT_SESSION_PATTERN,
                                "description": "A random id for this conversation, made afresh on each page load."},
                    "lang": LANGUAGE,
                    "country": nullable(COUNTRY_CODE_ANY_CASE),
                },
            }),
        },
        "responses": {
            "200": answer("The assistant's messages, or `fallback: true` with the help finder and emergency number "
                          "when it is unavailable.", "ChatReply"),
            "400": answer("The body is wrong; `error.field` names the field (null when the body as a whole is).",
                          "ChatError"),
            "429": answer("Too many messages; the body still carries the help finder and emergency number.",
                          "ChatReply"),
        },
    }
}

MATCH_COUNTRY_QUERY = {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH, "pattern": NON_BLANK}

SPEC = {
    "openapi": "3.1.0",
    "info": {
        "title": "HelpHub API",
        "version": "1.0.0",
        "description": (
            "Read-only directory of reporting channels and helplines for online child sexual exploitation. "
            "Every channel carries its source and the date it was last verified. Answers are cacheable."
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/channels/": {
            "get": {
                "summary": "The channels that fit a country, a situation and an audience, in order",
                "operationId": "listChannels",
                "parameters": [
                    query("country", COUNTRY_CODE_ANY_CASE, "ISO 3166-1 alpha-2 code, in capitals or not. A country "
                          "not covered still gets international channels.", required=True),
                    query("situation", {**SITUATION, "example": SituationKey.SEXTORTION.value}, required=True),
                    query("audience", {**AUDIENCE, "default": Audience.YOUNG_PERSON.value}),
                    query("age", AGE, "Age of the person the help is for; filters channels with age limits."),
                    query(
                        "platform",
                        {"type": "string", "pattern": "^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$",
                         "maxLength": MAX_PLATFORM_KEY_LENGTH, "example": "instagram"},
                        "The key of the app where it happens (see /platforms/; an app the directory does not know "
                        "gets a 400, an empty value means none): its own report path is added, as a channel of kind "
                        "`platform`, at the situation's platform step or last.",
                    ),
                    LANG,
                ],
                "responses": {"200": answer("The routing result.", "Routing"), "400": ERROR},
            }
        },
        "/countries/": read("The countries the directory covers", "listCountries", [LANG], "CountryList",
                            "Covered countries, by name."),
        "/countries/match/": {
            "get": {
                "summary": "Which country some words name, in any supported language",
                "description": "Reads a country name from free text ('alemania', 'i live in the uk'), with or "
                "without accents and with small misspellings. `covered` says whether the directory lists the "
                "country's channels. `match` is null when no country is named.",
                "operationId": "matchCountry",
                "parameters": [query("q", {**MATCH_COUNTRY_QUERY, "example": "alemania"}, required=True), LANG],
                "responses": {"200": answer("The country named, or null.", "CountryMatch"), "400": ERROR},
            },
            "post": {
                "summary": "The same, with the words in the body",
                "description": "Keeps what a visitor typed out of the address (and so out of caches and logs). "
                "Never cached.",
                "operationId": "matchCountryPost",
                "requestBody": {
                    "required": True,
                    "content": json_content({"type": "object", "required": ["q"],
                                             "properties": {"q": MATCH_COUNTRY_QUERY, "lang": LANGUAGE}}),
                },
                "responses": {"200": answer("The country named, or null.", "CountryMatch"), "400": ERROR},
            },
        },
        "/chat/": CHAT,
        "/platforms/": read("The apps and games the directory knows, with the names visitors call them",
                            "listPlatforms", [LANG], "PlatformList", "Apps by name, each with its page on this site."),
        "/situations/": read("The situations a visitor can choose", "listSituations", [LANG], "SituationList",
                             "Situations in display order."),
        "/openapi.json": {
            "get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": {"200": {"description": "The OpenAPI document.",
                                      "content": json_content({"type": "object", "required": ["openapi", "paths"]})}},
            }
        },
    },
    "components": {
        "schemas": {
            "Error": obj({"error": obj({"parameter": STRING, "message": STRING})}),
            "ChatError": obj({"error": obj({"field": NULLABLE_STRING, "message": STRING})}),
            "ChatReply": obj(
                {
                    "messages": {
                        "type": "array",
                        "items": obj({
                            "text": STRING,
                            "buttons": {"type": "array", "items": obj({"title": STRING, "payload": STRING})},
                            "links": {"type": "array", "items": obj({"title": STRING, "url": STRING})},
                        }),
                    },
                    "fallback": {"type": "boolean", "description": "true when the assistant did not answer."},
                    "help_finder": {"type": "string", "description": "Path of the help finder page (fallback)."},
                    "emergency": nullable(obj({"number": STRING, "uri": STRING})),
                    "error": obj({"field": {"type": "null"}, "message": STRING}),
                },
                required=["messages", "fallback"],
            ),
            "PlatformList": obj({
                "language": LANGUAGE,
                "list_url": NULLABLE_STRING,
                "platforms": {
                    "type": "array",
                    "items": obj({
                        "key": STRING,
                        "name": STRING,
                        "aliases": {"type": "array", "items": STRING},
                        "url": NULLABLE_STRING,
                    }),
                },
            }),
            "Channel": obj({
                "key": STRING,
                "kind": {"type": "string", "enum": list(Kind.values)},
                "kind_label": STRING,
                "organisation": STRING,
                "name": STRING,
                "reason": {"type": "string", "description": "Why this channel fits, in the requested language."},
                "international": {"type": "boolean"},
                "country": nullable(COUNTRY_CODE),
                "audiences": {"type": "array", "items": AUDIENCE},
                "min_age": nullable({"type": "integer", "minimum": 0}),
                "max_age": nullable({"type": "integer", "minimum": 0}),
                "ages_in_image": {
                    "type": "boolean",
                    "description": "true when min_age and max_age are the age of the person when the image was "
                    "taken (image removal services), not their age now.",
                },
                "phone": NULLABLE_STRING,
                "phone_uri": {"type": ["string", "null"], "description": "tel: address for tap-to-call."},
                "sms": NULLABLE_STRING,
                "sms_uri": NULLABLE_STRING,
                "chat_url": NULLABLE_STRING,
                "web_url": NULLABLE_STRING,
                "hours": obj({
                    "open_24_7": {"type": "boolean"},
                    "times": {
                        "type": "array",
                        "items": obj({
                            "days": {"type": "array", "items": {"type": "string", "enum": DAYS}},
                            "opens": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                            "closes": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                        }),
                    },
                    "time_zone": STRING,
                    "note": NULLABLE_STRING,
                    "open_now": {"type": ["boolean", "null"], "description": "null when the hours are unknown."},
                }),
                "free": {"type": ["boolean", "null"]},
                "anonymous": {"type": ["boolean", "null"]},
                "languages": {"type": "array", "items": {"type": "string", "enum": SERVICE_LANGUAGES},
                              "description": "Languages the service answers in (ISO 639-1)."},
                "description": NULLABLE_STRING,
                "what_happens_next": NULLABLE_STRING,
                "translated": {"type": "boolean", "description": "false when the wording is in the default language."},
                "source": STRING,
                "last_verified": {"type": "string", "format": "date"},
                "operator_confirmed": {
                    "type": "boolean",
                    "description": "true when the number and links were checked on the operator's own website.",
                },
            }),
            "Routing": obj({
                "country": obj({
                    "code": COUNTRY_CODE,
                    "name": NULLABLE_STRING,
                    "covered": {"type": "boolean"},
                    "emergency_number": NULLABLE_STRING,
                    "emergency_uri": NULLABLE_STRING,
                }),
                "situation": obj({"key": SITUATION, "title": STRING}),
                "audience": AUDIENCE,
                "age": nullable(AGE),
                "language": LANGUAGE,
                "default_language": {**LANGUAGE, "description": "The language untranslated wording is in."},
                "notices": {"type": "array", "items": STRING},
                "channels": {"type": "array", "items": ref("Channel")},
                "advice": {
                    "type": "array",
                    "items": STRING,
                    "description": "What the answer says besides the channels, in the requested language: the "
                    "same lines the help finder shows under 'Remember'.",
                },
                "guides": {
                    "type": "array",
                    "description": "Guides on this site for the situation and audience, the situation's own "
                    "guide first.",
                    "items": obj({"title": STRING, "url": STRING, "summary": STRING}),
                },
            }),
            "CountryList": obj({
                "language": LANGUAGE,
                "countries": {
                    "type": "array",
                    "items": obj({
                        "code": COUNTRY_CODE,
                        "name": STRING,
                        "emergency_number": STRING,
                        "emergency_uri": STRING,
                        "default_language": STRING,
                        "time_zone": STRING,
                    }),
                },
            }),
            "CountryMatch": obj({
                "query": STRING,
                "match": nullable(obj({"code": COUNTRY_CODE, "name": STRING, "covered": {"type": "boolean"}})),
            }),
            "SituationList": obj({
                "language": LANGUAGE,
                "help_finder": {"type": ["string", "null"], "description": "Path of the help finder page."},
                "situations": {"type": "array", "items": obj({"key": SITUATION, "title": STRING, "description": STRING})},
            }),
        }
    },
}
