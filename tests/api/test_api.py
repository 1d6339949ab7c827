"""The read-only JSON API (v1): answers, errors and the OpenAPI contract."""

import json
import unicodedata

import pytest
import yaml
from django.conf import settings
from django.utils.html import escape
from jsonschema import Draft202012Validator

from api.openapi import SPEC
from directory.routing import recommend_channels

CHANNELS = "/api/v1/channels/"
SITUATIONS_FILE = yaml.safe_load((settings.CONTENT_DIR / "directory" / "situations.yaml").read_text(encoding="utf-8"))
SITUATION_TITLES = {entry["key"]: {"en": entry["title"]["en"]} for entry in SITUATIONS_FILE}
for _path in (settings.CONTENT_DIR / "directory" / "translations").glob("*.yaml"):
    _translations = yaml.safe_load(_path.read_text(encoding="utf-8"))
    for _key, _texts in _translations["situations"].items():
        SITUATION_TITLES[_key][_translations["language"]] = _texts["title"]
CHANNEL_REQUIRED = SPEC["components"]["schemas"]["Channel"]["required"]
SPANISH_SEXTORTION = {"country": "ES", "situation": "sextortion", "audience": "young_person", "lang": "es"}


def problems(data, path: str, status: str = "200", method: str = "get") -> list[str]:
    """What in `data` the OpenAPI document's schema for this answer does not allow, each with where it is."""
    schema = SPEC["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": SPEC["components"]},
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


def get_json(client, path, params=None, status=200):
    response = client.get(path, params or {})
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content.decode("utf-8"))


# /channels/ --------------------------------------------------------------------------------------------------------


def test_spanish_sextortion_answer_for_a_young_person_in_spain(client, content):
    _response, data = get_json(client, CHANNELS, SPANISH_SEXTORTION)
    assert data["country"]["code"] == "ES"
    assert data["country"]["covered"] is True
    assert data["country"]["name"] == "España"
    assert data["country"]["emergency_number"] == "112"
    assert data["country"]["emergency_uri"] == "tel:112"
    assert data["situation"] == {"key": "sextortion", "title": "Alguien amenaza con compartir mis fotos"}
    assert data["situation"]["title"] == SITUATION_TITLES["sextortion"]["es"]
    assert data["language"] == "es"
    assert data["audience"] == "young_person"
    assert data["notices"] == []


def test_channels_come_in_routing_order(client, content):
    _response, data = get_json(client, CHANNELS, SPANISH_SEXTORTION)
    keys = [channel["key"] for channel in data["channels"]]
    assert keys == ["es-anar-helpline", "int-take-it-down", "es-guardia-civil-062", "es-policia-nacional-091",
                    "es-policia-local-092", "es-incibe-hotline"]  # fmt: skip
    routing = recommend_channels("ES", "sextortion", "young_person", language="es")
    assert keys == [r.channel.key for r in routing.recommendations]
    kinds = ["child_helpline", "image_removal", "police", "police", "police", "csam_hotline"]
    assert [c["kind"] for c in data["channels"]] == kinds


def test_every_channel_has_every_required_field_a_tel_link_and_its_source(client, content):
    _response, data = get_json(client, CHANNELS, SPANISH_SEXTORTION)
    assert data["channels"]
    for channel in data["channels"]:
        missing = [key for key in CHANNEL_REQUIRED if key not in channel]
        assert not missing, f"{channel['key']} lacks {missing}"
        if channel["phone"]:
            assert channel["phone_uri"].startswith("tel:")
        else:
            assert channel["phone_uri"] is None
        assert channel["source"]
        assert channel["last_verified"]
        assert channel["reason"]
        assert channel["translated"] is True  # every channel's texts are translated in the seed content
    anar = data["channels"][0]
    assert (anar["phone"], anar["phone_uri"]) == ("900 20 20 10", "tel:+34900202010")


def test_emergency_number_comes_first_in_danger_with_a_tap_to_call_link(client, content):
    _response, data = get_json(client, CHANNELS, {"country": "GB", "situation": "immediate_danger"})
    first = data["channels"][0]
    assert (first["kind"], first["phone"], first["phone_uri"]) == ("emergency", "999", "tel:999")
    assert first["hours"]["open_now"] is True
    assert data["channels"][1]["kind"] == "child_helpline"


