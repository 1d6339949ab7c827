"""The crisis layer (bot/components/crisis.py): reviewed wording per language that makes a message danger or
self-harm whatever the classifier read. Its matching forgives how people type; it recognises nearly all held-out
crisis messages of every language on its own; and it stays quiet on ordinary messages."""

import sys
from pathlib import Path

import pytest
import yaml

BOT = Path(__file__).resolve().parents[2] / "bot"
sys.path.insert(0, str(BOT))

from components.crisis import CrisisMatcher, load_files, normalize, normalize_pattern  # noqa: E402

SPOKEN = yaml.safe_load((BOT / "domain" / "dialogue.yml").read_text(encoding="utf-8"))["slots"]["language"]["values"]
LAYER = load_files(sorted(str(p) for p in (BOT / "data" / "crisis").glob("*.yml")))


SAFETY = {"danger", "self_harm"}


def messages(path: Path, safety: bool) -> list[str]:
    """The danger and self-harm messages of a held-out file, or (safety=False) all the others."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [line.strip()[2:] for block in data["nlu"] if (block["intent"] in SAFETY) == safety
            for line in block["examples"].splitlines() if line.strip().startswith("- ")]


@pytest.mark.parametrize(("typed", "normal"), [
    ("I can't do thiiis anymore!!", "i cant do this anymore"),
    ("k1ll mys3lf", "kil myself"),
    ("Zabiję się", "zabije sie"),
    ("quero morrer 😢😢", "quero morer"),
    ("J’en peux plus", "jen peux plus"),
    ("Straße", "strase"),
])
def test_messages_are_compared_as_people_type_them(typed, normal):
    assert normalize(typed) == normal


def test_a_reviewers_regex_is_brought_to_the_same_form_without_breaking_its_escapes():
    assert normalize_pattern(r"\bkill\b \bbye") == r"\bkil\b \bbye"
    assert normalize_pattern(r"suicídio") == "suicidio"


def test_phrases_match_whole_words_and_regexes_match_anywhere():
    matcher = CrisisMatcher({"self_harm": ["kill myself"]}, {"danger": [r"\b(he|she) ?s (outside|at) my (door|house)"]})
    assert matcher.match("i want to KILL MYSELF") == ("self_harm", "kil myself")
    assert matcher.match("skill myselfie") is None
    assert matcher.match("omg he's outside my house!!!")[0] == "danger"
    assert matcher.match("he asked for my house address") is None


def test_a_regex_that_does_not_compile_is_refused_with_its_text():
    with pytest.raises(ValueError, match="does not compile"):
        CrisisMatcher({}, {"danger": ["(unclosed"]})


# The wording alone, without the classifier: a floor so that the lists cannot quietly lose ground. With the
# classifier, every held-out crisis message must be caught (scripts/evaluate.py, in make test). In a language the
# assistant does not speak, the wording is all there is: it must recognise every held-out crisis message itself.
WORDING_ALONE_FLOOR = 0.85
WORDED = sorted(p.stem for p in (BOT / "data" / "crisis").glob("*.yml"))
TESTED = sorted(p.stem for p in (BOT / "tests" / "crisis").glob("*.yml"))


def held_out(language: str) -> Path | None:
    """The language's held-out messages of every intent: the assistant's, or its draft's while it is not spoken."""
    for path in (BOT / "tests" / "nlu_holdout" / f"{language}.yml", BOT / "drafts" / language / "holdout.yml"):
        if path.exists():
            return path
    return None


def test_every_language_with_crisis_wording_has_held_out_crisis_messages_to_measure_it():
    assert TESTED == WORDED


@pytest.mark.parametrize("language", TESTED)
def test_the_wording_alone_recognises_the_held_out_crisis_messages(language):
    crisis = messages(BOT / "tests" / "crisis" / f"{language}.yml", safety=True)
    others = held_out(language)
    texts = crisis + (messages(others, safety=True) if others else [])
    missed = [text for text in texts if LAYER.match(text) is None]
    floor = WORDING_ALONE_FLOOR if language in SPOKEN else 1.0
    assert len(missed) <= (1 - floor) * len(texts), missed


@pytest.mark.parametrize("language", [language for language in TESTED if held_out(language)])
def test_the_layer_stays_quiet_on_almost_every_ordinary_message(language):
    ordinary = messages(held_out(language), safety=False)
    alarms = [text for text in ordinary if LAYER.match(text)]
    assert len(alarms) <= 0.05 * len(ordinary), alarms


# "I'm not in danger" in each language, as people type it: the affirmative wording must not fire inside it.
# ("No, I'm safe" is not here: without its comma it reads "I'm not safe", and a false alarm is cheap.)
NOT_IN_DANGER = {
    "en": "i'm not in danger", "de": "ich bin nicht in gefahr", "es": "no estoy en peligro",
    "fr": "je ne suis pas en danger", "it": "non sono in pericolo", "pl": "nie jestem w niebezpieczeństwie",
    "pt": "não estou em perigo", "nl": "ik ben niet in gevaar", "sv": "jag är inte i fara",
    "da": "jeg er ikke i fare", "nb": "jeg er ikke i fare", "fi": "en oo vaarassa", "et": "ma ei ole ohus",
    "lv": "es neesmu briesmās", "lt": "nesu pavojuje", "cs": "nejsem v nebezpečí", "sk": "nie som v nebezpečenstve",
    "sl": "nisem v nevarnosti", "hr": "nisam u opasnosti", "hu": "nem vagyok veszélyben", "ro": "nu sunt în pericol",
    "bg": "не съм в опасност", "el": "δεν κινδυνεύω", "uk": "я не в небезпеці", "ar": "مش بخطر",
    "ru": "я не в опасности", "tr": "tehlikede değilim",
}


@pytest.mark.parametrize(("language", "text"), sorted(NOT_IN_DANGER.items()))
def test_a_plain_not_in_danger_does_not_raise_the_alarm(language, text):
    assert LAYER.match(text) is None
