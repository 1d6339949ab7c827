"""Country codes and names from the Unicode CLDR (through Babel), so no list of countries is typed by hand."""

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
