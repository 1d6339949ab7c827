"""The site's JSON API, as the assistant uses it. The assistant holds no phone number, link or channel: it asks the
site at the moment of answering, so an edit published in the CMS changes the next answer without retraining."""

import asyncio
import os
from typing import Any
from urllib.parse import urlsplit

import aiohttp

SITE_URL = os.environ.get("HELPHUB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The site answers its API in milliseconds; the visitor's chat gives the whole answer 1.5 s (HELPHUB_RASA_TIMEOUT), so
# a site that does not answer within 1 s gets the emergency advice and the help finder instead.
TIMEOUT = aiohttp.ClientTimeout(total=float(os.environ.get("HELPHUB_SITE_TIMEOUT", "1")))


class SiteUnavailable(Exception):
    """The site did not answer, or answered with an error."""


_session: aiohttp.ClientSession | None = None


def _client() -> aiohttp.ClientSession:
    global _session
    if _session is None or _session.closed:
        _session = aiohttp.ClientSession(timeout=TIMEOUT, headers={"Accept": "application/json"})
    return _session


async def _get(path: str, **params: Any) -> dict:
    return await _request("GET", path, params={key: value for key, value in params.items() if value is not None})


async def _request(method: str, path: str, **options: Any) -> dict:
    try:
        async with _client().request(method, f"{SITE_URL}/api/v1/{path}", **options) as response:
            if response.status != 200:
                raise SiteUnavailable(f"{method} {path} answered {response.status}")
            return await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:  # on Python 3.10 not the builtin one
        raise SiteUnavailable(f"{method} {path}: {error!r}") from error


async def situations(language: str) -> dict:
    return await _get("situations/", lang=language)


async def countries(language: str) -> dict:
    return await _get("countries/", lang=language)


async def match_country(text: str, language: str) -> dict | None:
    # POST: what the visitor typed stays out of addresses, caches and logs.
    return (await _request("POST", "countries/match/", json={"q": text[:200], "lang": language}))["match"]


async def platforms(language: str) -> dict:
    """The apps the directory knows: `key`, `name`, `aliases` (the words visitors use for each), `url`."""
    return await _get("platforms/", lang=language)


async def channels(country: str, situation: str, audience: str, language: str, platform: str | None = None) -> dict:
    """The routing function's answer; with `platform`, the app's own report path is one of the channels."""
    return await _get("channels/", country=country, situation=situation, audience=audience, lang=language,
                      platform=platform)


def site_path(url: str) -> str:
    """A page of the site as a path, so the widget links to the site it is on, whatever host the API was called on."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
