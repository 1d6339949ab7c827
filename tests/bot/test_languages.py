"""Every language the assistant speaks is complete, and comes from one list: the `language` slot's values in
bot/domain/dialogue.yml. The site's chat, the training data, the crisis wording, every response, the test
conversations and the held-out sets follow it; nothing held out leaks into training."""

import re
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

BOT = Path(__file__).resolve().parents[2] / "bot"
sys.path.insert(0, str(BOT))

from components.crisis import normalize  # noqa: E402

DIALOGUE = yaml.safe_load((BOT / "domain" / "dialogue.yml").read_text(encoding="utf-8"))
RESPONSES = yaml.safe_load((BOT / "domain" / "responses.yml").read_text(encoding="utf-8"))["responses"]
SPOKEN = DIALOGUE["slots"]["language"]["values"]
# Only for a visitor writing a language the assistant does not speak: English by design.
ENGLISH_ONLY = re.compile(r"^utter_unspoken_")


def examples(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: dict[str, list[str]] = {}
    for block in data.get("nlu") or []:
        name = block.get("intent") or block.get("lookup") or block.get("regex")
        found.setdefault(name, []).extend(
            line.strip()[2:].strip() for line in (block.get("examples") or "").splitlines() if line.strip().startswith("- "))
    return found


def test_the_site_offers_the_chat_in_exactly_the_languages_the_assistant_speaks():
    assert settings.HELPHUB_CHAT_LANGUAGES == SPOKEN
    assert set(SPOKEN) <= {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("language", SPOKEN)
def test_each_language_has_training_data_for_every_intent_and_crisis_wording(language):
    training = examples(BOT / "data" / "nlu" / f"{language}.yml")
    assert set(training) == set(DIALOGUE["intents"])
    assert all(len(texts) >= 10 for texts in training.values()), {k: len(v) for k, v in training.items()}
    crisis = examples(BOT / "data" / "crisis" / f"{language}.yml")
    assert set(crisis) == {"crisis_danger", "crisis_self_harm"}
    assert all(crisis.values())


@pytest.mark.parametrize("language", SPOKEN)
def test_each_language_has_held_out_messages_for_every_intent_and_at_least_25_crisis_messages(language):
    holdout = examples(BOT / "tests" / "nlu_holdout" / f"{language}.yml")
    assert set(DIALOGUE["intents"]) - {"switch_language"} <= set(holdout)
    assert all(len(texts) >= 6 for texts in holdout.values())
    crisis = examples(BOT / "tests" / "crisis" / f"{language}.yml")
    assert set(crisis) == {"danger", "self_harm"}
    assert sum(len(texts) for texts in crisis.values()) >= 25


@pytest.mark.parametrize("language", SPOKEN)
def test_held_out_messages_never_appear_in_the_training_data(language):
    # The crisis wording (data/crisis/) is a reviewed list of phrases written apart from the held-out crisis messages
    # (tests/crisis/); a short phrase may be both ("voglio morire"), which is the layer working as meant.
    taught = {normalize(text) for path in (BOT / "data" / "nlu").glob("*.yml")
              for texts in examples(path).values() for text in texts}
    for path in (BOT / "tests" / "nlu_holdout" / f"{language}.yml", BOT / "tests" / "crisis" / f"{language}.yml"):
        leaked = [text for texts in examples(path).values() for text in texts if normalize(text) in taught]
        assert leaked == [], path.name


@pytest.mark.parametrize("language", SPOKEN)
def test_each_language_has_the_test_conversations(language):
    stories = yaml.safe_load((BOT / "tests" / "stories" / f"test_{language}.yml").read_text(encoding="utf-8"))
    english = yaml.safe_load((BOT / "tests" / "stories" / "test_en.yml").read_text(encoding="utf-8"))
    # The same conversations as in English, step for step (English has one more: asking for another language).
    steps = [[step.get("action") or step.get("intent") for step in story["steps"]] for story in stories["stories"]]
    english_steps = [[step.get("action") or step.get("intent") for step in story["steps"]] for story in english["stories"]]
    assert steps == english_steps[:len(steps)] and len(steps) >= 15


@pytest.mark.parametrize("response", sorted(RESPONSES))
def test_every_response_speaks_every_language(response):
    variations = RESPONSES[response]
    conditioned = [c["value"] for v in variations for c in v.get("condition") or [] if c.get("name") == "language"]
    default = [v for v in variations if not v.get("condition")]
    assert len(default) == 1  # English, and what a language without its own variation would get
    if ENGLISH_ONLY.match(response):
        assert conditioned == []
    else:
        assert sorted(conditioned) == sorted(code for code in SPOKEN if code != "en")
    buttons = {len(v.get("buttons") or []) for v in variations}
    assert len(buttons) == 1, "every language offers the same buttons"
    placeholders = {frozenset(re.findall(r"\{(\w+)\}", v["text"])) for v in variations}
    assert len(placeholders) == 1, "every language fills in the same facts"
