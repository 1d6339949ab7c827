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
# classifier, every held-out crisis message must be caught (scripts/evaluate.py, in make test).
WORDING_ALONE_FLOOR = 0.85


@pytest.mark.parametrize("language", SPOKEN)
def test_the_wording_alone_recognises_nearly_every_held_out_crisis_message(language):
    crisis = messages(BOT / "tests" / "crisis" / f"{language}.yml", safety=True)
    held_out = messages(BOT / "tests" / "nlu_holdout" / f"{language}.yml", safety=True)
    missed = [text for text in crisis + held_out if LAYER.match(text) is None]
    assert len(missed) <= (1 - WORDING_ALONE_FLOOR) * len(crisis + held_out), missed


@pytest.mark.parametrize("language", SPOKEN)
def test_the_layer_stays_quiet_on_almost_every_ordinary_message(language):
    ordinary = messages(BOT / "tests" / "nlu_holdout" / f"{language}.yml", safety=False)
    alarms = [text for text in ordinary if LAYER.match(text)]
    assert len(alarms) <= 0.05 * len(ordinary), alarms
