"""What every visitor can count on, on every page, in every language."""

import re

import pytest
from django.conf import settings
from wagtail.models import Page

from pages.models import GuideIndexPage, GuidePage, HelpFinderPage, HomePage, StandardPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Whole-page checks that prove the same templates in every language run once per script: Latin (English and a
# language with many diacritics), Greek, Cyrillic and Arabic (right to left). Every language's pages are still served
# and checked for their own words (test_every_page_type_is_served_in_every_language).
ONE_PER_SCRIPT = ["en", "cs", "el", "uk", "ar"]
PUBLIC_PATHS = ["/{lang}/", "/{lang}/guides/", "/{lang}/help/", "/{lang}/help/es/sextortion/", "/{lang}/about/",
                "/{lang}/cover-your-tracks/", "/{lang}/guides/sextortion-young-people/", "/{lang}/search/?q=photo"]


def all_public_urls():
    return [path.format(lang=lang) for lang in ONE_PER_SCRIPT for path in PUBLIC_PATHS]


@pytest.mark.parametrize("model", [HomePage, GuideIndexPage, GuidePage, StandardPage, HelpFinderPage])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_is_served_in_every_language(client, content, model, language):
    pages = model.objects.live().filter(locale__language_code=language)
    assert pages.exists(), f"no live {model.__name__} in {language}"
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


@pytest.mark.parametrize("url", all_public_urls())
def test_every_page_has_a_quick_exit_link_first_and_a_skip_link(client, content, url):
    html = client.get(url).content.decode()
    body = html[html.index("<body"):]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert "data-quick-exit" in first_link
    assert f'href="{settings.HELPHUB_QUICK_EXIT_URL}"' in first_link
    assert 'href="#main-content"' in body and 'id="main-content"' in body


@pytest.mark.parametrize("url", all_public_urls())
def test_no_page_loads_anything_from_another_host(client, content, url):
    html = client.get(url).content.decode()
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
        for value in re.findall(rf"<{tag}\b[^>]*\b{attribute}=\"([^\"]+)\"", html):
            if tag == "link" and "alternate" in html[html.index(value) - 80 : html.index(value)]:
                continue  # hreflang alternates are links, not loads
            assert value.startswith("/"), f"{url} loads {value}"


@pytest.mark.parametrize("url", [*all_public_urls(), "/api/v1/countries/", "/en/no-such-page/"])
def test_visitors_get_no_cookies(client, content, url):
    response = client.get(url)
    assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers


def test_public_pages_send_privacy_headers(client, content):
    response = client.get("/en/help/")
    assert response["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_sends_its_origin_only_to_itself_so_editors_can_sign_in(client, db):
    # A no-referrer page makes browsers send "Origin: null" with its form, which Django's CSRF check refuses.
    assert client.get("/admin/login/")["Referrer-Policy"] == "same-origin"


def test_language_switcher_links_to_the_same_page_in_each_language(client, content):
    html = client.get("/es/guides/sextortion-young-people/").content.decode()
    for lang in LANGUAGES:
        assert f'hreflang="{lang}" href="http://testserver/{lang}/guides/sextortion-young-people/"' in html
        assert f'href="/{lang}/guides/sextortion-young-people/" hreflang="{lang}"' in html


def test_untranslated_guide_is_shown_in_english_and_marked_as_english(client, content):
    from datetime import date

    from wagtail.models import Locale

    from pages.models import GuideIndexPage

    english = GuideIndexPage.objects.get(locale=Locale.get_default())
    guide = english.add_child(instance=GuidePage(title="A guide only in English", slug="only-in-english", summary="New.",
                                                 audience="parents", situations=["talk"], last_reviewed=date(2026, 11, 23)))  # fmt: skip
    alias = guide.copy_for_translation(Locale.objects.get(language_code="de"), alias=True)
    html = client.get(alias.url).content.decode()
    assert '<main id="main-content" class="container" tabindex="-1" lang="en">' in html
    assert alias.alias_of.title in html


def test_help_finder_form_without_javascript_redirects_to_the_results(client, content):
    response = client.get("/de/help/", {"country": "DE", "situation": "grooming", "for": "parent"})
    assert response.status_code == 302
    assert response["Location"] == "/de/help/de/grooming/?for=parent"
    html = client.get(response["Location"]).content.decode()
    assert "<ol class=\"channels\">" in html
    assert 'href="tel:' in html


def test_help_finder_form_with_nothing_chosen_explains_what_is_missing(client, content):
    response = client.get("/en/help/", {"country": "ES", "for": "young_person"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and 'href="#field-situation"' in html


def test_help_finder_preselects_the_country_of_the_language(client, content):
    html = client.get("/es/help/").content.decode()
    assert '<option value="ES" selected>' in html


def test_help_finder_results_put_the_emergency_number_first_in_danger(client, content):
    html = client.get("/en/help/gb/immediate_danger/").content.decode()
    channels = re.findall(r'<li class="channel channel--(\w+)">', html)
    assert channels[0] == "emergency"
    assert channels[1] == "child_helpline"
    first_call = re.search(r'href="(tel:[^"]+)"', html).group(1)
    assert first_call == "tel:999"


def test_help_finder_for_an_uncovered_country_says_so_and_lists_international_channels(client, content):
    html = client.get("/fr/help/br/image_shared/").content.decode()
    assert 'class="notice"' in html
    assert "takeitdown.ncmec.org" in html


def test_help_finder_with_an_unknown_situation_is_a_404_that_offers_the_help_finder(client, content):
    response = client.get("/en/help/es/not-a-situation/")
    assert response.status_code == 404
    assert 'href="/en/help/"' in response.content.decode()


def test_unknown_page_gives_a_404_with_the_help_finder(client, content):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert 'href="/es/help/"' in response.content.decode()


def test_search_finds_guides_in_the_visitors_language(client, content):
    html = client.get("/en/search/", {"q": "blackmail"}).content.decode()
    assert "/en/guides/" in html


def test_robots_and_sitemap(client, content):
    assert "Sitemap:" in client.get("/robots.txt").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/guides/sextortion-young-people/" in sitemap


def test_guide_links_in_content_point_to_pages_that_exist(client, content):
    for page in GuidePage.objects.live().filter(locale__language_code="en"):
        html = client.get(page.url).content.decode()
        main = html[html.index('id="main-content"'):]
        for href in re.findall(r'href="(/[^"#?]*)', main):
            assert client.get(href).status_code == 200, f"{page.url} links to {href}"


def test_every_language_has_the_same_pages(content):
    english = Page.objects.filter(locale__language_code="en", depth__gt=1).count()
    for lang in LANGUAGES:
        assert Page.objects.filter(locale__language_code=lang, depth__gt=1).count() == english


def test_the_footer_names_who_runs_the_site_only_once_an_editor_has_said_so(client, content):
    from pages.models import SiteOperator

    assert "This site is run by" not in client.get("/en/").content.decode()
    SiteOperator.objects.create(name="Example Child Protection NGO", contact="help@ngo.example")
    page = client.get("/en/guides/").content.decode()
    assert "This site is run by Example Child Protection NGO." in page
    assert 'href="mailto:help@ngo.example"' in page


def test_who_runs_the_site_takes_an_email_or_an_https_link_as_contact():
    from django.core.exceptions import ValidationError

    from pages.models import validate_contact

    validate_contact("help@ngo.example")
    validate_contact("https://ngo.example/contact")
    for bad in ("http://ngo.example", "javascript:alert(1)", "call us"):
        with pytest.raises(ValidationError):
            validate_contact(bad)
