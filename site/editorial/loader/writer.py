"""Writing checked content into the CMS: directory snippets and pages, each published as a revision."""

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
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
from . import indexing, localize
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
    """A page, published as an editor's would be (Wagtail's own action: its URL paths, aliases and signals). Saved
    without validating first: `save_revision` validates the page (`full_clean`) before anything is published, and an
    invalid page undoes the whole load."""
    obj.save(clean=False)
    obj.save_revision().publish()


def publish_records(model, objs: list, created: list, history: list):
    """Directory records published as Wagtail publishes a snippet (a revision each, live, the history's entry, the
    `published` signal that purges the cache), a whole model's records at once: the new rows inserted together, then
    their revisions, then each row pointed at its revision. The files were validated with the model's own rules before
    anything was written, so the revisions need no second validation. The history's entries are written together at
    the end (`DirectoryWriter.finish`). `created` are the rows of `objs` not yet in the database; the others are
    saved one by one (a load changes few)."""
    if not objs:
        return
    now = timezone.now()
    for obj in objs:
        obj.live, obj.expired, obj.has_unpublished_changes = True, False, False
        obj.first_published_at = obj.first_published_at or now
        obj.last_published_at = now
    new = {id(obj) for obj in created}
    for obj in objs:
        if id(obj) not in new:
            obj.save()
    model.objects.bulk_create(created)
    indexing.saved(model, [obj.pk for obj in created])
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base_content_type = model.get_base_content_type()
    revisions = [Revision(content_type=content_type, base_content_type=base_content_type, object_id=str(obj.pk),
                          content=obj.serializable_data(), object_str=str(obj), created_at=now)
                 for obj in objs]  # fmt: skip
    Revision.objects.bulk_create(revisions)
    for obj, revision in zip(objs, revisions, strict=True):
        obj.latest_revision = obj.live_revision = revision
    _point_at_revisions(model, objs)
    for obj, revision in zip(objs, revisions, strict=True):
        history.append(ModelLogEntry(content_type=content_type, object_id=str(obj.pk), label=str(obj)[:255],
                                     action="wagtail.publish", revision=revision, content_changed=True, timestamp=now,
                                     data={}))  # fmt: skip
        published.send(sender=model, instance=obj, revision=revision)


def _point_at_revisions(model, objs: list):
    """Each row's latest and live revision, as `model.objects.filter(pk=...).update(...)` would set them, in one
    statement run for every row (an `UPDATE ... CASE` over thousands of rows is slower than the rows themselves)."""
    meta = model._meta
    table, pk, latest, live = (connection.ops.quote_name(name) for name in (
        meta.db_table, meta.pk.column, meta.get_field("latest_revision").column, meta.get_field("live_revision").column))
    sql = f"UPDATE {table} SET {latest} = %s, {live} = %s WHERE {pk} = %s"  # noqa: S608 (the model's own names)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(obj.latest_revision.pk, obj.live_revision.pk, obj.pk) for obj in objs])


def locales() -> dict[str, Locale]:
    found = {}
    for code, _name in settings.LANGUAGES:
        found[code], _created = Locale.objects.get_or_create(language_code=code)
    return found


class Seeds:
    """The loader's `SeedRecord`s, read once and written together by `finish()`."""

    def __init__(self, records):
        self.found = {(s.model, s.key, s.language): s for s in records}
        self.new, self.changed = [], {}

    def get(self, model: str, key: str, language: str) -> SeedRecord | None:
        return self.found.get((model, key, language))

    def put(self, model: str, key: str, language: str, object_id: int, digest: str):
        seed = self.found.get((model, key, language))
        if seed is None:
            seed = self.found[(model, key, language)] = SeedRecord(model=model, key=key, language=language)
            self.new.append(seed)
        elif seed.pk:
            self.changed[seed.pk] = seed
        seed.object_id, seed.fingerprint = object_id, digest

    def finish(self):
        SeedRecord.objects.bulk_create(self.new)
        now = timezone.now()
        for seed in self.changed.values():
            seed.loaded_at = now
        SeedRecord.objects.bulk_update(list(self.changed.values()), ["object_id", "fingerprint", "loaded_at"],
                                       batch_size=500)  # fmt: skip
        self.new, self.changed = [], {}


class Reviews:
    """What the loader learns of each translation's review as it goes, written by `finish()` in one go
    (`TranslationReview.record_loaded`)."""

    def __init__(self):
        self.done = []

    def record(self, obj, language: str, state: str):
        """A translation the loader has just written: `state` (its text needs a native reviewer again unless the
        file says one checked it)."""
        self.done.append((ContentType.objects.get_for_model(obj).pk, obj.pk, language, state, False))

    def checked_in_files(self, obj, language: str):
        """The files now say a native speaker checked a translation whose text the loader left unchanged."""
        self.done.append((ContentType.objects.get_for_model(obj).pk, obj.pk, language, TranslationReview.NATIVE, True))

    def finish(self):
        if self.done:
            TranslationReview.record_loaded(self.done)
        self.done = []


@dataclass
class Record:
    """One directory record to write in every language: `values_in(language)` gives a row's values and the file's
    review, or None where the files hold no text in that language."""

    lookup: dict
    key: str
    translation_key: uuid.UUID
    values_in: Callable


