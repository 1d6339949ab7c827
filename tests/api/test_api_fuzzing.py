"""Schemathesis sends the API requests made from its OpenAPI document, valid and invalid, and checks every answer.

Each operation gets the examples, coverage (boundaries, missing and wrong parameters, methods the document does not
list) and fuzzing phases, over the Django application itself with the seed content. Every answer must be one the
document declares (status code, content type, a body that matches the schema), never a server error; requests the
document calls valid must be answered 2xx, invalid ones refused with a 4xx.
"""

import re
import socket
from urllib.parse import parse_qs, urlsplit

import hypothesis
import pytest
import schemathesis
import yaml
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from jsonschema import Draft202012Validator
from schemathesis import GenerationMode

from api.openapi import SPEC

# 100 generated requests per operation, besides the examples and the coverage phase's own: about 1,050 requests,
# 13 to 23 s (measured) for the seven operations on this project's shared 2-core machine. Schemathesis leaves out the
# document's own address, /openapi.json, which test_api.py checks.
MAX_EXAMPLES = 100

API = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The apps in the seed content, from its files: schemathesis builds its example requests while pytest collects the
# tests, before there is a database to ask.
PLATFORMS = sorted(
    yaml.safe_load(path.read_text(encoding="utf-8"))["key"]
    for path in (settings.CONTENT_DIR / "directory" / "platforms").glob("*.yaml")
)


@API.hook
def map_case(context, case):
    """A request the document calls valid names an app the directory knows: which apps there are is content, not
    something the document can list, and an unknown one is rightly refused with a 400."""
    platform = (case.query or {}).get("platform")
    if platform and platform not in PLATFORMS and case.meta and case.meta.generation.mode == GenerationMode.POSITIVE:
        case.query["platform"] = PLATFORMS[len(platform) % len(PLATFORMS)]
    return case


def query_fits(text: str, schema: dict) -> bool:
    """Whether a query parameter's text is a value its schema allows (an integer's text must be one)."""
    if schema.get("type") == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            return False
        return Draft202012Validator(schema).is_valid(int(text))
    return Draft202012Validator(schema).is_valid(text)


def refuses_a_query_the_document_forbids(ctx, response, case):
    """An invalid query must get a 4xx. Schemathesis' own check lets the valid parameters of its coverage requests
    excuse the one it made invalid (4.32), so a parameter the API reads more widely than the document says (an age of
    121 when the document stops at 120) would pass unseen: the query as sent is judged here."""
    if response.status_code >= 400 or case.meta is None or not case.meta.generation.mode.is_negative:
        return
    sent = parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)
    for parameter in SPEC["paths"][case.path][case.method.lower()].get("parameters", []):
        texts = sent.get(parameter["name"])
        if texts is None:
            assert not parameter["required"], f"{response.status_code} without the required {parameter['name']}"
        elif len(texts) == 1:  # which of several values counts is not something the document says
            assert query_fits(texts[0], parameter["schema"]), (
                f"{response.status_code} to {parameter['name']}={texts[0]!r}, which the document does not allow"
            )


def closed_port_url() -> str:
    """An address on this machine where nothing listens: the assistant is down, so the chat answers its fallback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def assistant_down(settings):  # pytest-django's fixture: the setting is restored afterwards
    settings.HELPHUB_RASA_URL = closed_port_url()
    yield
    cache.clear()  # the chat's rate limits counted these messages: the tests after this one start afresh


@pytest.fixture
def connection_kept_open():
    """Schemathesis calls the WSGI application directly, so Django's request signals close the database connection
    after each answer, and on PostgreSQL the test's transaction goes with it. Django's own test client keeps it open
    the same way: close_old_connections is off while the test's requests run."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@API.parametrize()
@hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run, so a failure in CI is one anyone can reproduce
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_of_the_api_is_one_its_openapi_document_declares(case, content, assistant_down, connection_kept_open):
    # Schemathesis' WSGI client does not undo compression, and the site compresses public answers when it may.
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, additional_checks=[refuses_a_query_the_document_forbids])
