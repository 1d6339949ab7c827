"""Template tags every page uses: the language switcher and links to the standard pages in the visitor's language, both
from the page tree (`pages.addresses`)."""

import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import get_language, get_language_bidi

from pages import addresses
from pages.models import SiteOperator

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language to this same page in that language: code, name, url (a path, for links), absolute
    url (for <link rel="alternate" hreflang>, which search engines require to be absolute) and current."""
    request = context["request"]
    current = get_language()
    page = context.get("page")
    translations = {}
    if page is not None and getattr(page, "pk", None) and request.path == page.url:
        translations = addresses.translation_urls(page)
    query = ("?" + request.GET.urlencode()) if request.GET else ""
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code)
        if url is None:
            prefix = f"/{current}/"
            path = request.path
            url = f"/{code}/" + path[len(prefix):] if path.startswith(prefix) else f"/{code}/"
        links.append({"code": code, "name": name, "url": url + query, "absolute_url": request.build_absolute_uri(url + query),
                      "current": code == current})
    return links


@register.filter
def ltr(number):
    """A phone number kept left to right inside right-to-left text (in Arabic, "116 111" would otherwise read
    "111 116")."""
    return format_html('<bdi dir="ltr">{}</bdi>', number)


# A run of words written the other way from the page: Latin, Greek or Cyrillic inside Arabic, Arabic or Hebrew inside a
# left-to-right page; with the spaces and in-word punctuation between its words ("Kinder- und Jugendtelefon", "e.V.")
# and a bracketed part written the same way ("Take It Down (NCMEC)"), but never a bracket opened or closed by the
# sentence around it. site/static/js/chat.js draws the chat's text with the same runs.
LTR_LETTERS = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff"
RTL_LETTERS = "\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
NUMBER = "\\+?[0-9][0-9 \u00a0\\-\u2013]*[0-9]"  # a phone number, as chat.js's NUMBER: "116 111" would read "111 116"
BETWEEN = " .,'\u2019&/:\\-\u2013"  # what may stand between the words of a run


def _run(letters: str) -> str:
    word, bracketed = f"[{letters}][{letters}0-9]*", f"\\([{letters}0-9][{letters}0-9{BETWEEN}]*\\)"
    return f"{word}(?:[{BETWEEN}]+(?:{word}|{bracketed}))*\\.?"


# By get_language_bidi(), whether the page is right to left: what to isolate in it.
OTHER_WAY = {True: re.compile(f"{NUMBER}|{_run(LTR_LETTERS)}"), False: re.compile(_run(RTL_LETTERS))}


@register.filter
def isolate(text):
    """Text whose runs written the other way are each in a <bdi>, so that the bidi algorithm cannot reorder them with
    the brackets and numbers around them: in Arabic, "هاتف الأطفال (Kinder- und Jugendtelefon) (Nummer gegen Kummer
    e.V.)" would otherwise run "Jugendtelefon) (Nummer" together as one left-to-right stretch."""
    if text in (None, ""):
        return text
    rtl = get_language_bidi()
    direction = "ltr" if rtl else "rtl"
    text, pieces, start = str(text), [], 0
    for run in OTHER_WAY[rtl].finditer(text):
        pieces += [conditional_escape(text[start:run.start()]), format_html('<bdi dir="{}">{}</bdi>', direction, run.group(0))]
        start = run.end()
    pieces.append(conditional_escape(text[start:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))  # each piece escaped or built above


@register.simple_tag(takes_context=True)
def site_pages(context):
    """The home page and its children in the visitor's language, by slug with dashes as underscores (about,
    cover_your_tracks...), each {"url", "title"}, and who runs the site ("operator") once an editor has said so.
    Looked up once per request: the base template and every get-help block use it."""
    request = context.get("request")
    cached = getattr(request, "_helphub_site_pages", None)
    if cached is not None:
        return cached
    pages = addresses.site_pages(get_language() or settings.LANGUAGE_CODE)
    operator = addresses.remembered("operator", site_operator)
    if operator:
        pages = {**pages, "operator": operator}
    if request is not None:
        request._helphub_site_pages = pages
    return pages


def site_operator() -> dict:
    """Who runs the site, as the footer names them: {} until an editor has said so."""
    operator = SiteOperator.objects.first()  # not .load(), which would create the row (and retire the cache)
    if not (operator and operator.name):
        return {}
    return {"name": operator.name, "contact": operator.contact, "contact_url": operator.contact_url}


@register.filter
def language_names(codes):
    """Language codes as names in the visitor's language, from the CLDR: ["es", "en"] -> "español, inglés"."""
    from babel import Locale as BabelLocale

    display = BabelLocale.parse(get_language() or settings.LANGUAGE_CODE)
    return ", ".join(display.languages.get(code, code) for code in codes)