def test_channel_answers_are_cacheable_for_a_short_time(client, content):
    response, _data = get_json(client, CHANNELS, SPANISH_SEXTORTION)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 300


def test_age_filters_the_channels(client, content):
    _response, data = get_json(client, CHANNELS, {"country": "GB", "situation": "image_shared", "audience": "other", "age": "17"})
    keys = [c["key"] for c in data["channels"]]
    assert "int-take-it-down" in keys and "int-stopncii" not in keys
    assert data["age"] == 17


def test_uncovered_country_gets_international_channels_and_a_notice(client, content):
    _response, data = get_json(client, CHANNELS, {"country": "br", "situation": "image_shared"})
    assert data["country"] == {"code": "BR", "name": None, "covered": False, "emergency_number": None, "emergency_uri": None}
    assert data["notices"]
    assert [c["key"] for c in data["channels"]] == ["int-take-it-down"]
    assert all(c["international"] and c["country"] is None for c in data["channels"])


def test_guides_for_the_situation_are_linked_the_situations_own_guide_first(client, content):
    _response, data = get_json(client, CHANNELS, {"country": "ES", "situation": "sextortion"})
    urls = [guide["url"] for guide in data["guides"]]
    assert "sextortion-young-people" in urls[0], urls
    assert all(url.startswith("http") for url in urls)
    _response, data = get_json(client, CHANNELS, {"country": "ES", "situation": "grooming", "audience": "parent"})
    assert "grooming-parents" in data["guides"][0]["url"], [g["url"] for g in data["guides"]]


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_every_answer_carries_the_advice_the_help_finder_shows_in_the_requested_language(client, content, lang):
    _response, data = get_json(client, CHANNELS, {"country": "ES", "situation": "sextortion", "lang": lang})
    page = client.get(f"/{lang}/help/es/sextortion/")
    assert page.status_code == 200
    html = page.content.decode()
    assert len(data["advice"]) == 4
    for line in data["advice"]:
        assert f"<li>{escape(line)}</li>" in html
    if lang != "en":
        english = get_json(client, CHANNELS, {"country": "ES", "situation": "sextortion"})[1]["advice"]
        assert set(data["advice"]).isdisjoint(english)  # translated, not English
    _response, other = get_json(client, CHANNELS, {"country": "ES", "situation": "bullying", "lang": lang})
    assert len(other["advice"]) == 3  # the sextortion line only where it applies


# The OpenAPI contract ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        SPANISH_SEXTORTION,
        {"country": "GB", "situation": "immediate_danger", "audience": "parent", "lang": "de"},
        {"country": "GB", "situation": "image_shared", "audience": "other", "age": "30", "lang": "fr"},
        {"country": "JP", "situation": "sextortion"},
        {"country": "ES", "situation": "trafficking", "audience": "young_person"},
    ],
)
def test_channel_answers_follow_the_openapi_schema(client, content, params):
    _response, data = get_json(client, CHANNELS, params)
    assert problems(data, "/channels/") == []


def test_channel_answers_follow_the_openapi_schema_for_every_covered_country_and_situation(client, content):
    for country in ("AT", "CH", "US", "AU", "CA", "PT", "HU"):
        for situation in [entry["key"] for entry in SITUATIONS_FILE]:
            _response, data = get_json(client, CHANNELS, {"country": country, "situation": situation, "audience": "parent"})
            assert problems(data, "/channels/") == [], (country, situation)


def test_country_and_situation_lists_follow_the_openapi_schema(client, content):
    _response, countries = get_json(client, "/api/v1/countries/", {"lang": "fr"})
    assert problems(countries, "/countries/") == []
    _response, situations = get_json(client, "/api/v1/situations/", {"lang": "de"})
    assert problems(situations, "/situations/") == []


def test_the_schema_checker_catches_a_broken_answer(client, content):
    _response, data = get_json(client, CHANNELS, SPANISH_SEXTORTION)
    del data["channels"][0]["source"]
    data["channels"][1]["kind"] = "helpdesk"
    data["channels"][2]["free"] = "yes"
    found = problems(data, "/channels/")
    assert len(found) == 3
    assert any("source" in problem for problem in found)


def test_the_openapi_document_is_served_as_json_and_cached(client, content):
    response, spec = get_json(client, "/api/v1/openapi.json")
    assert spec == json.loads(json.dumps(SPEC))
    assert "max-age=" in response["Cache-Control"]


