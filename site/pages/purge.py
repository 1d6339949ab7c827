"""Purging the shared cache (nginx, a CDN) when the directory changes, so an editor's fix shows at once.

Wagtail's frontend cache app purges a page when it is published or unpublished. The help finder's answers are built
from the directory, so a published change to a channel, country or situation purges the help finder in every
language and the answers it touches: one country's answers for a national channel or a country, every country's for
an international channel or a situation; an app's change purges the apps list and its page. Addresses with a query string (?for=parent, the form) are kept by the cache
for HELPHUB_QUERY_CACHE_SECONDS only, so they catch up within that time without a purge.

The proxy keeps each page twice, compressed and not (deploy/nginx.conf keys its cache on the address and on whether
the visitor accepts gzip), so ProxyPurgeBackend purges both copies.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.signals import published, unpublished

from directory.choices import SituationKey
from directory.lookups import default_locale
from directory.models import Country, Platform, ReportingChannel, Situation

from .models import HelpFinderPage

logger = logging.getLogger("wagtail.frontendcache")

# The copies of a page the proxy keeps, by the Accept-Encoding it normalises visitors' headers to.
CACHED_ENCODINGS = ("gzip", "identity")


class ProxyPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge, once for each copy the proxy keeps (compressed and not).

    The PURGE request's Accept-Encoding says which copy to drop. A 404 means that copy was not cached: not an error.
    """

    def __init__(self, params):
        super().__init__(params)
        if self.cache_scheme not in ("http", "https"):
            raise ValueError(f"HELPHUB_PURGE_URL must be an http(s) address, not {self.cache_scheme!r}")

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])
        for encoding in CACHED_ENCODINGS:
            request = PurgeRequest(url=target, headers={"Host": host, "Accept-Encoding": encoding,
                                                        "User-Agent": "HelpHub-purge"})  # fmt: skip
            try:
                urlopen(request, timeout=5).close()  # noqa: S310 (http(s) only: checked above)
            except HTTPError as error:
                if error.code != 404:
                    logger.error("Could not purge %s (%s) from the cache: HTTP %d", url, encoding, error.code)
            except (URLError, TimeoutError) as error:
                logger.error("Could not purge %s (%s) from the cache: %s", url, encoding, getattr(error, "reason", error))


def affected_countries(instance) -> list[str]:
    if isinstance(instance, Country):
        return [instance.code]
    if isinstance(instance, ReportingChannel) and instance.country_code:
        return [instance.country_code]
    return list(Country.objects.filter(locale=default_locale()).values_list("code", flat=True))


def help_finder_urls(countries: list[str]) -> list[str]:
    urls = []
    for page in HelpFinderPage.objects.live():
        base = page.get_full_url()
        if not base:
            continue
        urls.append(base)
        urls += [f"{base}{code.lower()}/{situation}/" for code in countries for situation in SituationKey.values]
    return urls


def app_urls(platform: Platform) -> list[str]:
    """The apps list and the app's own page, in every language (answers naming the app have a query string)."""
    bases = [page.get_full_url() for page in HelpFinderPage.objects.live()]
    return [url for base in bases if base for url in (f"{base}apps/", f"{base}apps/{platform.key}/")]


def purge_directory_answers(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    if isinstance(instance, Platform):
        transaction.on_commit(lambda: purge_urls_from_cache(app_urls(instance)))
        return
    countries = affected_countries(instance)
    transaction.on_commit(lambda: purge_urls_from_cache(help_finder_urls(countries)))


def connect():
    for model in (Country, ReportingChannel, Situation, Platform):
        published.connect(purge_directory_answers, sender=model, dispatch_uid=f"purge-{model.__name__}-published")
        unpublished.connect(purge_directory_answers, sender=model, dispatch_uid=f"purge-{model.__name__}-unpublished")
