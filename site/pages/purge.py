"""Purging the shared cache (nginx, a CDN) when the directory changes, so an editor's fix shows at once.

Wagtail's frontend cache app purges a page when it is published or unpublished. The help finder's answers are built
from the directory, so a published change to a channel, country or situation purges the help finder in every
language and the answers it touches: one country's answers for a national channel or a country, every country's for
an international channel or a situation. Addresses with a query string (?for=parent, the form) are kept by the cache
for HELPHUB_QUERY_CACHE_SECONDS only, so they catch up within that time without a purge.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.signals import published, unpublished

from directory.choices import SituationKey
from directory.models import Country, ReportingChannel, Situation

from .models import HelpFinderPage


def affected_countries(instance) -> list[str]:
    if isinstance(instance, Country):
        return [instance.code]
    if isinstance(instance, ReportingChannel) and instance.country_code:
        return [instance.country_code]
    return list(Country.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values_list("code", flat=True))


def help_finder_urls(countries: list[str]) -> list[str]:
    urls = []
    for page in HelpFinderPage.objects.live():
        base = page.get_full_url()
        if not base:
            continue
        urls.append(base)
        urls += [f"{base}{code.lower()}/{situation}/" for code in countries for situation in SituationKey.values]
    return urls


def purge_directory_answers(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    countries = affected_countries(instance)
    transaction.on_commit(lambda: purge_urls_from_cache(help_finder_urls(countries)))


def connect():
    for model in (Country, ReportingChannel, Situation):
        published.connect(purge_directory_answers, sender=model, dispatch_uid=f"purge-{model.__name__}-published")
        unpublished.connect(purge_directory_answers, sender=model, dispatch_uid=f"purge-{model.__name__}-unpublished")
