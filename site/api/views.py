"""The read-only JSON API (v1) for the chat assistant and for other organisations.

Every answer about channels comes from `directory.routing.recommend_channels`, the same function the help finder uses.
"""

import json
import re

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.addresses import help_finder_url
from directory.choices import Audience
from directory.countries import country_name, match_country
from directory.lookups import default_locale, locale_for, localized_countries, localized_situations
from directory.models import Platform
from directory.routing import RoutingError, recommend_channels
from pages.models import GuidePage

from .openapi import AGES, MAX_QUERY_LENGTH, NON_BLANK, SPEC
from .serializers import routing_data

MAX_AGE = 300


def _json(data, status=200, max_age=MAX_AGE):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 200:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, no_store=True)
    patch_vary_headers(response, ["Accept-Language"])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(parameter, message):
    return _json({"error": {"parameter": parameter, "message": message}}, status=400)


def read_only(view):
    """A GET-only view of the API: no cookie or session to forge a request with, so no CSRF check either; any other
    method gets the API's 405 rather than Django's HTML page about a missing CSRF cookie."""
    return csrf_exempt(require_GET(view))


def _locale(request, params=None):
    """The language from ?lang= (or `params`), one of the site's languages. Returns (locale, error_response)."""
    code = (request.GET if params is None else params).get("lang", settings.LANGUAGE_CODE)
    if code not in dict(settings.LANGUAGES):
        choices = ", ".join(dict(settings.LANGUAGES))
        return None, _error("lang", f"Unknown language {code!r}; use one of: {choices}.")
    return locale_for(code), None


@read_only
def channels(request):
    locale, error = _locale(request)
    if error:
        return error
    for required in ("country", "situation"):
        if not request.GET.get(required):
            return _error(required, f"The {required} parameter is required.")
    audience = request.GET.get("audience", Audience.YOUNG_PERSON)
    age = request.GET.get("age")
    if age is not None:
        if not (age.isascii() and age.isdigit()):
            return _error("age", "age must be a whole number.")
        # Python refuses to read integers of thousands of digits: never try
        if len(age) > len(str(AGES[-1])) or int(age) not in AGES:
            return _error("age", f"Age must be between {AGES[0]} and {AGES[-1]}.")
        age = int(age)
    try:
        routing = recommend_channels(
            request.GET["country"], request.GET["situation"], audience, age=age, language=locale.language_code,
            platform=request.GET.get("platform") or None,
        )
    except RoutingError as error:
        return _error(error.parameter, error.message)
    guides = [
        {"title": g.title, "url": request.build_absolute_uri(g.url), "summary": g.summary}
        for g in GuidePage.for_situation(routing.situation.key, audience, locale)
    ]
    with translation.override(locale.language_code):  # kind labels in the requested language
        data = routing_data(routing, guides)
    # "Open now" changes by the minute, so these answers are cached briefly.
    return _json(data, max_age=60)


@read_only
def countries(request):
    locale, error = _locale(request)
    if error:
        return error
    data = [
        {"code": c.code, "name": c.name, "emergency_number": c.emergency_number, "emergency_uri": c.emergency_tel,
         "default_language": c.default_language, "time_zone": c.time_zone}
        for c in localized_countries(locale)
    ]
    return _json({"language": locale.language_code, "countries": data})


@read_only
def situations(request):
    locale, error = _locale(request)
    if error:
        return error
    data = [{"key": s.key, "title": s.title, "description": s.description} for s in localized_situations(locale)]
    return _json({"language": locale.language_code, "situations": data, "help_finder": help_finder_url(locale.language_code)})


@read_only
def platforms(request):
    """The apps the directory knows (names and the words visitors use for them), each with its page on the site:
    the assistant reads the app a visitor names from these, and never holds a link of its own."""
    locale, error = _locale(request)
    if error:
        return error
    list_url = request.build_absolute_uri(f"{help_finder_url(locale.language_code)}apps/")
    rows = Platform.objects.filter(locale=default_locale(), live=True).order_by("name")
    data = [{"key": p.key, "name": p.name, "aliases": p.alias_list,
             "url": f"{list_url}{p.key}/" if list_url else None} for p in rows]
    return _json({"language": locale.language_code, "platforms": data, "list_url": list_url})


@csrf_exempt  # no session, no cookie: nothing for a forged request to borrow
@require_http_methods(["GET", "POST"])
def match_country_view(request):
    """Which country a visitor's words name ("alemania", "i live in the uk"), covered by the directory or not.

    POST, with the words in a JSON body, keeps what a visitor typed out of addresses, and so out of caches and any
    log that records them: the assistant's actions ask this way. GET stays for the API's other users."""
    params = request.GET
    if request.method == "POST":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return _error("body", 'The body must be a JSON object: {"q": "...", "lang": "..."}.')
        for name in ("q", "lang"):
            if name in body and not isinstance(body[name], str):
                return _error(name, f"{name} must be a string.")
        params = body
    locale, error = _locale(request, params)
    if error:
        return error
    query = params.get("q", "")
    if not re.search(NON_BLANK, query):
        return _error("q", "The q parameter is required: the words to read a country name from.")
    if len(query) > MAX_QUERY_LENGTH:
        return _error("q", f"q must be at most {MAX_QUERY_LENGTH} characters.")
    query = query.strip()
    code = match_country(query)
    match = None
    if code:
        covered = next(iter(_localized_country(code, locale)), None)
        match = {"code": code, "name": covered.name if covered else country_name(code, locale.language_code),
                 "covered": covered is not None}
    return _json({"query": query, "match": match}, max_age=3600)


def _localized_country(code, locale):
    return [c for c in localized_countries(locale) if c.code == code]


@read_only
def openapi(request):
    return _json(SPEC, max_age=3600)
