"""The OpenAPI 3.1 description of the v1 API, served at /api/v1/openapi.json. Tests check responses against it."""

from django.conf import settings

from directory.choices import Audience, Kind, SituationKey

LANGUAGES = [code for code, _name in settings.LANGUAGES]  # the site's languages: one list, in settings
LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": LANGUAGES, "default": settings.LANGUAGE_CODE},
    "description": "Language of names, descriptions and reasons.",
}
NULLABLE_STRING = {"type": ["string", "null"]}
ERROR = {
    "description": "A parameter is missing or wrong; the error names it.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}

CHAT = {
    "post": {
        "summary": "Send one message to the assistant (not cacheable; rate-limited per network and per chat)",
        "operationId": "chat",
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["message", "session"],
                        "properties": {
                            "message": {"type": "string", "maxLength": 500},
                            "session": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"},
                            "lang": {"type": "string", "enum": LANGUAGES},
                            "country": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
                        },
                    }
                }
            },
        },
        "responses": {
            "200": {
                "description": "The assistant's messages, or `fallback: true` with the help finder and emergency number when it is unavailable."
            },
            "400": {"description": "The body is wrong; `error.field` names the field."},
            "429": {"description": "Too many messages; the body still carries the help finder and emergency number."},
        },
    }
}


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
                    {
                        "name": "country",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
                        "description": "ISO 3166-1 alpha-2 code. A country not covered still gets international channels.",
                    },
                    {
                        "name": "situation",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "enum": list(SituationKey.values)},
                    },
                    {
                        "name": "audience",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": list(Audience.values), "default": "young_person"},
                    },
                    {
                        "name": "age",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 0, "maximum": 120},
                        "description": "Age of the person the help is for; filters channels with age limits.",
                    },
                    {
                        "name": "platform",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 80},
                        "description": "The key of the app where it happens (see /platforms/): its own report path is "
                        "added, as a channel of kind `platform`, at the situation's platform step or last.",
                    },
                    LANG,
                ],
                "responses": {
                    "200": {
                        "description": "The routing result.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Routing"}}},
                    },
                    "400": ERROR,
                },
            }
        },
        "/countries/": {
            "get": {
                "summary": "The countries the directory covers",
                "operationId": "listCountries",
                "parameters": [LANG],
                "responses": {
                    "200": {
                        "description": "Covered countries, by name.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CountryList"}}},
                    },
                    "400": ERROR,
                },
            }
        },
        "/countries/match/": {
            "get": {
                "summary": "Which country some words name, in any supported language",
                "description": "Reads a country name from free text ('alemania', 'i live in the uk'), with or "
                "without accents and with small misspellings. `covered` says whether the directory lists the "
                "country's channels. `match` is null when no country is named.",
                "operationId": "matchCountry",
                "parameters": [
                    {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 200}},
                    LANG,
                ],
                "responses": {
                    "200": {
                        "description": "The country named, or null.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CountryMatch"}}},
                    },
                    "400": ERROR,
                },
            },
            "post": {
                "summary": "The same, with the words in the body",
                "description": "Keeps what a visitor typed out of the address (and so out of caches and logs). "
                "Never cached.",
                "operationId": "matchCountryPost",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {
                        "type": "object", "required": ["q"],
                        "properties": {"q": {"type": "string", "maxLength": 200},
                                       "lang": {"type": "string", "enum": LANGUAGES}},
                    }}},
                },
                "responses": {
                    "200": {
                        "description": "The country named, or null.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CountryMatch"}}},
                    },
                    "400": ERROR,
                },
            },
        },
        "/chat/": CHAT,
        "/platforms/": {
            "get": {
                "summary": "The apps and games the directory knows, with the names visitors call them",
                "operationId": "listPlatforms",
                "parameters": [LANG],
                "responses": {
                    "200": {
                        "description": "Apps by name, each with its page on this site.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PlatformList"}}},
                    },
                    "400": ERROR,
                },
            }
        },
        "/situations/": {
            "get": {
                "summary": "The situations a visitor can choose",
                "operationId": "listSituations",
                "parameters": [LANG],
                "responses": {
                    "200": {
                        "description": "Situations in display order.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SituationList"}}},
                    },
                    "400": ERROR,
                },
            }
        },
    },
    "components": {
        "schemas": {
            "PlatformList": {
                "type": "object",
                "required": ["language", "platforms", "list_url"],
                "properties": {
                    "language": {"type": "string", "enum": LANGUAGES},
                    "list_url": NULLABLE_STRING,
                    "platforms": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["key", "name", "aliases", "url"],
                            "properties": {
                                "key": {"type": "string"},
                                "name": {"type": "string"},
                                "aliases": {"type": "array", "items": {"type": "string"}},
                                "url": NULLABLE_STRING,
                            },
                        },
                    },
                },
            },
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["parameter", "message"],
                        "properties": {"parameter": {"type": "string"}, "message": {"type": "string"}},
                    }
                },
            },
            "Channel": {
                "type": "object",
                "required": [
                    "key",
                    "kind",
                    "kind_label",
                    "organisation",
                    "name",
                    "reason",
                    "international",
                    "country",
                    "audiences",
                    "min_age",
                    "max_age",
                    "ages_in_image",
                    "phone",
                    "phone_uri",
                    "sms",
                    "sms_uri",
                    "chat_url",
                    "web_url",
                    "hours",
                    "free",
                    "anonymous",
                    "languages",
                    "description",
                    "what_happens_next",
                    "translated",
                    "source",
                    "last_verified",
                    "operator_confirmed",
                ],
                "properties": {
                    "key": {"type": "string"},
                    "kind": {"type": "string", "enum": list(Kind.values)},
                    "kind_label": {"type": "string"},
                    "organisation": {"type": "string"},
                    "name": {"type": "string"},
                    "reason": {"type": "string", "description": "Why this channel fits, in the requested language."},
                    "international": {"type": "boolean"},
                    "country": NULLABLE_STRING,
                    "audiences": {"type": "array", "items": {"type": "string", "enum": list(Audience.values)}},
                    "min_age": {"type": ["integer", "null"]},
                    "max_age": {"type": ["integer", "null"]},
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
                    "hours": {
                        "type": "object",
                        "required": ["open_24_7", "times", "time_zone", "note", "open_now"],
                        "properties": {
                            "open_24_7": {"type": "boolean"},
                            "times": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "days": {"type": "array", "items": {"type": "string"}},
                                        "opens": {"type": "string"},
                                        "closes": {"type": "string"},
                                    },
                                },
                            },
                            "time_zone": {"type": "string"},
                            "note": NULLABLE_STRING,
                            "open_now": {
                                "type": ["boolean", "null"],
                                "description": "null when the hours are unknown.",
                            },
                        },
                    },
                    "free": {"type": ["boolean", "null"]},
                    "anonymous": {"type": ["boolean", "null"]},
                    "languages": {"type": "array", "items": {"type": "string"}},
                    "description": NULLABLE_STRING,
                    "what_happens_next": NULLABLE_STRING,
                    "translated": {
                        "type": "boolean",
                        "description": "false when the wording is in the default language.",
                    },
                    "source": {"type": "string"},
                    "last_verified": {"type": "string", "format": "date"},
                    "operator_confirmed": {
                        "type": "boolean",
                        "description": "true when the number and links were checked on the operator's own website.",
                    },
                },
            },
            "Routing": {
                "type": "object",
                "required": ["country", "situation", "audience", "age", "language", "notices", "channels", "advice",
                             "guides"],
                "properties": {
                    "country": {
                        "type": "object",
                        "required": ["code", "name", "covered", "emergency_number", "emergency_uri"],
                        "properties": {
                            "code": {"type": "string"},
                            "name": NULLABLE_STRING,
                            "covered": {"type": "boolean"},
                            "emergency_number": NULLABLE_STRING,
                            "emergency_uri": NULLABLE_STRING,
                        },
                    },
                    "situation": {
                        "type": "object",
                        "required": ["key", "title"],
                        "properties": {"key": {"type": "string"}, "title": {"type": "string"}},
                    },
                    "audience": {"type": "string"},
                    "age": {"type": ["integer", "null"]},
                    "language": {"type": "string"},
                    "notices": {"type": "array", "items": {"type": "string"}},
                    "channels": {"type": "array", "items": {"$ref": "#/components/schemas/Channel"}},
                    "advice": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "What the answer says besides the channels, in the requested language: the "
                        "same lines the help finder shows under 'Remember'.",
                    },
                    "guides": {
                        "type": "array",
                        "description": "Guides on this site for the situation and audience, the situation's own "
                        "guide first.",
                        "items": {
                            "type": "object",
                            "required": ["title", "url", "summary"],
                            "properties": {
                                "title": {"type": "string"},
                                "url": {"type": "string"},
                                "summary": {"type": "string"},
                            },
                        },
                    },
                },
            },
            "CountryList": {
                "type": "object",
                "required": ["language", "countries"],
                "properties": {
                    "language": {"type": "string"},
                    "countries": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [
                                "code",
                                "name",
                                "emergency_number",
                                "emergency_uri",
                                "default_language",
                                "time_zone",
                            ],
                            "properties": {
                                "code": {"type": "string"},
                                "name": {"type": "string"},
                                "emergency_number": {"type": "string"},
                                "emergency_uri": {"type": "string"},
                                "default_language": {"type": "string"},
                                "time_zone": {"type": "string"},
                            },
                        },
                    },
                },
            },
            "CountryMatch": {
                "type": "object",
                "required": ["query", "match"],
                "properties": {
                    "query": {"type": "string"},
                    "match": {
                        "type": ["object", "null"],
                        "required": ["code", "name", "covered"],
                        "properties": {
                            "code": {"type": "string"},
                            "name": {"type": "string"},
                            "covered": {"type": "boolean"},
                        },
                    },
                },
            },
            "SituationList": {
                "type": "object",
                "required": ["language", "situations", "help_finder"],
                "properties": {
                    "language": {"type": "string"},
                    "help_finder": {"type": ["string", "null"], "description": "Path of the help finder page."},
                    "situations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["key", "title", "description"],
                            "properties": {
                                "key": {"type": "string"},
                                "title": {"type": "string"},
                                "description": {"type": "string"},
                            },
                        },
                    },
                },
            },
        }
    },
}
