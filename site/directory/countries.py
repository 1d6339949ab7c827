"""Country codes and names from the Unicode CLDR (through Babel), so no list of countries is typed by hand."""

import difflib
import unicodedata
from functools import cache

from babel import Locale as BabelLocale


@cache
def _codes() -> frozenset[str]:
    return frozenset(code for code in BabelLocale.parse("en").territories if len(code) == 2 and code.isalpha())


def is_country_code(code: str) -> bool:
    return code in _codes() and code not in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}


@cache
def country_name(code: str, language: str) -> str:
    """The country's name in `language`, from the CLDR."""
    try:
        return BabelLocale.parse(language).territories.get(code, code)
    except (ValueError, LookupError):
        return BabelLocale.parse("en").territories.get(code, code)


def all_countries(language: str) -> list[tuple[str, str]]:
    """Every ISO country as (code, name), sorted by name in `language`."""
    return sorted(((code, country_name(code, language)) for code in _codes() if is_country_code(code)), key=lambda c: collation_key(c[1]))


def collation_key(text: str) -> str:
    """Sort key that puts accented letters with their base letter (Österreich with O), as readers expect."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Names people write that the CLDR does not list as a country's name. Only informal names and abbreviations: every
# official name in every language comes from the CLDR.
ALIASES = {
    "GB": ["uk", "u k", "britain", "great britain", "gran bretana", "grande bretagne", "grossbritannien", "england",
           "inglaterra", "angleterre", "scotland", "escocia", "ecosse", "schottland", "wales", "gales",
           "pays de galles", "northern ireland", "irlanda del norte", "irlande du nord", "nordirland"],
    "US": ["usa", "u s a", "us", "america", "eeuu", "ee uu", "eua", "etats unis", "amerika", "united states of america"],
    "NL": ["holland", "holanda", "hollande"],
    "CZ": ["czech republic", "republica checa", "republique tcheque", "tschechische republik"],
    "AE": ["uae", "emirates"],
}
# The languages whose country names are understood, whatever language the visitor reads the site in.
MATCH_LANGUAGES = ("en", "es", "fr", "de", "it", "pl", "pt", "nl", "uk")


def normalize_name(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: 'Österreich!' -> 'osterreich'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("ß", "ss")
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


@cache
def _name_index(languages: tuple[str, ...]) -> dict[str, str]:
    index = {}
    for language in languages:
        for code, name in all_countries(language):
            index.setdefault(normalize_name(name), code)
    for code, names in ALIASES.items():
        for name in names:
            index.setdefault(normalize_name(name), code)
    return index


def match_country(text: str, languages: tuple[str, ...] = MATCH_LANGUAGES) -> str | None:
    """The ISO code of the country `text` names, in any of `languages`, or None.

    Understands a bare name ("alemania"), a name inside a sentence ("i live in the uk"), missing accents and small
    misspellings ("portugual"). The longest name found wins, so "Papua New Guinea" is not read as "Guinea".
    """
    query = normalize_name(text)
    if not query:
        return None
    index = _name_index(tuple(dict.fromkeys(languages)))
    if query in index:
        return index[query]
    padded = f" {query} "
    found = [name for name in index if f" {name} " in padded]
    if found:
        return index[max(found, key=len)]
    words = query.split()
    candidates = {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    best = None
    for candidate in sorted(candidates, key=len, reverse=True):
        if len(candidate) < 5:
            continue
        close = difflib.get_close_matches(candidate, index.keys(), n=1, cutoff=0.85)
        if close and (best is None or difflib.SequenceMatcher(None, candidate, close[0]).ratio() > best[0]):
            best = (difflib.SequenceMatcher(None, candidate, close[0]).ratio(), close[0])
    return index[best[1]] if best else None
