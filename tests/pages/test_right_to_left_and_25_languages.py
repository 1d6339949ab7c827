"""Twenty-five languages, one of them right to left: Arabic pages are mirrored, numbers stay left to right inside them,
the language switcher stays one control on a phone, a first visit gets the browser's language without a cookie, and
every script is drawn with the visitor's own fonts."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from pages.templatetags.helphub_tags import isolate

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


def test_a_call_button_keeps_the_space_before_its_number(client, content):
    # A button is a flex box: its label and the number beside it must be one item, or the space between them collapses
    # (the Arabic "call" touching "110").
    html = html_of(client, "/ar/help/de/sextortion/?for=young_person")
    for label in re.findall(r'<a class="button button--(?:call|secondary)" href="(?:tel|sms):[^"]+">(.*?)</a>', html):
        assert re.fullmatch(r'<span>[^<]*\S <bdi dir="ltr">\+?[\d ]+</bdi>[^<]*</span>', label), label


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("ar", "هاتف الأطفال (Kinder- und Jugendtelefon) (Nummer gegen Kummer e.V.)",
     'هاتف الأطفال (<bdi dir="ltr">Kinder- und Jugendtelefon</bdi>) (<bdi dir="ltr">Nummer gegen Kummer e.V.</bdi>)'),
    ("ar", "2. Take It Down (NCMEC)", '2. <bdi dir="ltr">Take It Down (NCMEC)</bdi>'),
    ("ar", "اتصل بـ Childline على 0800 1111.", 'اتصل بـ <bdi dir="ltr">Childline</bdi> على <bdi dir="ltr">0800 1111</bdi>.'),
    ("ar", "Tom & Jerry's <>", '<bdi dir="ltr">Tom &amp; Jerry&#x27;s</bdi> &lt;&gt;'),
    ("en", "Call Childline (NSPCC) on 0800 1111", "Call Childline (NSPCC) on 0800 1111"),
    ("en", "The line (هاتف الأطفال) answers & helps", 'The line (<bdi dir="rtl">هاتف الأطفال</bdi>) answers &amp; helps'),
])
def test_words_written_the_other_way_are_isolated_from_the_brackets_around_them(language, text, expected):
    with translation.override(language):
        assert isolate(text) == expected


def test_a_channel_name_mixing_arabic_and_german_reads_in_order_on_the_arabic_results(client, content):
    html = html_of(client, "/ar/help/de/sextortion/?for=young_person")
    names = re.findall(r'<h2 id="channel-\d+" class="channel__name"[^>]*>(.*?)</h2>', html)
    assert any("<bdi" in name and re.search("[\u0600-\u06ff]", name) for name in names), names  # one mixes both
    for name in names:  # no Latin letter is left outside a <bdi dir="ltr">, and no bracket of the name inside one
        outside = re.sub(r'<bdi dir="ltr">[^<]*</bdi>', "", name)
        assert not re.search("[A-Za-z]", outside), name
        for run in re.findall(r'<bdi dir="ltr">([^<]*)</bdi>', name):
            assert run.count("(") == run.count(")"), name


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
