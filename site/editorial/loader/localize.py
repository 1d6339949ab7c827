"""Seed translations recorded in wagtail-localize, so editors carry on with its own tools.

The loader writes each language's row from the files (see `writer.py`), then records here what wagtail-localize would
have recorded had an editor translated it in the CMS: a `TranslationSource` for every English page and record, a
`Translation` for every language the files translate it into, and each translated text as a `StringTranslation` of
the English string it stands for. wagtail-localize then shows each translation's progress, offers "Sync translated
pages" when the English changes (copying the synchronised fields and asking only for the strings that changed), and
edits translations in its translation editor. What it cannot do, and why the loader still writes the rows itself, is
in docs/content-format.md ("Translations and wagtail-localize").

Texts are paired with the English strings by their place: the field, the StreamField block (a page's blocks carry the
same ids in every language, see `writer.block_id`) and the order within it. A translation whose shape differs from the
English (a paragraph split in two) leaves those strings untranslated, and wagtail-localize lists them as waiting.

A load records thousands of translations (8,000 in 25 languages): `Recorder` writes the new sources and their segments
together (`Recorder.register_all`), reads the existing string translations once per source, and writes a whole
writer's `StringTranslation`s and `Translation`s together at its end (`Recorder.finish`): each table gets the rows
wagtail-localize's own calls would have written, in the same order, instead of about a dozen queries per segment and
four per translation.
"""

import json
import re
import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import RelatedObjectSegmentValue, StringSegmentValue, TemplateSegmentValue
from wagtail_localize.strings import validate_translation_links

from ..models import TranslationReview

# wagtail-localize knows two kinds of translation; a translation no native speaker has checked counts as a machine's.
TRANSLATION_TYPE = {TranslationReview.NATIVE: StringTranslation.TRANSLATION_TYPE_MANUAL,
                    TranslationReview.MACHINE: StringTranslation.TRANSLATION_TYPE_MACHINE}  # fmt: skip
# Where a text may hold a link (an <a> tag; html.parser reads a tag only right after "<", in either case). A text
# without one cannot bring a link its English string lacks, so wagtail-localize's check is not needed for it.
LINK_TAG = re.compile(r"<a", re.IGNORECASE)


class _Unsaved:
    """A new context's path, for `TranslationContext.get_field_path` to work out its field path from (saving it is
    left to the bulk insert)."""

    def __init__(self, path: str):
        self.path, self.field_path = path, ""

    def save(self, **kwargs):
        pass


def _string_key(source, value) -> tuple:
    return source.locale_id, String._get_data_hash(value.string.data)


def _template_key(value) -> uuid.UUID:
    return uuid.uuid5(uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format), value.template)


def _context_key(source, value) -> tuple:
    return source.object_id, TranslationContext._get_path_id(value.path)


def _found_or_created(model, found: dict, wanted: dict) -> dict:
    """`wanted` rows by key, those not in `found` created together, in the order of `wanted`."""
    new = [row for key, row in wanted.items() if key not in found]
    model.objects.bulk_create(new)
    return {key: found.get(key, row) for key, row in wanted.items()}


