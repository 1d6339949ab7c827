"""The chat widget: a plain link to the help finder on every page, the chat panel's markup translated on the server,
and chat.js loaded only when a visitor opens the chat."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from pages.models import GuideIndexPage, GuidePage, HelpFinderPage, HomePage, StandardPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CHAT_LANGUAGES = settings.HELPHUB_CHAT_LANGUAGES
JS_DIR = Path(settings.STATICFILES_DIRS[0]) / "js"
PUBLIC_PATHS = [
    "/{lang}/",
    "/{lang}/guides/",
    "/{lang}/help/",
    "/{lang}/help/es/sextortion/",
    "/{lang}/about/",
    "/{lang}/guides/sextortion-young-people/",
    "/{lang}/search/?q=photo",
    "/{lang}/no-such-page/",
]


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <template id="chat-template">."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.template_text = []
        self._in_template = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "template" and attributes.get("id") == "chat-template":
            self._in_template = True

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template = False

    def handle_data(self, data):
        if self._in_template and data.strip():
            self.template_text.append(" ".join(data.split()))

    def find(self, tag, **attributes):
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(k.replace("_", "-")) == v for k, v in attributes.items())
        ]


def parse(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    elements = Elements()
    elements.feed(response.content.decode())
    return elements, response.content.decode()


def launcher(elements):
    found = [attrs for name, attrs in elements.tags if "data-chat-launcher" in attrs]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("model", [HomePage, GuideIndexPage, GuidePage, StandardPage, HelpFinderPage])
@pytest.mark.parametrize("language", CHAT_LANGUAGES)
def test_every_page_type_offers_the_chat_as_a_plain_link_to_the_help_finder(client, content, model, language):
    help_url = HelpFinderPage.objects.live().get(locale__language_code=language).url
    for page in model.objects.live().filter(locale__language_code=language):
        elements, _html = parse(client, page.url)
        found = [attrs for name, attrs in elements.tags if name == "a" and "data-chat-launcher" in attrs]
        assert len(found) == 1, page.url
        link = found[0]
        assert link["href"] == help_url
        assert link["data-lang"] == language
        assert link["data-chat-endpoint"] == "/api/v1/chat/"
        assert link["data-chat-src"].startswith("/") and link["data-chat-src"].endswith("js/chat.js")


@pytest.mark.parametrize("language", CHAT_LANGUAGES)
def test_outside_the_help_finder_results_the_chat_assumes_the_language_default_country(client, content, language):
    for url in (f"/{language}/", f"/{language}/guides/", f"/{language}/no-such-page/"):
        elements, _html = parse(client, url)
        assert launcher(elements)["data-country"] == settings.HELPHUB_DEFAULT_COUNTRY.get(language, ""), url  # Arabic: none


def test_the_chat_is_offered_only_in_site_languages():
    assert set(CHAT_LANGUAGES) <= set(LANGUAGES)


@pytest.mark.parametrize("language", sorted(set(LANGUAGES) - set(CHAT_LANGUAGES)))
def test_where_the_assistant_does_not_speak_the_language_the_corner_link_leads_to_the_help_finder(
        client, content, language):
    # The site speaks languages the assistant does not speak yet: their corner link goes to the help finder.
    help_url = HelpFinderPage.objects.live().get(locale__language_code=language).url
    for url in (f"/{language}/", f"/{language}/guides/", help_url):
        elements, html = parse(client, url)
        assert not [attrs for _name, attrs in elements.tags if "data-chat-launcher" in attrs], url
        assert elements.find("template", id="chat-template") == [], url
        assert "chat-launcher.js" not in html and "chat.js" not in html, url
        corner = [attrs for name, attrs in elements.tags if name == "a" and attrs.get("class") == "chat-launcher"]
        assert [link["href"] for link in corner] == [help_url], url


def test_spanish_home_page_gives_the_chat_spain(client, content):
    elements, _html = parse(client, "/es/")
    assert launcher(elements)["data-country"] == "ES"
    assert launcher(elements)["data-lang"] == "es"


@pytest.mark.parametrize(
    ("url", "country"),
    [
        ("/es/help/fr/sextortion/", "FR"),
        ("/en/help/es/sextortion/", "ES"),
        ("/de/help/gb/immediate_danger/", "GB"),
        ("/fr/help/jp/sextortion/", "JP"),
    ],
)
def test_a_help_finder_result_page_gives_the_chat_the_country_it_shows(client, content, url, country):
    elements, _html = parse(client, url)
    assert launcher(elements)["data-country"] == country


def test_help_finder_form_gives_the_chat_the_chosen_country_but_never_an_invalid_one(client, content):
    elements, _html = parse(client, "/en/help/?country=FR&situation=sextortion&change=1")
    assert launcher(elements)["data-country"] == "FR"
    elements, _html = parse(client, "/en/help/?country=XQ&situation=sextortion")
    assert launcher(elements)["data-country"] == "GB"


def test_chat_panel_template_is_there_with_spanish_labels(client, content):
    elements, html = parse(client, "/es/guides/")
    template = elements.find("template", id="chat-template")
    assert len(template) == 1
    assert template[0]["data-you"] == "Tú:"
    assert template[0]["data-typing"] == "El asistente está escribiendo…"
    assert template[0]["data-error"] == "Algo ha fallado."
    assert template[0]["data-help-finder"] == "Usa el buscador de ayuda"
    assert template[0]["data-call"] == "Llama al {number}"
    text = " ".join(elements.template_text)
    for label in (
        "Asistente de HelpHub",
        "Cerrar",
        "Tu mensaje",
        "Enviar",
        "No compartas tu nombre ni tu dirección. Este chat no se guarda: el asistente lo olvida 15 minutos después "
        "de tu último mensaje.",
        "Llama a tu número de emergencias.",
    ):
        assert label in text
    assert "Chatea con el asistente de HelpHub" in html


def test_chat_panel_is_a_labelled_dialog_with_a_polite_log_and_a_labelled_input(client, content):
    elements, _html = parse(client, "/en/")
    dialog = elements.find("section", role="dialog")
    assert len(dialog) == 1 and dialog[0]["aria-labelledby"] == "chat-title"
    assert elements.find("h2", id="chat-title")
    assert elements.find("div", role="log", aria_live="polite")
    field = elements.find("input", id="chat-input")
    assert len(field) == 1 and field[0]["maxlength"] == "500"
    assert elements.find("label", **{"for": "chat-input"})
    assert elements.find("button", type="submit")
    assert [attrs for name, attrs in elements.tags if name == "button" and "data-chat-close" in attrs]


@pytest.mark.parametrize("url", [path.format(lang=lang) for lang in ("en", "es") for path in PUBLIC_PATHS])
def test_pages_have_no_inline_script_and_no_style_attributes(client, content, url):
    elements, html = parse(client, url)
    scripts = [attrs for name, attrs in elements.tags if name == "script"]
    assert scripts and all(attrs.get("src") for attrs in scripts)
    assert not [tag for tag, attrs in elements.tags if "style" in attrs]
    assert "<style" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.parametrize("url", ["/en/", "/es/help/", "/fr/help/es/sextortion/"])
def test_chat_script_is_not_loaded_until_the_visitor_opens_the_chat(client, content, url):
    elements, _html = parse(client, url)
    sources = [attrs["src"] for name, attrs in elements.tags if name == "script"]
    assert [Path(src).name for src in sources] == ["quick-exit.js", "chat-launcher.js"]
    assert all("defer" in attrs for name, attrs in elements.tags if name == "script")
    assert not any(src.endswith("chat.js") and "launcher" not in src for src in sources)


def test_always_loaded_launcher_script_stays_tiny():
    assert (JS_DIR / "chat-launcher.js").stat().st_size < 2500


def test_chat_script_keeps_nothing_and_inserts_server_text_only_as_text():
    source = (JS_DIR / "chat.js").read_text()
    for forbidden in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "localStorage",
        "sessionStorage",
        "document.cookie",
        "indexedDB",
        ".style",
        "eval(",
    ):
        assert forbidden not in source, forbidden
    assert 'credentials: "omit"' in source
    assert "getRandomValues" in source and "AbortController" in source
    assert "helphub:quick-exit" in source
    assert '"/greet"' in source
