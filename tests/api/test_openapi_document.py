"""The OpenAPI document says what the code does: the routes, their methods, the parameters each view reads, and the
chat's limits; and it is valid OpenAPI 3.1."""

import json
import re

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from api import openapi
from api.openapi import SPEC

BASE = SPEC["servers"][0]["url"]  # /api/v1
OPERATIONS = [(path, method) for path, item in SPEC["paths"].items() for method in item]


def routes(patterns=None, prefix=""):
    """Every route the site answers, as a path (Django's resolver, so wherever an app mounts its own urls)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield "/" + prefix + str(pattern.pattern)


def api_routes() -> set[str]:
    return {route for route in routes() if route.startswith(BASE + "/")}


def test_the_document_is_valid_openapi_3_1():
    assert SPEC["openapi"].startswith("3.1")
    validate(json.loads(json.dumps(SPEC)))  # as served: JSON, not Python objects


def test_the_validator_refuses_a_broken_document():
    broken = json.loads(json.dumps(SPEC))
    broken["paths"]["/channels/"]["get"]["parameters"][0]["in"] = "address"
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_every_api_route_is_in_the_document_and_every_documented_path_is_a_route():
    documented = {BASE + path for path in SPEC["paths"]}
    assert api_routes() == documented


@pytest.mark.parametrize("path", sorted(SPEC["paths"]))
def test_each_route_answers_exactly_the_methods_the_document_lists(client, path):
    response = client.generic("PROPFIND", BASE + path)
    assert response.status_code == 405
    allowed = {method.strip() for method in response["Allow"].split(",")}
    assert allowed == {method.upper() for method in SPEC["paths"][path]}


class ReadingQueryDict(QueryDict):
    """A query string that notes each parameter the view asks for."""

    def __init__(self, query_string, asked):
        self.asked = set()  # what building the dict looks up is not the view's reading
        super().__init__(query_string)
        self.asked = asked

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.asked.add(key)
        return super().getlist(key, default)


def example(schema: dict):
    for key in ("example", "default"):
        if key in schema:
            return schema[key]
    if "enum" in schema:
        return schema["enum"][0]
    return schema.get("minimum", "x")


BODIES = {  # a valid body for each operation that takes one
    ("/countries/match/", "post"): {"q": "alemania"},
    ("/chat/", "post"): {"message": "hola", "session": "a" * 20, "lang": "es"},
}


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_every_query_parameter_a_view_reads_is_declared_and_every_declared_one_is_read(content, settings, path,
                                                                                      method):
    settings.HELPHUB_RASA_URL = "http://127.0.0.1:9"  # the chat's fallback; nothing is sent anywhere
    operation = SPEC["paths"][path][method]
    declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    query = {p["name"]: example(p["schema"]) for p in operation.get("parameters", []) if p["in"] == "query"}
    factory = RequestFactory()
    if method == "get":
        request = factory.get(BASE + path, query)
    else:
        request = factory.generic(method.upper(), BASE + path, json.dumps(BODIES[path, method]),
                                  content_type="application/json")
    asked = set()
    request.GET = ReadingQueryDict(request.META.get("QUERY_STRING", ""), asked)
    response = resolve(BASE + path).func(request)
    assert response.status_code == 200, response.content[:300]
    assert asked == declared


def test_the_chat_limits_in_the_document_are_the_chat_views_own():
    from chat import views as chat

    assert chat.MAX_MESSAGE == openapi.CHAT_MAX_MESSAGE
    assert chat.SESSION_PATTERN.pattern == openapi.CHAT_SESSION_PATTERN
    assert chat.CONTROL.pattern == f"[{openapi.CHAT_CONTROL_CHARACTERS}]"


@pytest.mark.parametrize("code", ["ES", "es", "gB", "XK"])
def test_the_country_pattern_takes_a_code_in_any_case(code):
    assert re.match(openapi.any_case_pattern(openapi.COUNTRY_CODES), code)


@pytest.mark.parametrize("code", ["ZZ", "EU", "E", "ESP", "E1", " ES"])
def test_the_country_pattern_refuses_what_is_not_a_country_code(code):
    assert not re.match(openapi.any_case_pattern(openapi.COUNTRY_CODES), code)