def register_source(instance) -> TranslationSource:
    """The English page or record as wagtail-localize's source (updated when its content changed)."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    return source


class Recorder:
    """wagtail-localize's records of one writer's translations, written together by `finish()`."""

    def __init__(self):
        # (translation key, locale) of every source, read once: most loads change few records.
        self.registered = set(TranslationSource.objects.values_list("object_id", "locale_id"))
        self.any_translated = StringTranslation.objects.exists()
        self.strings: dict = {}
        self.existing: dict = {}
        self.new: list[StringTranslation] = []
        self.changed: list[StringTranslation] = []
        self.translations: dict[tuple[int, int], None] = {}  # (source, locale), in the order recorded

    def is_registered(self, instance) -> bool:
        return (instance.translation_key, instance.locale_id) in self.registered

    def register(self, instance) -> TranslationSource:
        source = register_source(instance)
        self.registered.add((source.object_id, source.locale_id))
        return source

    def register_all(self, instances: list) -> list[TranslationSource]:
        """`register` for each instance, in order. Those with no source yet (every record and page of a first load)
        get theirs as `TranslationSource.update_or_create_from_instance` would make it, consecutive ones together
        (`_create`); an existing source is brought up to date by wagtail-localize itself, in its turn."""
        sources, new = [], []
        for instance in instances:
            if self.is_registered(instance):
                sources += self._create(new)
                new = []
                sources.append(self.register(instance))
            else:
                new.append(instance)
        return sources + self._create(new)

    def _create(self, instances: list) -> list[TranslationSource]:
        """New sources for `instances` (none has one yet), with their segments: the rows wagtail-localize's
        `update_or_create_from_instance` and `refresh_segments` write for a new source, in the same order, each table
        written once for all of them (instead of about a dozen queries a segment). What that path meets and this
        site's models do not have (a related-object segment, an object recorded under another model) is left to
        wagtail-localize itself, before anything is written."""
        if not instances:
            return []
        instances = [instance.specific if isinstance(instance, Page) else instance for instance in instances]
        kinds = {instance.translation_key: ContentType.objects.get_for_model(instance.get_translation_model())
                 for instance in instances}  # fmt: skip
        objects = {obj.pk: obj for obj in TranslatableObject.objects.filter(translation_key__in=list(kinds))}
        versions, now, sources, extracted = {}, timezone.now(), [], []
        for instance in instances:
            if isinstance(instance, ClusterableModel):
                content_json = instance.to_json()
            else:
                content_json = json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
            label = instance._meta.app_label
            if label not in versions:
                versions[label] = get_schema_version(label)
            source = TranslationSource(
                object_id=instance.translation_key, locale_id=instance.locale_id, object_repr=str(instance)[:200],
                specific_content_type=ContentType.objects.get_for_model(instance.__class__), content_json=content_json,
                schema_version=versions[label], last_updated_at=now,
            )  # fmt: skip
            built = source.as_instance()  # what `refresh_segments` extracts from: the saved row with this content
            sources.append(source)
            extracted.append((built, extract_segments(built)))
        if any(key in objects and objects[key].content_type_id != kind.pk for key, kind in kinds.items()) or any(
            isinstance(value, RelatedObjectSegmentValue) for _built, found in extracted for value in found
        ):
            return [self.register(instance) for instance in instances]
        TranslatableObject.objects.bulk_create(
            [TranslatableObject(translation_key=key, content_type=kind) for key, kind in kinds.items() if key not in objects]
        )
        TranslationSource.objects.bulk_create(sources)
        self._segments(sources, extracted)
        self.registered.update((source.object_id, source.locale_id) for source in sources)
        return sources

    def _segments(self, sources: list[TranslationSource], extracted: list):
        """Each new source's segments, with the strings, templates and contexts they stand on found or created in the
        order `refresh_segments` meets them."""
        strings, templates, contexts = {}, {}, {}
        for source, (built, found) in zip(sources, extracted, strict=True):
            for value in found:
                if isinstance(value, StringSegmentValue):
                    strings.setdefault(_string_key(source, value), value.string.data)
                elif isinstance(value, TemplateSegmentValue):
                    templates.setdefault(_template_key(value), value)
                contexts.setdefault(_context_key(source, value), (value.path, built))
        strings = _found_or_created(
            String, {(s.locale_id, s.data_hash): s for s in String.objects.filter(data_hash__in={h for _l, h in strings})},
            {key: String(locale_id=key[0], data_hash=key[1], data=data) for key, data in strings.items()},
        )  # fmt: skip
        templates = _found_or_created(
            Template, {t.uuid: t for t in Template.objects.filter(uuid__in=list(templates))},
            {key: Template(uuid=key, template=value.template, template_format=value.format,
                           string_count=value.string_count) for key, value in templates.items()},
        )  # fmt: skip
        found = {(c.object_id, c.path_id): c for c in TranslationContext.objects.filter(
            object_id__in={o for o, _p in contexts}, path_id__in={p for _o, p in contexts})}  # fmt: skip
        wanted = {}
        for (object_id, path_id), (path, built) in contexts.items():
            if (object_id, path_id) in found:
                continue
            context = wanted[(object_id, path_id)] = TranslationContext(object_id=object_id, path_id=path_id, path=path)
            # Its field path, as `get_field_path` works it out for a new context (and then saves it).
            context.field_path = TranslationContext.get_field_path(_Unsaved(path), built)
        TranslationContext.objects.bulk_create(list(wanted.values()))
        contexts = {**found, **wanted}
        rows = {StringSegment: [], TemplateSegment: [], OverridableSegment: []}
        for source, (built, found) in zip(sources, extracted, strict=True):
            for value in found:
                context = contexts[_context_key(source, value)]
                if not context.field_path:  # a context from before wagtail-localize 1.0, as `refresh_segments` does
                    context.get_field_path(built)
                common = {"source": source, "context": context, "order": value.order}
                if isinstance(value, StringSegmentValue):
                    rows[StringSegment].append(StringSegment(
                        string=strings[_string_key(source, value)], attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
                        **common))  # fmt: skip
                elif isinstance(value, TemplateSegmentValue):
                    rows[TemplateSegment].append(TemplateSegment(template=templates[_template_key(value)], **common))
                else:
                    rows[OverridableSegment].append(OverridableSegment(
                        data_json=json.dumps(value.data, cls=DjangoJSONEncoder), **common))  # fmt: skip
        for model, made in rows.items():
            model.objects.bulk_create(made)

    def english_strings(self, source: TranslationSource) -> dict[str, list[StringSegment]]:
        """The source's strings by path, in order; read once for all the languages of one load."""
        key = (source.pk, source.last_updated_at)
        if key not in self.strings:
            found = defaultdict(list)
            segments = StringSegment.objects.filter(source=source).select_related("context", "string").order_by("order")
            for segment in segments:
                found[segment.context.path].append(segment)
            self.strings[key] = found
        return self.strings[key]

    def _existing(self, source: TranslationSource) -> dict:
        """The string translations recorded for the source's object, in every language: (locale, string, context) to
        (id, text, kind)."""
        if source.object_id not in self.existing:
            found = {}
            if self.any_translated:
                rows = StringTranslation.objects.filter(context__object_id=source.object_id).values_list(
                    "pk", "locale_id", "translation_of_id", "context_id", "data", "translation_type"
                )
                found = {(locale, string, context): (pk, data, kind) for pk, locale, string, context, data, kind in rows}
            self.existing[source.object_id] = found
        return self.existing[source.object_id]

    def record(self, source: TranslationSource, translated, review: str | None) -> tuple[int, int]:
        """Record `translated` (a saved row in another language) as the translation of `source`; returns how many of
        the source's strings it translates, of how many."""
        locale_id = translated.locale_id
        texts = defaultdict(list)
        for segment in extract_segments(translated):
            if isinstance(segment, StringSegmentValue):
                texts[segment.path].append(segment.string.data)
        english = self.english_strings(source)
        kind = TRANSLATION_TYPE.get(review or TranslationReview.MACHINE, StringTranslation.TRANSLATION_TYPE_MACHINE)
        existing = self._existing(source)
        paired, total = 0, 0
        for path, segments in english.items():
            total += len(segments)
            found = texts.get(path, [])
            if len(found) != len(segments):
                continue  # shaped differently from the English: wagtail-localize lists these strings as waiting
            for segment, data in zip(segments, found, strict=True):
                if LINK_TAG.search(data):
                    try:
                        validate_translation_links(segment.string.data, data)
                    except ValueError:
                        continue  # its links differ from the English string's: left for an editor, as wagtail-localize would
                paired += 1
                current = existing.get((locale_id, segment.string_id, segment.context_id))
                if current is None:
                    self.new.append(StringTranslation(translation_of_id=segment.string_id, context_id=segment.context_id,
                                                      locale_id=locale_id, data=data, translation_type=kind))
                elif (current[1], current[2]) != (data, kind):
                    self.changed.append(StringTranslation(pk=current[0], data=data, translation_type=kind))
        self.translations.setdefault((source.pk, locale_id), None)
        return paired, total

    def finish(self):
        """Write what was recorded: new and changed string translations, and each translation, enabled."""
        StringTranslation.objects.bulk_create(self.new)
        StringTranslation.objects.bulk_update(self.changed, ["data", "translation_type"], batch_size=500)
        if self.translations:
            sources = {source for source, _locale in self.translations}
            found = {
                (source, locale): (pk, enabled)
                for pk, source, locale, enabled in Translation.objects.filter(source_id__in=sources).values_list(
                    "pk", "source_id", "target_locale_id", "enabled"
                )
            }
            Translation.objects.bulk_create(
                [Translation(source_id=source, target_locale_id=locale, enabled=True)
                 for source, locale in self.translations if (source, locale) not in found]
            )  # fmt: skip
            disabled = [pk for key, (pk, enabled) in found.items() if key in self.translations and not enabled]
            Translation.objects.filter(pk__in=disabled).update(enabled=True)
        self.new, self.changed, self.translations = [], [], {}
        self.existing.clear()
