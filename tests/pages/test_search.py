"""Search in the visitor's language: whole words on every database, and on PostgreSQL the other forms of a word in
the languages it can stem, each page indexed and searched with its own language's dictionary (docs/search.md)."""

import os

import pytest
from django.conf import settings
from django.db import connection

from pages.search_backend import POSTGRES_CONFIGS, UNSTEMMED, postgres_config

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")


def found(client, language: str, query: str) -> str:
    return client.get(f"/{language}/search/", {"q": query}).content.decode()


@pytest.mark.parametrize(("language", "word", "guide"), [
    ("sv", "utpressning", "sextortion-parents"),
    ("fi", "kiristys", "sextortion-parents"),
    ("de", "Erpressung", "sextortion-parents"),
    ("el", "εκβιασμός", "sextortion-parents"),
    ("ar", "الابتزاز", "sextortion-parents"),  # "the blackmail": Arabic writes the article as part of the word
])
def test_search_finds_a_guide_by_a_word_it_holds_in_the_visitors_language(client, content, language, word, guide):
    html = found(client, language, word)
    assert f"/{language}/guides/{guide}/" in html
    assert "/en/guides/" not in html


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite's full-text search stems no language (docs/search.md)")
@pytest.mark.parametrize(("language", "typed"), [
    ("sv", "utpressningen"),  # the blackmail; the guide says "utpressning"
    ("fi", "kiristyksen"),  # of blackmail; the guide says "kiristys"
    ("de", "Erpressungen"),
    ("el", "εκβιασμό"),  # the accusative; the guide's title says "εκβιασμός"
    ("ar", "ابتزاز"),  # without the article the guide writes
])
def test_on_postgresql_search_finds_a_guide_by_another_form_of_its_word(client, content, language, typed):
    assert f"/{language}/guides/sextortion-parents/" in found(client, language, typed)


@pytest.mark.skipif(ON_POSTGRESQL, reason="PostgreSQL stems Swedish")
def test_on_sqlite_search_matches_whole_words_whatever_their_accents(client, content):
    assert "/sv/guides/sextortion-parents/" not in found(client, "sv", "utpressningen")
    assert "/pl/guides/sextortion-parents/" in found(client, "pl", "szantaz")  # szantaż typed without its accent


def test_every_language_is_stemmed_by_its_own_dictionary_or_matched_as_whole_words():
    for code, _name in settings.LANGUAGES:
        assert postgres_config(code) == POSTGRES_CONFIGS.get(code, UNSTEMMED)
    assert postgres_config("nb") == "norwegian" and postgres_config("pl") == UNSTEMMED


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL only")
def test_every_dictionary_named_is_one_postgresql_has(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {row[0] for row in cursor.fetchall()}
    assert set(POSTGRES_CONFIGS.values()) | {UNSTEMMED} <= available


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL only")
@pytest.mark.parametrize(("language", "typed"), [("sv", "utpressning"), ("sv", "utpressningen"), ("it", "estorsioni")])
def test_a_search_that_names_no_language_finds_pages_indexed_with_their_own(content, language, typed):
    # Wagtail's admin searches pages this way: each page was indexed with its language's dictionary
    from wagtail.models import Locale

    from pages.models import GuidePage

    pages = GuidePage.objects.live().filter(locale=Locale.objects.get(language_code=language)).search(typed)
    assert "sextortion-parents" in [page.slug for page in pages]
