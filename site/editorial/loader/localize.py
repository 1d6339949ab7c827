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
"""

from collections import defaultdict

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue
from wagtail_localize.strings import validate_translation_links

from ..models import TranslationReview

# wagtail-localize knows two kinds of translation; a translation no native speaker has checked counts as a machine's.
TRANSLATION_TYPE = {TranslationReview.NATIVE: StringTranslation.TRANSLATION_TYPE_MANUAL,
                    TranslationReview.MACHINE: StringTranslation.TRANSLATION_TYPE_MACHINE}  # fmt: skip


def register_source(instance) -> TranslationSource:
    """The English page or record as wagtail-localize's source (updated when its content changed)."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    return source


def is_registered(instance) -> bool:
    return TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).exists()


def english_strings(source: TranslationSource) -> dict[str, list[StringSegment]]:
    """The source's strings by path, in order; read once for all the languages of one load."""
    key = (source.pk, source.last_updated_at)
    if key not in _strings:
        found = defaultdict(list)
        for segment in StringSegment.objects.filter(source=source).select_related("context", "string").order_by("order"):
            found[segment.context.path].append(segment)
        _strings.clear()  # one source at a time: the loader writes every language of a record before the next
        _strings[key] = found
    return _strings[key]


_strings: dict = {}


def record_translation(source: TranslationSource, translated, review: str | None) -> tuple[int, int]:
    """Record `translated` (a saved row in another language) as the translation of `source`; returns how many of the
    source's strings it translates, of how many."""
    locale = translated.locale
    texts = defaultdict(list)
    for segment in extract_segments(translated):
        if isinstance(segment, StringSegmentValue):
            texts[segment.path].append(segment.string.data)
    english = english_strings(source)
    kind = TRANSLATION_TYPE.get(review or TranslationReview.MACHINE, StringTranslation.TRANSLATION_TYPE_MACHINE)
    existing = {
        (t.translation_of_id, t.context_id): t
        for t in StringTranslation.objects.filter(locale=locale, context__object_id=source.object_id)
    }
    new, changed, paired, total = [], [], 0, 0
    for path, segments in english.items():
        total += len(segments)
        found = texts.get(path, [])
        if len(found) != len(segments):
            continue  # shaped differently from the English: wagtail-localize lists these strings as waiting
        for segment, data in zip(segments, found, strict=True):
            try:
                validate_translation_links(segment.string.data, data)
            except ValueError:
                continue  # its links differ from the English string's: left for an editor, as wagtail-localize would
            paired += 1
            current = existing.get((segment.string_id, segment.context_id))
            if current is None:
                new.append(StringTranslation(translation_of_id=segment.string_id, context_id=segment.context_id,
                                             locale=locale, data=data, translation_type=kind))
            elif (current.data, current.translation_type) != (data, kind):
                current.data, current.translation_type = data, kind
                changed.append(current)
    StringTranslation.objects.bulk_create(new)
    StringTranslation.objects.bulk_update(changed, ["data", "translation_type"])
    Translation.objects.update_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    return paired, total
