"""Writing checked content into the CMS: directory snippets and pages, each published as a revision."""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, ModelLogEntry, Page, Revision, Site
from wagtail.signals import published
from wagtail_localize.fields import copy_synchronised_fields

from directory.countries import country_name
from directory.lookups import words_of
from directory.models import Country, Platform, ReportingChannel, Situation
from pages.blocks import ANSWER_FEATURES, STEP_FEATURES, TEXT_FEATURES
from pages.models import GuideIndexPage, GuidePage, HelpFinderPage, HomePage, StandardPage

from ..models import SeedRecord, TranslationReview
from . import localize
from .directory import Entry
from .pages import PageFile, markdown_to_richtext

NAMESPACE = uuid.UUID("6f1d3c52-6a3e-4f55-9a55-1d0c2b7e9a10")


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list = field(default_factory=list)

    def add(self, outcome, label=""):
        if outcome == "kept":
            self.kept.append(label)
        else:
            setattr(self, outcome, getattr(self, outcome) + 1)


def fingerprint(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def edited_by_person(obj) -> bool:
    revision = obj.latest_revision
    return bool(revision and revision.user_id)


def publish(obj):
    """A page, published as an editor's would be (Wagtail's own action: its URL paths, aliases and signals)."""
    obj.save()
    obj.save_revision().publish()


def publish_record(obj, history: list):
    """A directory record published as Wagtail publishes a snippet (a revision, live, the history's entry, the
    `published` signal that purges the cache) in three writes instead of seven: the files were validated with the
    model's own rules before anything was written, so the revision needs no second validation. The history's entries
    are written together at the end (`DirectoryWriter.finish`)."""
    now = timezone.now()
    obj.live, obj.expired, obj.has_unpublished_changes = True, False, False
    obj.first_published_at = obj.first_published_at or now
    obj.last_published_at = now
    obj.save()
    revision = Revision.objects.create(content_object=obj, base_content_type=obj.get_base_content_type(),
                                       content=obj.serializable_data(), object_str=str(obj))
    type(obj).objects.filter(pk=obj.pk).update(latest_revision=revision, live_revision=revision)
    obj.latest_revision = obj.live_revision = revision
    history.append(ModelLogEntry(content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                                 object_id=str(obj.pk), label=str(obj)[:255], action="wagtail.publish", revision=revision,
                                 content_changed=True, timestamp=now, data={}))  # fmt: skip
    published.send(sender=type(obj), instance=obj, revision=revision)


def locales() -> dict[str, Locale]:
    found = {}
    for code, _name in settings.LANGUAGES:
        found[code], _created = Locale.objects.get_or_create(language_code=code)
    return found


class DirectoryWriter:
    def __init__(self, tally: Tally):
        self.tally = tally
        self.locales = locales()
        self.default = self.locales[settings.LANGUAGE_CODE]
        self.history = []
        # Read once: a load of unchanged files then costs no query per record (8,000 of them in 25 languages).
        self.seeds = {(s.model, s.key, s.language): s for s in SeedRecord.objects.all()}
        self.rows = {}

    def existing(self, model, locale, lookup: dict):
        """The row of `model` in `locale` matching `lookup` (its key or code), from one read of the whole table."""
        if model not in self.rows:
            self.rows[model] = {(row.locale_id, *(getattr(row, name) for name in sorted(lookup))): row
                                for row in model.objects.all()}
        return self.rows[model].get((locale.pk, *(lookup[name] for name in sorted(lookup))))

    def finish(self):
        ModelLogEntry.objects.bulk_create(self.history, batch_size=500)
        self.history.clear()

    def write_record(self, model, lookup: dict, language: str, values: dict, translation_key, seed_key,
                     review: str | None = None, english=None):
        """Create or update one record in one language from the files; returns it, and whether it was written.

        For a translation, `english` is the English row: the translation takes its texts from `values` and everything
        else from the English row through wagtail-localize's synchronised fields (`values` still holds both, so a
        change to either writes the row again). `review` is what the file says of the translation (a text written
        again needs a native reviewer again unless the file says one checked it).
        """
        locale = self.locales[language]
        digest = fingerprint(values)
        label = model._meta.label
        seed = self.seeds.get((label, seed_key, language))
        obj = self.existing(model, locale, lookup)
        if obj and seed and seed.fingerprint == digest and seed.object_id == obj.pk:
            if review == TranslationReview.NATIVE and english is not None:
                TranslationReview.checked_in_files(obj, language)  # the text is as it was: only its review changed
            self.tally.add("unchanged")
            return obj, False
        if obj and edited_by_person(obj):
            self.tally.add("kept", f"{model._meta.verbose_name} {seed_key} ({language})")
            return obj, False
        outcome = "updated" if obj else "created"
        obj = obj or model(locale=locale, translation_key=translation_key, **lookup)
        if english is None:
            for name, value in values.items():
                setattr(obj, name, value)
        else:
            copy_synchronised_fields(english, obj)
            for name in words_of(model):
                setattr(obj, name, values[name])
        publish_record(obj, self.history)
        if english is not None and review:
            TranslationReview.record(obj, language, review)
        SeedRecord.objects.update_or_create(
            model=label, key=seed_key, language=language, defaults={"object_id": obj.pk, "fingerprint": digest}
        )
        self.tally.add(outcome)
        return obj, True

    def _write_all(self, model, lookup: dict, key: str, translation_key, values_in):
        """Every language's row of one record, English first, recorded in wagtail-localize (see localize.py).
        `values_in(language)` gives the row's values and the file's review, or None where the files hold no text."""
        values, _review = values_in(settings.LANGUAGE_CODE)
        english, written = self.write_record(model, lookup, settings.LANGUAGE_CODE, values, translation_key, key)
        resync = written or not localize.is_registered(english)
        source = localize.register_source(english) if resync else None
        for language in self.locales:
            if language == settings.LANGUAGE_CODE or (found := values_in(language)) is None:
                continue
            values, review = found
            row, written = self.write_record(model, lookup, language, values, translation_key, key, review, english)
            if written or resync or review == TranslationReview.NATIVE:  # a review alone changes the strings' kind
                localize.record_translation(source or localize.register_source(english), row, review)

    def countries(self, entries: list[Entry]):
        """Country names come from CLDR in every language (reviewed by no one, so not marked for review)."""
        for entry in entries:
            key = uuid.uuid5(NAMESPACE, f"country:{entry.key}")
            self._write_all(Country, {"code": entry.key}, entry.key, key,
                            lambda language, entry=entry: ({**entry.values, "name": country_name(entry.key, language)}, None))

    def situations(self, entries: list[Entry]):
        for entry in entries:
            key = uuid.uuid5(NAMESPACE, f"situation:{entry.key}")
            values = {
                **entry.values,
                "young_person_route": [("kind", k) for k in entry.values["young_person_route"]],
                "adult_route": [("kind", k) for k in entry.values["adult_route"]],
            }
            self._write_languages(Situation, entry, values, key)

    def channels(self, entries: list[Entry]):
        for entry in entries:
            key = uuid.uuid5(NAMESPACE, f"channel:{entry.key}")
            values = {
                **entry.values,
                "opening_times": [("times", slot) for slot in entry.values["opening_times"]],
            }
            self._write_languages(ReportingChannel, entry, values, key)

    def platforms(self, entries: list[Entry]):
        for entry in entries:
            self._write_languages(Platform, entry, entry.values, uuid.uuid5(NAMESPACE, f"platform:{entry.key}"))

    def _write_languages(self, model, entry: Entry, values: dict, translation_key):
        """One row per language the entry has text in; a text missing in a language falls back to English."""
        english = entry.texts[settings.LANGUAGE_CODE]

        def values_in(language):
            if language not in entry.texts:
                return None
            texts = {name: text or english[name] for name, text in entry.texts[language].items()}
            return {**values, **texts}, entry.review.get(language)

        self._write_all(model, {"key": entry.key}, entry.key, translation_key, values_in)


def block_id(source: PageFile, *place: int) -> str:
    """A page block's id, the same in every language: wagtail-localize pairs a translation's texts with the English
    ones by block id, as it does for translations made in the CMS (which copy the English blocks)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(map(str, (source.kind, source.slug, *place)))))


class PageWriter:
    """Builds the page tree: a home page per language, with the guide index, help finder, standard pages and guides.

    A page with no file in a language becomes an alias of the English page there, so every language has every page
    (editors see aliases as untranslated), and converts into a real translation once its file exists.
    """

    def __init__(self, tally: Tally):
        self.tally = tally
        self.locales = locales()
        self.default = self.locales[settings.LANGUAGE_CODE]

    def write(self, files: list[PageFile]):
        by_key = {(f.kind, f.slug, f.language): f for f in files}
        english = [f for f in files if f.language == settings.LANGUAGE_CODE]
        order = sorted(english, key=lambda f: (f.kind == "guide", f.slug != "home", f.slug not in ("guides", "help"), f.slug))
        home = self._english_home(by_key)
        self._public_address()
        pages = {("page", "home"): home}
        for source in order:
            if (source.kind, source.slug) not in pages:
                pages[(source.kind, source.slug)] = self._english_page(source, pages)
        sources = {}
        for source in order:
            page = pages[(source.kind, source.slug)]
            if self._fill(page, source, pages) or not localize.is_registered(page):
                sources[(source.kind, source.slug)] = localize.register_source(page.specific)
        for language, locale in self.locales.items():
            if language == settings.LANGUAGE_CODE:
                continue
            for source in order:
                page = pages[(source.kind, source.slug)]
                self._translate(page, locale, by_key.get((source.kind, source.slug, language)), pages,
                                sources.get((source.kind, source.slug)))

    def _english_home(self, by_key) -> HomePage:
        home = HomePage.objects.filter(locale=self.default).first()
        if home is None:
            root = Page.get_first_root_node()
            source = by_key[("page", "home", settings.LANGUAGE_CODE)]
            welcome = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
            if welcome:
                welcome.slug = "welcome-old"
                welcome.save()
            home = root.add_child(instance=HomePage(title=source.meta["title"], slug="home", locale=self.default, live=False))
            site = Site.objects.filter(is_default_site=True).first()
            if site:
                site.root_page = home
                site.site_name = "HelpHub"
                site.save()
            else:
                Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="HelpHub")
            if welcome:
                welcome.delete()
        return home

    def _public_address(self):
        """Gives the site record the public address (WAGTAILADMIN_BASE_URL) while its host is still Wagtail's first
        one, localhost. Full links (the sitemap) and purges (their Host: the proxy's cache key) use it; an address an
        editor set under Settings > Sites is kept."""
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
        if not address.hostname:
            return
        port = address.port or (443 if address.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site and site.hostname == "localhost" and (site.hostname, site.port) != (address.hostname, port):
            site.hostname, site.port = address.hostname, port
            site.save()
            self.tally.add("updated", f"site address {address.hostname}:{port}")

    def _english_page(self, source: PageFile, pages):
        model = self._model(source)
        existing = model.objects.filter(locale=self.default, slug=source.slug).first()
        if existing:
            return existing
        parent = pages[("page", "guides")] if source.kind == "guide" else pages[("page", "home")]
        page = model(title=source.meta["title"], slug=source.slug, locale=self.default, live=False, **self._required(source))
        return parent.add_child(instance=page)

    def _model(self, source: PageFile):
        if source.kind == "guide":
            return GuidePage
        return {"home": HomePage, "guides": GuideIndexPage, "help": HelpFinderPage}.get(source.slug, StandardPage)

    def _required(self, source: PageFile) -> dict:
        if source.kind == "guide":
            return {"summary": source.meta["summary"], "audience": source.meta["audience"],
                    "last_reviewed": source.meta["last_reviewed"], "situations": source.meta["situations"]}
        return {}

    def _fill(self, page, source: PageFile, pages):
        page = page.specific
        digest = fingerprint(source.meta, source.blocks)
        seed_key = f"{source.kind}:{source.slug}"
        seed = SeedRecord.objects.filter(model="pages", key=seed_key, language=source.language).first()
        if seed and seed.fingerprint == digest and seed.object_id == page.pk and page.live:
            self.tally.add("unchanged")
            return False
        if seed and edited_by_person(page):
            self.tally.add("kept", f"page {source.slug} ({source.language})")
            return False
        page.title = source.meta["title"]
        for name, value in self._required(source).items():
            setattr(page, name, value)
        if hasattr(page, "summary"):
            page.summary = source.meta.get("summary", "")
        resolve = self._resolver(page.locale, pages)
        if isinstance(page, HomePage):
            page.body = "".join(markdown_to_richtext(text, resolve, TEXT_FEATURES) for kind, text in source.blocks
                                if kind == "text")
        elif isinstance(page, HelpFinderPage):
            page.intro = source.meta.get("summary", "")
        elif isinstance(page, (GuidePage, StandardPage)):
            page.body = self._stream(source, resolve)
        publish(page)
        if source.language != settings.LANGUAGE_CODE:
            TranslationReview.record(page, source.language, source.review)
        SeedRecord.objects.update_or_create(
            model="pages", key=seed_key, language=source.language, defaults={"object_id": page.pk, "fingerprint": digest}
        )
        self.tally.add("updated" if seed else "created")
        return True

    def _stream(self, source: PageFile, resolve):
        """The body as StreamField data whose blocks carry the same ids in every language (see `block_id`)."""
        situation = (source.meta.get("situations") or [""])[0]
        stream = []
        for index, (kind, data) in enumerate(source.blocks):
            if kind == "text":
                value = markdown_to_richtext(data, resolve, TEXT_FEATURES)
            elif kind == "steps":
                value = [markdown_to_richtext(step, resolve, STEP_FEATURES).removeprefix("<p>").removesuffix("</p>")
                         for step in data]
            elif kind == "get_help":
                value = {"text": data, "situation": situation}
            elif kind == "questions":
                value = [{"question": q, "answer": markdown_to_richtext(a, resolve, ANSWER_FEATURES)} for q, a in data]
            if isinstance(value, list):
                value = [{"type": "item", "value": item, "id": block_id(source, index, number)}
                         for number, item in enumerate(value)]
            stream.append({"type": kind, "value": value, "id": block_id(source, index)})
        return stream

    def _resolver(self, locale, pages):
        def resolve(scheme, target):
            if scheme == "help":
                help_page = pages[("page", "help")].get_translation_or_none(locale) or pages[("page", "help")]
                if target == "apps":
                    return f"{help_page.url}apps/"
                return help_page.pk if not target else f"{help_page.url}?situation={target}"
            page = pages[("page" if scheme == "page" else "guide", target)]
            return (page.get_translation_or_none(locale) or page).pk

        return resolve

    def _translate(self, page, locale, source: PageFile | None, pages, english_source=None):
        """`english_source`: the English page's wagtail-localize source when it was just (re)registered, so every
        translation is recorded against its new strings."""
        page = page.specific
        page.refresh_from_db()  # publishing happened on another instance; an alias copies the live state
        translation = page.get_translation_or_none(locale)
        if translation is None:
            parent_translated = page.get_parent().get_translation_or_none(locale) if page.depth > 2 else None
            if page.depth > 2 and parent_translated is None:
                return  # the parent is missing in this language; Wagtail cannot place the page
            translation = page.specific.copy_for_translation(locale, alias=source is None)
            if source is None:
                return self.tally.add("created")
        if source is None:
            return self.tally.add("unchanged")
        if translation.alias_of_id:
            ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
            translation.refresh_from_db()
        if self._fill(translation, source, pages) or english_source or source.review == TranslationReview.NATIVE:
            localize.record_translation(english_source or localize.register_source(page), translation.specific,
                                        source.review)