# Errors ----------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"situation": "sextortion"}, "country"),
        ({"country": "ES"}, "situation"),
        ({"country": "", "situation": "sextortion"}, "country"),
        ({"country": "XX1", "situation": "sextortion"}, "country"),
        ({"country": "ZZ", "situation": "sextortion"}, "country"),
        ({"country": "ES", "situation": "sexting"}, "situation"),
        ({"country": "ES", "situation": "sextortion", "audience": "teacher"}, "audience"),
        ({"country": "ES", "situation": "sextortion", "lang": "tr"}, "lang"),
        ({"country": "ES", "situation": "sextortion", "lang": ""}, "lang"),
        ({"country": "ES", "situation": "sextortion", "age": "sixteen"}, "age"),
        ({"country": "ES", "situation": "sextortion", "age": "-3"}, "age"),
        ({"country": "ES", "situation": "sextortion", "age": "16.5"}, "age"),
        ({"country": "ES", "situation": "sextortion", "age": "121"}, "age"),
    ],
)
def test_bad_requests_get_a_400_naming_the_parameter(client, content, params, parameter):
    response, data = get_json(client, CHANNELS, params, status=400)
    assert set(data) == {"error"}
    assert data["error"]["parameter"] == parameter
    assert isinstance(data["error"]["message"], str) and data["error"]["message"]
    assert problems(data, "/channels/", "400") == []
    assert "max-age" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_superscript_digit_age_gets_a_400_not_a_server_error(client, content):
    _response, data = get_json(client, CHANNELS, {"country": "ES", "situation": "talk", "age": "²"}, status=400)
    assert data["error"]["parameter"] == "age"


@pytest.mark.parametrize("age", ["9" * 5000, "0121", "1000"])
def test_an_age_of_many_digits_gets_a_400_not_a_server_error(client, content, age):
    _response, data = get_json(client, CHANNELS, {"country": "ES", "situation": "talk", "age": age}, status=400)
    assert data["error"]["parameter"] == "age"


@pytest.mark.parametrize("path", ["/api/v1/countries/", "/api/v1/situations/"])
def test_lists_refuse_an_unknown_language(client, content, path):
    _response, data = get_json(client, path, {"lang": "tr"}, status=400)
    assert data["error"]["parameter"] == "lang"


# /countries/ and /situations/ ----------------------------------------------------------------------------------------


def test_countries_are_listed_with_german_names(client, content):
    _response, data = get_json(client, "/api/v1/countries/", {"lang": "de"})
    assert data["language"] == "de"
    countries = {c["code"]: c for c in data["countries"]}
    assert len(data["countries"]) == len(countries) == 34
    assert countries["DE"]["name"] == "Deutschland"
    assert countries["ES"]["name"] == "Spanien"
    assert countries["GB"]["name"] == "Vereinigtes Königreich"
    assert countries["GB"]["emergency_number"] == "999"
    assert countries["GB"]["emergency_uri"] == "tel:999"
    assert countries["ES"]["time_zone"] == "Europe/Madrid"


def test_countries_are_listed_by_name_in_english(client, content):
    _response, data = get_json(client, "/api/v1/countries/")
    names = [c["name"] for c in data["countries"]]
    assert names[0] == "Australia"
    assert names == sorted(names)


def _collation_key(name: str) -> str:
    """Alphabetical order as a reader expects it: accents do not move a letter to the end of the alphabet."""
    return "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.combining(ch)).casefold()


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_countries_are_listed_alphabetically_in_the_visitors_language(client, content, language):
    _response, data = get_json(client, "/api/v1/countries/", {"lang": language})
    names = [c["name"] for c in data["countries"]]
    assert names == sorted(names, key=_collation_key)


def test_situations_are_listed_in_order_with_french_titles(client, content):
    _response, data = get_json(client, "/api/v1/situations/", {"lang": "fr"})
    assert data["language"] == "fr"
    assert [s["key"] for s in data["situations"]] == [entry["key"] for entry in SITUATIONS_FILE]
    assert len(data["situations"]) == 9
    french = yaml.safe_load((settings.CONTENT_DIR / "directory" / "translations" / "fr.yaml").read_text(encoding="utf-8"))
    for situation in data["situations"]:
        assert situation["title"] == french["situations"][situation["key"]]["title"]
        assert situation["description"] == french["situations"][situation["key"]]["description"]
    assert data["situations"][0]["title"] == "Quelqu'un est en danger en ce moment"


