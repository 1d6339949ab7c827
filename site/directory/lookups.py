"""The published countries and situations in a language, for pickers and lists.

A record without a translation in that language shows in the default language rather than going missing.
"""

import time

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.fields import TranslatableField

from .countries import normalize_name
from .models import Country, Situation

_LOCALES: dict = {}
LOCALE_MEMORY_SECONDS = 60


def locale_for(language_code: str | None) -> Locale:
    """The CMS locale for a language code, or the default locale when the site has no such language.

    Every page asks this several times; the answer is kept in this process for a minute (locales are created once,
    when a language is added), which saves a query each time.
    """
    now = time.monotonic()
    found = _LOCALES.get(language_code)
    if found and now - found[1] < LOCALE_MEMORY_SECONDS:
        return found[0]
    locale = Locale.objects.filter(language_code=language_code).first() or Locale.get_default()
    _LOCALES[language_code] = (locale, now)
    return locale


def default_locale() -> Locale:
    """The locale of the default language (settings.LANGUAGE_CODE), where every record's facts live: the one way
    HelpHub spells it."""
    return locale_for(settings.LANGUAGE_CODE)


def locale_of(instance) -> Locale:
    """The locale of a page or a record, from the same memory. Reading `instance.locale` costs a query the first
    time on each instance (Django then keeps it on that instance only), and pages are loaded afresh for every
    request."""
    for locale, _seen in list(_LOCALES.values()):
        if locale.pk == instance.locale_id:
            return locale_for(locale.language_code)
    return locale_for(instance.locale.language_code)


def words_of(model) -> tuple[str, ...]:
    """The fields of a directory model that are words in a language; every other field is a fact (a number, a link,
    hours, a code) and is read only from the default-language record."""
    return tuple(f.field_name for f in model.translatable_fields if isinstance(f, TranslatableField))


def apply_wording(record, translation_row, fields=None) -> bool:
    """Put the words of `translation_row` (another language's row of the same record) on `record`; a text left
    empty there stays in the default language. Returns whether there was a translation."""
    if translation_row is None:
        return False
    for name in fields or words_of(type(record)):
        value = getattr(translation_row, name)
        if value:
            setattr(record, name, value)
    return True


def _localized(model, locale, key):
    """The default-language records, worded in `locale` where a translation is published."""
    default = default_locale()
    rows = {getattr(r, key): r for r in model.objects.filter(live=True, locale=default)}
    if locale.pk != default.pk:
        by_translation = {r.translation_key: r for r in rows.values()}
        words = words_of(model)
        translated = model.objects.filter(live=True, locale=locale, translation_key__in=by_translation)
        for row in translated.only("translation_key", *words):
            apply_wording(by_translation[row.translation_key], row, words)
    return list(rows.values())


def localized_situations(locale) -> list[Situation]:
    return sorted(_localized(Situation, locale, "key"), key=lambda s: (s.sort_order, s.key))


def localized_countries(locale) -> list[Country]:
    return sorted(_localized(Country, locale, "code"), key=lambda c: normalize_name(c.name))
