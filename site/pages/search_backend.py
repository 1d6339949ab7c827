"""Wagtail's database search, with each language's words reduced to their stems where the database can do it.

On PostgreSQL, a page is indexed with the text search configuration of its own language ("swedish" finds
"övergrepp" when "övergreppen" was typed) and searched with the same one. PostgreSQL 15 ships Snowball stemmers for
16 of HelpHub's 25 languages; the other nine (Bulgarian, Croatian, Czech, Estonian, Latvian, Polish, Slovak,
Slovenian, Ukrainian) use "simple": whole words, lower case, no stemming. On SQLite (the embedded default), FTS5's
tokenizer stems no language: it matches whole words, lower case and without accents. `docs/search.md` says what
that means for a visitor.

Configured as the default backend (`WAGTAILSEARCH_BACKENDS`); on another database it is Wagtail's own.
"""

from __future__ import annotations

import copy
import functools
import operator
from collections import defaultdict

from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (  # importable without psycopg, on any database
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

# PostgreSQL's text search configuration for each language it can stem (`SELECT cfgname FROM pg_ts_config`).
POSTGRES_CONFIGS = {
    "ar": "arabic", "da": "danish", "de": "german", "el": "greek", "en": "english", "es": "spanish",
    "fi": "finnish", "fr": "french", "hu": "hungarian", "it": "italian", "lt": "lithuanian", "nb": "norwegian",
    "nl": "dutch", "pt": "portuguese", "ro": "romanian", "sv": "swedish",
}
UNSTEMMED = "simple"
CONFIGS = sorted(set(POSTGRES_CONFIGS.values()) | {UNSTEMMED})
ANY_LANGUAGE = None  # the default backend's: a page of any language (AnyLanguageQueryCompiler)


def postgres_config(language: str | None) -> str:
    return POSTGRES_CONFIGS.get((language or "").split("-")[0].lower(), UNSTEMMED)


class LanguageIndex(PostgresIndex):
    """Indexes each object with its own language's configuration."""

    def add_items(self, model, objs):
        by_config = defaultdict(list)
        for obj in objs:
            locale = getattr(obj, "locale", None)
            by_config[postgres_config(getattr(locale, "language_code", None))].append(obj)
        for config, group in by_config.items():
            index = copy.copy(self)
            index.backend = self.backend.for_language_config(config)
            PostgresIndex.add_items(index, model, group)


class AnyLanguageQueryCompiler(PostgresSearchQueryCompiler):
    """A search that names no language (an editor's, in Wagtail's admin) looks for the words as every language's
    configuration reduces them, since each page was indexed with its own."""

    def build_tsquery(self, query, config=None):
        if config is not ANY_LANGUAGE:
            return super().build_tsquery(query, config=config)
        queries = [self.build_tsquery_content(query, config=each) for each in CONFIGS]
        return functools.reduce(operator.or_, queries) if None not in queries else None


class LanguageSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = AnyLanguageQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or ANY_LANGUAGE

    def for_language_config(self, config: str):
        backend = copy.copy(self)
        backend.config = config
        return backend


def SearchBackend(params):  # Wagtail imports a backend module's `SearchBackend`
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)
    return LanguageSearchBackend(params)


def search_backend(language: str):
    """The default search backend, set to search in `language` (its stemmer, on PostgreSQL)."""
    backend = get_search_backend()
    if hasattr(backend, "for_language_config"):
        return backend.for_language_config(postgres_config(language))
    return backend
