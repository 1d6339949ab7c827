"""Where pages are: routing an address to its page, and the addresses every page repeats (the footer and header
links, the language switcher, links in rich text), which are cached until the page tree changes."""

from datetime import date

import pytest
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from pages.models import GuideIndexPage, GuidePage, HomePage, StandardPage


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index('id="main-content"'):]


def footer_html(response) -> str:
    html = response.content.decode()
    return html[html.index('class="site-footer'):]


def english_home():
    return HomePage.objects.get(locale=Locale.get_default())


# Routing ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/fr/guides/no-such-guide/", "/fr/guides/sextortion-young-people/more/",
                                 "/en/about/anything/", "/en/no-such-page/deeper/"])  # fmt: skip
def test_an_address_below_no_page_is_a_404(client, content, url):
    assert client.get(url).status_code == 404


def test_a_page_that_is_not_live_is_a_404(client, content):
    guide = GuidePage.objects.get(slug="sextortion-parents", locale__language_code="de")
    guide.unpublish()
    assert client.get("/de/guides/sextortion-parents/").status_code == 404
    assert client.get("/en/guides/sextortion-parents/").status_code == 200


def test_a_page_is_found_in_the_tree_of_the_visitors_language_only(client, content):
    StandardPage.objects.get(slug="about", locale__language_code="de").unpublish()
    assert client.get("/de/about/").status_code == 404
    assert client.get("/fr/about/").status_code == 200


def test_the_help_finder_routes_the_rest_of_the_address_itself(client, content):
    response = client.get("/pl/help/pl/grooming/")
    assert response.status_code == 200
    assert response.context["page"].slug == "help"


# Links in rich text -------------------------------------------------------------------------------------------------


def test_links_in_a_translated_guide_lead_to_pages_in_the_readers_language(client, content):
    response = client.get("/fr/guides/sextortion-young-people/")
    hrefs = main_html(response).split('href="')[1:]
    internal = [href.split('"')[0] for href in hrefs if href.startswith("/") and not href.startswith("/static/")]
    assert internal, "the guide has no links to other pages"
    assert all(href.startswith("/fr/") for href in internal), internal


def test_a_link_leads_to_the_original_page_until_its_translation_is_published(content):
    english = english_home().add_child(instance=StandardPage(title="Only in English", slug="only-in-english"))
    link = f'<a linktype="page" id="{english.pk}">read</a>'
    with translation.override("es"):
        assert expand_db_html(link) == '<a href="/en/only-in-english/">read</a>'
    spanish = english.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.title = "Solo en inglés"
    spanish.save_revision().publish()
    with translation.override("es"):
        assert expand_db_html(link) == '<a href="/es/only-in-english/">read</a>'
    with translation.override("en"):
        assert expand_db_html(link) == '<a href="/en/only-in-english/">read</a>'


def test_a_link_to_a_deleted_page_keeps_its_text_without_an_address(content):
    page = english_home().add_child(instance=StandardPage(title="Soon gone", slug="soon-gone"))
    link = f'<a linktype="page" id="{page.pk}">gone</a>'
    with translation.override("en"):
        assert 'href="/en/soon-gone/"' in expand_db_html(link)
    page.delete()
    with translation.override("en"):
        assert expand_db_html(link) == "<a>gone</a>"


# The addresses every page repeats -----------------------------------------------------------------------------------


def test_a_renamed_page_shows_its_new_name_in_every_footer_at_once(client, content):
    assert "Wer hinter HelpHub steht" not in footer_html(client.get("/de/"))
    about = StandardPage.objects.get(slug="about", locale__language_code="de")
    client.get("/de/guides/")  # the footer is now cached
    about.title = "Wer hinter HelpHub steht"
    about.save_revision().publish()
    for url in ("/de/", "/de/guides/", "/de/guides/grooming-parents/"):
        assert "Wer hinter HelpHub steht" in footer_html(client.get(url)), url


def test_an_unpublished_page_leaves_the_footer_at_once(client, content):
    assert 'href="/it/privacy/"' in footer_html(client.get("/it/"))
    StandardPage.objects.get(slug="privacy", locale__language_code="it").unpublish()
    assert 'href="/it/privacy/"' not in footer_html(client.get("/it/"))
    assert 'href="/en/privacy/"' in footer_html(client.get("/en/"))


def test_a_new_translation_joins_the_language_switcher_at_once(client, content):
    index = GuideIndexPage.objects.get(locale=Locale.get_default())
    guide = index.add_child(instance=GuidePage(title="New guide", slug="new-guide", summary="New.", audience="parents",
                                               situations=["talk"], last_reviewed=date(2026, 11, 23)))  # fmt: skip
    html = client.get("/en/guides/new-guide/").content.decode()
    assert 'hreflang="nl" href="http://testserver/nl/guides/new-guide/"' in html  # no translation: the same path
    dutch = guide.copy_for_translation(Locale.objects.get(language_code="nl"))
    dutch.slug = "nieuwe-gids"
    dutch.save_revision().publish()
    html = client.get("/en/guides/new-guide/").content.decode()
    assert 'hreflang="nl" href="http://testserver/nl/guides/nieuwe-gids/"' in html


def test_without_a_cache_pages_still_show_their_links(client, content, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    footer = footer_html(client.get("/pt/"))
    assert 'href="/pt/about/"' in footer and 'href="/pt/cover-your-tracks/"' in footer
    assert Page.objects.filter(slug="cover-your-tracks", locale__language_code="pt").exists()