# Privacy -------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (CHANNELS, SPANISH_SEXTORTION),
        (CHANNELS, {"country": "XX1", "situation": "talk"}),
        ("/api/v1/countries/", {"lang": "de"}),
        ("/api/v1/situations/", {}),
        ("/api/v1/openapi.json", {}),
    ],
)
def test_the_api_sets_no_cookies(client, content, path, params):
    response = client.get(path, params)
    assert response.status_code in (200, 400)
    assert not response.cookies
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("path", [CHANNELS, "/api/v1/countries/", "/api/v1/situations/", "/api/v1/platforms/",
                                  "/api/v1/openapi.json"])
def test_the_api_only_answers_get_with_a_405_even_to_a_browser_that_checks_csrf(content, path):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path, SPANISH_SEXTORTION)
    assert response.status_code == 405  # not Django's HTML page about a missing CSRF cookie
    assert response["Allow"] == "GET"


@pytest.mark.parametrize(("q", "lang", "code", "name", "covered"), [
    ("alemania", "es", "DE", "Alemania", True),
    ("ich wohne in österreich", "de", "AT", "Österreich", True),
    ("i'm in the uk", "en", "GB", "United Kingdom", True),
    ("je suis en belgique", "fr", "BE", "Belgique", True),
    ("portugual", "en", "PT", "Portugal", True),
    ("brasil", "es", "BR", "Brasil", False),
    ("Papua New Guinea", "en", "PG", "Papua New Guinea", False),
])
def test_a_country_is_read_from_free_text_in_any_language(client, content, q, lang, code, name, covered):
    response, data = get_json(client, "/api/v1/countries/match/", {"q": q, "lang": lang})
    assert response.status_code == 200
    assert data["match"] == {"code": code, "name": name, "covered": covered}
    assert problems(data, "/countries/match/") == []


def test_a_country_question_can_carry_the_words_in_a_post_body_never_cached(client, content):
    response = client.post("/api/v1/countries/match/", data=json.dumps({"q": "je suis en belgique", "lang": "fr"}),
                           content_type="application/json")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["match"] == {"code": "BE", "name": "Belgique", "covered": True}
    assert problems(data, "/countries/match/", method="post") == []
    for body, parameter in (("[1]", "body"), ("{", "body"), ('{"lang": "fr"}', "q"), ('{"q": "x", "lang": "xx"}', "lang"),
                            ('{"q": "belgique", "lang": 5}', "lang"), ('{"q": ["belgique"]}', "q")):
        refused = client.post("/api/v1/countries/match/", data=body, content_type="application/json")
        assert refused.status_code == 400 and refused.json()["error"]["parameter"] == parameter, body


@pytest.mark.parametrize("q", ["narnia", "hello", "de", "es"])
def test_words_that_name_no_country_match_nothing(client, content, q):
    _response, data = get_json(client, "/api/v1/countries/match/", {"q": q})
    assert data == {"query": q, "match": None}


@pytest.mark.parametrize(("params", "parameter"), [({}, "q"), ({"q": "x" * 201}, "q"), ({"q": "spain", "lang": "xx"}, "lang")])
def test_a_bad_country_question_gets_a_400_naming_the_parameter(client, content, params, parameter):
    _response, data = get_json(client, "/api/v1/countries/match/", params, status=400)
    assert data["error"]["parameter"] == parameter


def test_the_situation_list_says_where_the_help_finder_is(client, content):
    for lang in ("en", "es", "fr", "de"):
        _response, data = get_json(client, "/api/v1/situations/", {"lang": lang})
        assert data["help_finder"] == f"/{lang}/help/"


def test_the_openapi_document_offers_every_language_the_api_accepts(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    languages = [code for code, _name in settings.LANGUAGES]
    enums = [p["schema"]["enum"] for path in spec["paths"].values() for operation in path.values()
             for p in operation.get("parameters", []) if p["name"] == "lang"]
    assert enums and all(enum == languages for enum in enums)
    for code in languages:  # and every one of them is accepted
        assert client.get("/api/v1/situations/", {"lang": code}).status_code == 200
