"""Twenty-five languages, one of them right to left: Arabic pages are mirrored, numbers stay left to right inside them,
the language switcher stays one control on a phone, a first visit gets the browser's language without a cookie, and
every script is drawn with the visitor's own fonts."""

import re
from pathlib import Path

import pytest
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES]
STYLESHEET = Path(settings.STATICFILES_DIRS[0]) / "css" / "helphub.css"


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_site_speaks_the_25_languages_of_the_countries_it_covers_and_arabic():
    assert len(LANGUAGES) == 25
    assert {"sv", "da", "nb", "fi", "et", "lv", "lt", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el", "uk", "ar"} <= set(LANGUAGES)


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("el", "ltr"), ("uk", "ltr"), ("sv", "ltr")])
def test_arabic_pages_are_right_to_left_and_the_others_left_to_right(client, content, language, direction):
    for url in (f"/{language}/", f"/{language}/guides/sextortion-young-people/", f"/{language}/help/"):
        assert f'<html lang="{language}" dir="{direction}">' in html_of(client, url)


def test_phone_numbers_stay_left_to_right_inside_arabic_text(client, content):
    html = html_of(client, "/ar/help/es/sextortion/?for=young_person")
    buttons = re.findall(r'<a class="button button--call" href="tel:[^"]+">(.*?)</a>', html)
    assert buttons, "no call button"
    for label in buttons:
        assert re.search(r'<bdi dir="ltr">\+?[\d ]+</bdi>', label), label


def test_the_language_switcher_is_one_control_listing_every_language_named_in_itself(client, content):
    html = html_of(client, "/ar/guides/")
    switcher = re.search(r'<nav class="language-switcher"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert "<details>" in switcher and "<summary>" in switcher  # opens without JavaScript
    summary = re.search(r"<summary>(.*?)</summary>", switcher, re.S).group(1)
    assert '<span lang="ar">العربية</span>' in summary
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="([a-z]+)"[^>]*>([^<]+)</a>', switcher)
    assert [code for _url, code, _lang, _name in links] == LANGUAGES
    names = dict(settings.LANGUAGES)
    for url, code, lang, name in links:
        assert lang == code and name == names[code]
        assert url == f"/{code}/guides/" or url.startswith(f"/{code}/"), url
    assert {"Svenska", "Ελληνικά", "Українська", "Български", "Magyar", "Suomi"} <= {name for *_rest, name in links}


@pytest.mark.parametrize(("accept", "language"), [("ar,en;q=0.5", "ar"), ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
                                                  ("uk-UA", "uk"), ("el", "el"), ("nb-NO,no;q=0.9", "nb"),
                                                  ("tr-TR", "en")])
def test_a_first_visit_gets_the_browser_language_without_a_cookie(client, content, accept, language):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"
    assert not response.cookies


def test_the_stylesheet_mirrors_itself_with_logical_properties_only():
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    physical = re.findall(r"(?:margin|padding|border|inset)-(?:left|right)|(?<![-\w])(?:left|right)\s*:"
                          r"|(?:text-align|float|clear)\s*:\s*(?:left|right)", css)
    assert physical == []


def test_every_script_is_drawn_with_system_fonts_and_nothing_is_fetched_from_another_host():
    css = STYLESHEET.read_text(encoding="utf-8")
    assert "@font-face" not in css and "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)
    assert re.search(r":lang\(ar\)\s*\{[^}]*font-family:[^;]*system-ui", css)
