"""Where pages are: the lookups every page repeats about the page tree, kept in the cache until the tree changes.

Every page links to the site's standard pages in the visitor's language, offers the same page in the other
languages, and expands the links editors put in rich text into addresses in the visitor's language. These answers
change only when a page is saved, published, unpublished, moved or deleted, or a site changes; each of those bumps a
generation number that every key carries, so one bump retires every entry at once in every process (Redis in
production). Only plain data (addresses and titles) is cached, never page objects. With the cache down, the
answers are computed from the database each time.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.models import Page, Site
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from directory.lookups import default_locale, locale_for
from directory.models import Platform

GENERATION_KEY = "helphub:pages:generation"
TIMEOUT = 60 * 60 * 24


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A time-based start, so that a cache emptied by a restart never brings back entries of an earlier generation.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def forget(**kwargs) -> None:
    """Retires every cached answer (a new generation). Called on any change to the page tree or the sites."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def forget_now_and_on_commit(**kwargs) -> None:
    # Now, and again once the change is committed: a request between the two would otherwise cache what it read from
    # the database before the commit under the new generation.
    forget()
    transaction.on_commit(forget)


def remembered(name: str, compute):
    key = f"helphub:pages:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def site_pages(language: str) -> dict[str, dict]:
    """The home page and its live children in `language`, by slug with dashes as underscores (about,
    cover_your_tracks...): {"url": ..., "title": ...} each. One query when not cached."""

    def compute():
        locale = locale_for(language)
        pages = list(Page.objects.filter(depth__in=(2, 3), locale=locale).order_by("path")
                     .only("id", "path", "depth", "slug", "title", "url_path", "live", "locale_id"))  # fmt: skip
        home = next((page for page in pages if page.depth == 2), None)
        if home is None:
            return {}
        found = {page.slug.replace("-", "_"): page for page in pages
                 if page.depth == 3 and page.live and page.path.startswith(home.path)}  # fmt: skip
        found["home"] = home
        return {name: {"url": page.url, "title": page.title} for name, page in found.items()}

    return remembered(f"site:{language}", compute)


def app_names() -> list[tuple[str, str]]:
    """(key, name) of every published app, by name: the help finder's optional question. Forgotten when an app is
    published or unpublished."""

    def compute():
        rows = Platform.objects.filter(locale=default_locale(), live=True).order_by("name")
        return [(key, name) for key, name in rows.values_list("key", "name")]

    return remembered("apps", compute)


def translation_urls(page) -> dict[str, str]:
    """The addresses of a page's live translations (the page itself included), by language code."""

    def compute():
        translations = Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
        return {translation.locale.language_code: translation.url for translation in translations}

    return remembered(f"translations:{page.translation_key}", compute)


def link_urls(page_ids: list[int], language: str) -> dict[int, str]:
    """Where rich-text links to these pages lead for a visitor reading `language`: the live translation in that
    language, or the page itself when it has none (as Wagtail's Page.localized). Pages that no longer exist are
    left out. One query for the links not cached."""
    keys = {page_id: f"helphub:pages:{generation()}:link:{language}:{page_id}" for page_id in set(page_ids)}
    cached = cache.get_many(keys.values())
    urls = {page_id: cached[key] for page_id, key in keys.items() if key in cached}
    missing = [page_id for page_id in keys if page_id not in urls]
    if missing:
        locale = locale_for(language)
        linked = Page.objects.filter(id__in=missing).values("translation_key")
        candidates = list(Page.objects.filter(Q(id__in=missing) | Q(translation_key__in=linked, locale=locale, live=True))
                          .only("id", "path", "depth", "url_path", "translation_key", "locale_id", "live"))  # fmt: skip
        by_key = {page.translation_key: page for page in candidates if page.locale_id == locale.id and page.live}
        found = {}
        for page in candidates:
            if page.id in missing:
                found[page.id] = (by_key.get(page.translation_key) or page).url or ""
        cache.set_many({keys[page_id]: url for page_id, url in found.items()}, TIMEOUT)
        urls.update(found)
    return urls


class LocalizedPageLinkHandler(PageLinkHandler):
    """Wagtail's page links in rich text, with their addresses from link_urls: none to a few queries per page
    instead of three for each block of text."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = []
        for attrs in attrs_list:
            try:
                ids.append(int(attrs.get("id")))
            except (TypeError, ValueError):
                ids.append(None)
        urls = link_urls([page_id for page_id in ids if page_id is not None], get_language() or settings.LANGUAGE_CODE)
        return [f'<a href="{escape(urls[page_id])}">' if urls.get(page_id) else "<a>" for page_id in ids]


def forget_on_page_or_site_change(sender, instance, **kwargs):
    # Site-wide settings (who runs the site, in the footer) count as a change of site.
    if isinstance(instance, Page | Site | BaseGenericSetting):
        forget_now_and_on_commit()


def connect():
    signals = {"published": page_published, "unpublished": page_unpublished, "moved": post_page_move}
    for name, signal in signals.items():
        signal.connect(forget_now_and_on_commit, dispatch_uid=f"pages-addresses-{name}")
    for name, signal in {"published": published, "unpublished": unpublished}.items():
        signal.connect(forget_now_and_on_commit, sender=Platform, dispatch_uid=f"pages-addresses-app-{name}")
    post_save.connect(forget_on_page_or_site_change, dispatch_uid="pages-addresses-saved")
    post_delete.connect(forget_on_page_or_site_change, dispatch_uid="pages-addresses-deleted")
