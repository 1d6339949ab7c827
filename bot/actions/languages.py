"""The language a message is written in, so a visitor is answered in the language they write, not only the page's.

Lingua (lingua-language-detector) carries its language models inside its package: nothing is downloaded at run
time and nothing leaves the machine. Its low-accuracy mode (trigrams) is used: about 80 MB for the languages below,
under a millisecond a message, and reliable on sentences; on a word or two it is not, so short messages never
switch the language.
"""

import re
from functools import lru_cache

# Languages told apart besides those the assistant speaks: those of the countries HelpHub covers, and others often
# spoken by families there. A message in one of them is answered in English, with a line in the visitor's language
# where the directory knows one.
OTHER_LANGUAGES = ("sv", "da", "nb", "fi", "et", "lv", "lt", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el", "uk",
                   "ar", "ru", "tr")
# The detector's codes that the directory writes differently (a country's default_language).
DIRECTORY_CODE = {"nb": "no"}
# A message is long enough to tell its language when it has this many letters and at least three words...
MIN_LETTERS = 15
MIN_WORDS = 3
# ...and the detector is at least this sure (measured on the held-out messages: docs/assistant.md).
MIN_CONFIDENCE = 0.75
MIN_CONFIDENCE_NOT_SPOKEN = 0.95
# ...and gives the conversation's language at most this chance.
MAX_CURRENT = 0.02
# How people name the languages the assistant speaks, in any of them: the start of the word, lower case, without
# accents ("en ingles", "auf englisch", "po angielsku", "in het engels" all ask for English).
NAMES = {
    "en": ("english", "engl", "ingl", "angl", "angiel", "engels"),
    "es": ("spani", "espan", "espag", "spagn", "hiszpan", "spaans"),
    "fr": ("french", "fran"),
    "de": ("german", "deutsch", "alema", "allemand", "tedesc", "niemieck", "duits"),
    "it": ("ital", "wlosk", "włosk"),
    "pl": ("polish", "polsk", "polnisch", "polon", "polac", "pools"),
    "pt": ("portug", "portogh"),
    "nl": ("dutch", "nederl", "neerland", "niederl", "holand", "holland", "holend", "oland"),
}
_NAMED = re.compile(r"\b(" + "|".join(sorted({n for names in NAMES.values() for n in names}, key=len, reverse=True))
                    + r")", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    wanted = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*wanted).with_low_accuracy_mode().with_preloaded_language_models().build()


def confidences(text: str, spoken) -> dict[str, float]:
    """How likely `text` is in each language the detector knows; empty when it is too short to tell."""
    if not isinstance(text, str) or text.startswith("/"):
        return {}  # a button's payload
    if len(_LETTER.findall(text)) < MIN_LETTERS or len(text.split()) < MIN_WORDS:
        return {}
    languages = tuple(sorted(set(spoken) | set(OTHER_LANGUAGES)))
    return {c.language.iso_code_639_1.name.lower(): c.value
            for c in _detector(languages).compute_language_confidence_values(text)}


def written_in(text: str, current: str, spoken) -> str:
    """The language of `text` when it is clearly not `current` (the language of the conversation so far), else
    `current`. The conversation's language is the prior: one message switches it only when the detector is sure
    and gives the current language almost no chance, so a visitor writing the page's language is never switched
    by a misreading (measured: docs/assistant.md). A language the assistant does not speak needs more certainty.
    """
    ranked = confidences(text, spoken)
    if not ranked:
        return current
    best = max(ranked, key=ranked.get)
    if best == current or ranked.get(current, 0.0) > MAX_CURRENT:
        return current
    needed = MIN_CONFIDENCE if best in spoken else MIN_CONFIDENCE_NOT_SPOKEN
    return best if ranked[best] >= needed else current


def named_language(text: str, spoken) -> str | None:
    """The first language the assistant speaks that `text` names ("can you answer in english", "po niemiecku")."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    for found in _NAMED.finditer(plain):
        code = next((code for code, names in NAMES.items() if found.group(1) in names), None)
        if code in spoken:
            return code
    return None
