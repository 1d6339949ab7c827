"""Template tags every page uses: the language switcher and links to the standard pages in the visitor's language, both
from the page tree (`pages.addresses`)."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

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
