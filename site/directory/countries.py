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
    names = ((code, country_name(code, language)) for code in _codes() if is_country_code(code))
    return sorted(names, key=lambda c: normalize_name(c[1]))


# Names people write that the CLDR does not list as a country's name: informal names, abbreviations, the parts of the
# United Kingdom, and the inflected forms of names in languages that decline them (Polish "w Polsce", "z Polski";
# Ukrainian "в Польщі"), which visitors write when asked where they are. Every official name in its dictionary form
# comes from the CLDR. Inflected forms are stored without their preposition ("polsce", not "w polsce"), since
# `match_country` finds a name inside a sentence; no form here may be an ordinary word ("na", "w", "z") or another
# country's name (tests/directory/test_country_names.py checks that every form here still names its own country).
ALIASES = {
    "AT": ["austrii", "austrię",
           "австрії"],
    "AU": ["australii",
           "австралії"],
    "BE": ["belgii",
           "бельгії"],
    "BG": ["bułgarii",
           "болгарії"],
    "CA": ["kanady", "kanadzie", "kanadę",
           "канади", "канаді"],
    "CH": ["szwajcarii", "szwajcarię",
           "швейцарії"],
    "CY": ["cypru", "cyprze",
           "кіпру", "кіпрі"],
    "CZ": ["czech republic", "republica checa", "república tcheca", "repubblica ceca", "republique tcheque",
           "tschechische republik", "tsjechische republiek",
           "czech", "czechach", "republika czeska", "republice czeskiej", "republiki czeskiej",
           "чехії"],
    "DE": ["niemiec", "niemczech",
           "німеччини", "німеччині"],
    "DK": ["danii",
           "данії"],
    "EE": ["estonii",
           "естонії"],
    "ES": ["hiszpanii", "hiszpanię",
           "іспанії"],
    "FI": ["finlandii", "finlandię",
           "фінляндії"],
    "FR": ["francji", "francję",
           "франції"],
    "GB": ["uk", "u k", "britain", "great britain", "gran bretana", "grande bretagne", "grossbritannien",
           "groot brittannie",
           "england", "inglaterra", "angleterre", "inghilterra", "engeland", "anglia", "anglii", "anglię",
           "scotland", "escocia", "ecosse", "schottland", "scozia", "schotland", "szkocja", "szkocji", "szkocję",
           "wales", "gales", "pays de galles", "galles", "walia", "walii", "walię",
           "northern ireland", "irlanda del norte", "irlande du nord", "nordirland", "irlanda del nord",
           "irlanda do norte", "noord ierland", "irlandia północna", "irlandii północnej",
           "wielkiej brytanii", "wielką brytanię", "brytania", "brytanii",
           "zjednoczone królestwo", "zjednoczonym królestwie", "zjednoczonego królestwa",
           "великій британії", "великої британії", "британії", "англії"],
    "GR": ["grecji", "grecję",
           "греції"],
    "HR": ["chorwacji", "chorwację",
           "хорватії"],
    "HU": ["węgier", "węgrzech",
           "угорщини", "угорщині"],
    "IE": ["irlandii", "irlandię",
           "ірландії"],
    "IT": ["włoch", "włoszech",
           "італії"],
    "LT": ["litwy", "litwie", "litwę",
           "литви", "литві"],
    "LU": ["luksemburga", "luksemburgu",
           "люксембургу", "люксембурзі"],
    "LV": ["łotwy", "łotwie", "łotwę",
           "латвії"],
    "MT": ["malty", "malcie",
           "мальти", "мальті"],
    "NL": ["holland", "holanda", "hollande", "olanda",
           "holandii", "holandię", "niderlandów", "niderlandach",
           "нідерландів", "нідерландах", "голландії"],
    "NO": ["norwegii", "norwegię",
           "норвегії"],
    "PL": ["polski", "polsce", "polskę",
           "польщі"],
    "PT": ["portugalii", "portugalię",
           "португалії"],
    "RO": ["rumunii", "rumunię",
           "румунії"],
    "SE": ["szwecji", "szwecję",
           "швеції"],
    "SI": ["słowenii", "słowenię",
           "словенії"],
    "SK": ["słowacji", "słowację",
           "словаччини", "словаччині"],
    "UA": ["ukrainy", "ukrainie",
           "україни", "україні"],
    "US": ["usa", "u s a", "the us", "in us", "america", "eeuu", "ee uu", "eua", "etats unis", "amerika",
           "united states of america",
           "w stanach", "ze stanów", "do stanów", "stanach zjednoczonych", "stanów zjednoczonych", "ameryka", "ameryce",
           "ameryki", "сша", "америці", "америки", "сполучених штатах", "сполучених штатів"],
    "AE": ["uae", "emirates"],
}
# Names that are also ordinary words, understood only when they are the whole answer: "us" ("can you help us"),
# Polish "stany" ("states": "mam stany lękowe", I have anxiety states). Inside a sentence they need their preposition
# or article, as ALIASES gives them ("the us", "w stanach").
WHOLE_ANSWER_ALIASES = {
    "US": ["us", "stany"],
}
# The languages whose country names are understood, whatever language the visitor reads the site in.
MATCH_LANGUAGES = ("en", "es", "fr", "de", "it", "pl", "pt", "nl", "uk")


# Letters that NFKD does not decompose into a base letter and an accent, written as people type them without the
# accent: "Łotwa" is typed "lotwa", "Færøerne" "faeroerne".
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ß": "ss", "ı": "i"})


def normalize_name(text: str) -> str:
    """A name as it is matched and sorted: lower case, no accents, words separated by single spaces ('Österreich!'
    -> 'osterreich', 'Łotwa' -> 'lotwa'), so what people type without accents still matches and accented letters
    sort with their base letter (Österreich with O, Łotwa with L), as readers expect."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.translate(_PLAIN_LETTERS)
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


@cache
def _whole_answer_index() -> dict[str, str]:
    return {normalize_name(name): code for code, names in WHOLE_ANSWER_ALIASES.items() for name in names}


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
    if query in _whole_answer_index():
        return _whole_answer_index()[query]
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