@dataclass
class Row:
    """One language's row of a record as this load leaves it; `written`: the load publishes it."""

    obj: object
    language: str
    written: bool
    review: str | None = None


class DirectoryWriter:
    def __init__(self, tally: Tally):
        self.tally = tally
        self.locales = locales()
        self.default = self.locales[settings.LANGUAGE_CODE]
        self.history = []
        # Read once: a load of unchanged files then costs no query per record (8,000 of them in 25 languages).
        self.seeds = Seeds(SeedRecord.objects.exclude(model="pages"))
        self.reviews = Reviews()
        self.localize = localize.Recorder()
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
        self.localize.finish()
        self.reviews.finish()
        self.seeds.finish()

    def prepare_record(self, model, lookup: dict, language: str, values: dict, translation_key, seed_key,
                       review: str | None = None, english=None, *, written: list) -> Row:
        """One record in one language from the files: the row as it will be, and whether it is to be written (then
        added to `written`, to be published with the model's other rows by `write_model`).

        For a translation, `english` is the English row: the translation takes its texts from `values` and everything
        else from the English row through wagtail-localize's synchronised fields (`values` still holds both, so a
        change to either writes the row again). `review` is what the file says of the translation (a text written
        again needs a native reviewer again unless the file says one checked it).
        """
        locale = self.locales[language]
        digest = fingerprint(values)
        label = model._meta.label
        seed = self.seeds.get(label, seed_key, language)
        obj = self.existing(model, locale, lookup)
        if obj and seed and seed.fingerprint == digest and seed.object_id == obj.pk:
            if review == TranslationReview.NATIVE and english is not None:
                self.reviews.checked_in_files(obj, language)  # the text is as it was: only its review changed
            self.tally.add("unchanged")
            return Row(obj, language, False, review)
        if obj and edited_by_person(obj):
            self.tally.add("kept", f"{model._meta.verbose_name} {seed_key} ({language})")
            return Row(obj, language, False, review)
        self.tally.add("updated" if obj else "created")
        obj = obj or model(locale=locale, translation_key=translation_key, **lookup)
        if english is None:
            for name, value in values.items():
                setattr(obj, name, value)
        else:
            copy_synchronised_fields(english, obj)
            for name in words_of(model):
                setattr(obj, name, values[name])
        written.append((obj, label, seed_key, language, digest, review, english is not None))
        return Row(obj, language, True, review)

    def write_model(self, model, records: list[Record]):
        """Every language's row of each record, English first, published together, then recorded in wagtail-localize
        (see localize.py) record by record."""
        written, plan = [], []
        for record in records:
            values, _review = record.values_in(settings.LANGUAGE_CODE)
            english = self.prepare_record(model, record.lookup, settings.LANGUAGE_CODE, values, record.translation_key,
                                          record.key, written=written)  # fmt: skip
            rows = []
            for language in self.locales:
                if language == settings.LANGUAGE_CODE or (found := record.values_in(language)) is None:
                    continue
                values, review = found
                rows.append(self.prepare_record(model, record.lookup, language, values, record.translation_key,
                                                record.key, review, english.obj, written=written))  # fmt: skip
            plan.append((english, rows))
        objs = [obj for obj, *_rest in written]
        publish_records(model, objs, [obj for obj in objs if obj.pk is None], self.history)
        for obj, label, seed_key, language, digest, review, translated in written:
            if translated and review:
                self.reviews.record(obj, language, review)
            self.seeds.put(label, seed_key, language, obj.pk, digest)
        recorded = []  # (English row, the rows to record as its translations), for the records that have any
        for english, rows in plan:
            resync = english.written or not self.localize.is_registered(english.obj)
            # A review alone changes the strings' kind.
            wanted = [row for row in rows if row.written or resync or row.review == TranslationReview.NATIVE]
            if resync or wanted:
                recorded.append((english, wanted))
        sources = self.localize.register_all([english.obj for english, _rows in recorded])
        for (_english, rows), source in zip(recorded, sources, strict=True):
            for row in rows:
                self.localize.record(source, row.obj, row.review)

    def countries(self, entries: list[Entry]):
        """Country names come from CLDR in every language (reviewed by no one, so not marked for review)."""
        records = []
        for entry in entries:
            key = uuid.uuid5(NAMESPACE, f"country:{entry.key}")
            records.append(Record({"code": entry.key}, entry.key, key, lambda language, entry=entry: (
                {**entry.values, "name": country_name(entry.key, language)}, None)))
        self.write_model(Country, records)

    def situations(self, entries: list[Entry]):
        records = []
        for entry in entries:
            key = uuid.uuid5(NAMESPACE, f"situation:{entry.key}")
            values = {
                **entry.values,
                "young_person_route": [("kind", k) for k in entry.values["young_person_route"]],
                "adult_route": [("kind", k) for k in entry.values["adult_route"]],
            }
            records.append(self._languages(entry, values, key))
        self.write_model(Situation, records)

    def channels(self, entries: list[Entry]):
        records = []
        for entry in entries:
            key = uuid.uuid5(NAMESPACE, f"channel:{entry.key}")
            values = {
                **entry.values,
                "opening_times": [("times", slot) for slot in entry.values["opening_times"]],
            }
            records.append(self._languages(entry, values, key))
        self.write_model(ReportingChannel, records)

    def platforms(self, entries: list[Entry]):
        records = [self._languages(entry, entry.values, uuid.uuid5(NAMESPACE, f"platform:{entry.key}")) for entry in entries]
        self.write_model(Platform, records)

    def _languages(self, entry: Entry, values: dict, translation_key) -> Record:
        """One row per language the entry has text in; a text missing in a language falls back to English."""
        english = entry.texts[settings.LANGUAGE_CODE]

        def values_in(language):
            if language not in entry.texts:
                return None
            texts = {name: text or english[name] for name, text in entry.texts[language].items()}
            return {**values, **texts}, entry.review.get(language)

        return Record({"key": entry.key}, entry.key, translation_key, values_in)


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
        self.seeds = Seeds(SeedRecord.objects.filter(model="pages"))
        self.reviews = Reviews()
        self.localize = localize.Recorder()

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
        self._read_translations(pages)
        changed = []
        for source in order:
            page = pages[(source.kind, source.slug)]
            if self._fill(page, source, pages) or not self.localize.is_registered(page):
                changed.append((source.kind, source.slug))
        registered = self.localize.register_all([pages[key].specific for key in changed])
        sources = dict(zip(changed, registered, strict=True))
        for language, locale in self.locales.items():
            if language == settings.LANGUAGE_CODE:
                continue
            for source in order:
                page = pages[(source.kind, source.slug)]
                self._translate(page, locale, by_key.get((source.kind, source.slug, language)), pages,
                                sources.get((source.kind, source.slug)))
        self.localize.finish()
        self.reviews.finish()
        self.seeds.finish()

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
        seed = self.seeds.get("pages", seed_key, source.language)
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
            self.reviews.record(page, source.language, source.review)
        self.seeds.put("pages", seed_key, source.language, page.pk, digest)
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

    def _read_translations(self, pages):
        """Every page of the English pages' translation keys, in every language, read once: the loader creates the
        others itself and notes them (`_translation`), instead of a query per page, language and link."""
        self.keys = {page.translation_key for page in pages.values()}
        rows = Page.objects.filter(translation_key__in=self.keys).values_list("translation_key", "locale_id", "pk",
                                                                              "content_type_id")  # fmt: skip
        self.translations = {(key, locale): (pk, content_type) for key, locale, pk, content_type in rows}
        self.refreshed, self.urls, self.help_pages = set(), {}, {}

    def _translation(self, page, locale) -> int | None:
        """The id of `page`'s translation into `locale` (the page itself in its own), as `get_translation_or_none`
        finds it (a page of the same model), or None."""
        if page.translation_key not in self.keys:
            found = page.get_translation_or_none(locale)
            return found.pk if found else None
        pk, content_type = self.translations.get((page.translation_key, locale.pk), (None, None))
        if pk is None or type(page) is Page or content_type == ContentType.objects.get_for_model(page).pk:
            return pk
        return None

    def _url(self, page) -> str:
        if page.pk not in self.urls:
            self.urls[page.pk] = page.url
        return self.urls[page.pk]

    def _resolver(self, locale, pages):
        def resolve(scheme, target):
            if scheme == "help":
                english = pages[("page", "help")]
                pk = self._translation(english, locale)
                if pk is not None and pk not in self.help_pages:
                    self.help_pages[pk] = english if pk == english.pk else type(english).objects.get(pk=pk)
                help_page = english if pk is None else self.help_pages[pk]
                if target == "apps":
                    return f"{self._url(help_page)}apps/"
                return help_page.pk if not target else f"{self._url(help_page)}?situation={target}"
            page = pages[("page" if scheme == "page" else "guide", target)]
            pk = self._translation(page, locale)
            return page.pk if pk is None else pk

        return resolve

    def _translate(self, page, locale, source: PageFile | None, pages, english_source=None):
        """`english_source`: the English page's wagtail-localize source when it was just (re)registered, so every
        translation is recorded against its new strings."""
        page = page.specific
        if page.pk not in self.refreshed:  # publishing happened on another instance; an alias copies the live state
            page.refresh_from_db()
            self.refreshed.add(page.pk)
        pk = self._translation(page, locale)
        if pk is None:
            if page.depth > 2 and self._translation(page.get_parent(), locale) is None:
                return  # the parent is missing in this language; Wagtail cannot place the page
            translation = page.specific.copy_for_translation(locale, alias=source is None)
            self.translations[(translation.translation_key, locale.pk)] = (translation.pk, translation.content_type_id)
            if source is None:
                return self.tally.add("created")
        elif source is None:
            return self.tally.add("unchanged")
        else:
            translation = type(page).objects.get(pk=pk)
        if translation.alias_of_id:
            ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
            translation.refresh_from_db()
        if self._fill(translation, source, pages) or english_source or source.review == TranslationReview.NATIVE:
            self.localize.record(english_source or self.localize.register(page), translation.specific, source.review)
