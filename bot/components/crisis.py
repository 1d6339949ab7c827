"""The crisis layer: danger and self-harm are never left to the classifier alone.

A reviewed list of phrases and patterns per language (`data/crisis/<lang>.yml`, Rasa lookup tables and regexes
named `crisis_danger` and `crisis_self_harm`) is matched against every message, in every step of the conversation,
whatever the page's language. When one matches and the classifier read something else, the message's intent
becomes `danger` or `self_harm` with full confidence, so the rules bring the emergency number and a helpline
first. The same happens when the classifier gives danger and self-harm together a real share (`safety_share`) even
though another intent came first. A false alarm is cheap (the assistant says "if I got that wrong, tell me"); a
miss is not.

Messages and phrases are compared in a normal form that forgives how people type on a phone: lower case, no
accents ("suicidio" = "suicídio", "zabic" = "zabić"), digits read as letters ("k1ll" = "kill"), no apostrophes
("cant" = "can't"), punctuation and emoji as spaces, and repeated letters as one ("pleeease" = "please",
"kill" = "kil"). A phrase matches whole words; a regex is searched in the normal form of the message.
"""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

PREFIX = "crisis_"
# Rasa warns that lookup tables and regexes in the NLU data are unused when no RegexFeaturizer, DIET or CRF is in the
# pipeline. This layer uses them (those named crisis_*), so the warnings are wrong here; nothing else is silenced.
warnings.filterwarnings("ignore", message="You have defined training data (with regexes|consisting of lookup tables)")

SAFETY_INTENTS = ("self_harm", "danger")  # in this order when both match: either brings the emergency number first

_SPECIAL = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i", "ĳ": "ij"})
_DIGITS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NOT_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"(\w)\1+")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, without accents and with letters NFKD leaves alone spelt plainly ("zabić", "zabic" -> "zabic";
    "włosku" -> "wlosku"): people type both, on a phone often without."""
    return _strip_accents(text.lower().translate(_SPECIAL))


def normalize(text: str) -> str:
    """The normal form in which messages and phrases are compared."""
    text = fold(text.translate(_DIGITS))
    text = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text))
    return " ".join(_REPEATS.sub(r"\1", text).split())


def normalize_pattern(pattern: str) -> str:
    """A regex as written by a reviewer, in the same normal form: accents removed and repeated letters collapsed
    outside escapes (so `\\bkill` becomes `\\bkil`, and `\\bb` stays a word boundary and a b)."""
    pattern = _strip_accents(pattern.translate(_SPECIAL))
    out, previous, escaped = [], "", False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped, previous = False, ""
        elif char == "\\":
            out.append(char)
            escaped, previous = True, ""
        elif char.isalpha() and char == previous:
            continue
        else:
            out.append(char)
            previous = char if char.isalpha() else ""
    return "".join(out)


@dataclass
class CrisisMatcher:
    """Phrases and regexes per safety intent, compiled once."""

    phrases: dict[str, list[str]] = field(default_factory=dict)
    patterns: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._compiled: dict[str, list[re.Pattern]] = {}
        for intent in SAFETY_INTENTS:
            compiled = []
            words = sorted({normalize(p) for p in self.phrases.get(intent, []) if normalize(p)}, key=len, reverse=True)
            if words:
                compiled.append(re.compile(r"(?:^| )(?:" + "|".join(map(re.escape, words)) + r")(?= |$)"))
            for pattern in self.patterns.get(intent, []):
                try:
                    compiled.append(re.compile(normalize_pattern(pattern)))
                except re.error as error:
                    raise ValueError(f"crisis regex for {intent} does not compile: {pattern!r}: {error}") from None
            self._compiled[intent] = compiled

    @classmethod
    def from_training_data(cls, lookup_tables: Iterable[dict], regex_features: Iterable[dict]) -> CrisisMatcher:
        phrases: dict[str, list[str]] = {}
        patterns: dict[str, list[str]] = {}
        for table in lookup_tables:
            intent = _intent(table.get("name", ""))
            if intent:
                phrases.setdefault(intent, []).extend(table.get("elements") or [])
        for regex in regex_features:
            intent = _intent(regex.get("name", ""))
            if intent:
                patterns.setdefault(intent, []).append(regex["pattern"])
        return cls(phrases, patterns)

    def to_json(self) -> str:
        return json.dumps({"phrases": self.phrases, "patterns": self.patterns}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CrisisMatcher:
        data = json.loads(text)
        return cls(data.get("phrases") or {}, data.get("patterns") or {})

    def match(self, text: str) -> tuple[str, str] | None:
        """The safety intent a message's wording shows, and the words that showed it; None if none does."""
        if not text:
            return None
        normal = normalize(text)
        for intent in SAFETY_INTENTS:
            for compiled in self._compiled.get(intent, []):
                found = compiled.search(normal)
                if found:
                    return intent, found.group(0).strip()
        return None

    def __len__(self) -> int:
        return sum(len(v) for v in self.phrases.values()) + sum(len(v) for v in self.patterns.values())


def _intent(name: str) -> str | None:
    if name.startswith(PREFIX) and name[len(PREFIX):] in SAFETY_INTENTS:
        return name[len(PREFIX):]
    return None


def load_files(paths: Iterable[str]) -> CrisisMatcher:
    """The matcher from crisis files in Rasa's NLU format, without Rasa (for the checks in scripts/)."""
    import yaml

    tables, regexes = [], []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        for item in data.get("nlu") or []:
            examples = [line[2:].strip() for line in (item.get("examples") or "").splitlines()
                        if line.strip().startswith("- ")]
            if "lookup" in item:
                tables.append({"name": item["lookup"], "elements": examples})
            elif "regex" in item:
                regexes.extend({"name": item["regex"], "pattern": example} for example in examples)
    return CrisisMatcher.from_training_data(tables, regexes)


try:  # the Rasa component; the matcher above works without Rasa
    from rasa.engine.graph import ExecutionContext, GraphComponent
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe
    from rasa.engine.storage.resource import Resource
    from rasa.engine.storage.storage import ModelStorage
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData
except ImportError:  # pragma: no cover - outside the assistant's environment
    DefaultV1Recipe = None

if DefaultV1Recipe is not None:

    @DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
    class CrisisDetector(GraphComponent):
        """Put last in the pipeline: after the classifier and the FallbackClassifier, so that a crisis message the
        classifier misread, or did not understand at all, still becomes danger or self-harm."""

        FILE = "crisis.json"

        @staticmethod
        def get_default_config() -> dict[str, Any]:
            # When the classifier gives danger and self-harm together at least this share, the message is treated as
            # one of them even if another intent came first: a false alarm is cheap, a miss is not.
            return {"safety_share": 0.25}

        def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                     matcher: CrisisMatcher | None = None):
            self._model_storage, self._resource = model_storage, resource
            self.safety_share = float(config.get("safety_share", 0.25))
            self.matcher = matcher or CrisisMatcher()

        @classmethod
        def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                   execution_context: ExecutionContext) -> CrisisDetector:
            return cls(config, model_storage, resource)

        def train(self, training_data: TrainingData) -> Resource:
            self.matcher = CrisisMatcher.from_training_data(training_data.lookup_tables, training_data.regex_features)
            if not len(self.matcher):
                raise ValueError("The crisis layer has no phrases: data/crisis/<lang>.yml must list crisis_danger and "
                                 "crisis_self_harm lookup tables and regexes.")
            with self._model_storage.write_to(self._resource) as directory:
                (directory / self.FILE).write_text(self.matcher.to_json(), encoding="utf-8")
            return self._resource

        @classmethod
        def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, **kwargs: Any) -> CrisisDetector:
            with model_storage.read_from(resource) as directory:
                matcher = CrisisMatcher.from_json((directory / cls.FILE).read_text("utf-8"))
            return cls(config, model_storage, resource, matcher)

        def process(self, messages: list[Message]) -> list[Message]:
            for message in messages:
                current = (message.get("intent") or {}).get("name")
                if (message.get("text") or "").startswith("/") or current in SAFETY_INTENTS:
                    continue  # a button's payload, or the classifier already brings the safety answer
                ranking = message.get("intent_ranking") or []
                found = self.matcher.match(message.get("text") or "")
                if found is not None:
                    intent, words = found
                    message.set("crisis", {"intent": intent, "words": words}, add_to_output=True)
                else:
                    safety = {r["name"]: r.get("confidence") or 0.0 for r in ranking if r.get("name") in SAFETY_INTENTS}
                    if not safety or sum(safety.values()) < self.safety_share:
                        continue
                    intent = max(safety, key=safety.get)
                    message.set("crisis", {"intent": intent, "share": round(sum(safety.values()), 3)},
                                add_to_output=True)
                others = [r for r in ranking if r.get("name") != intent]
                message.set("intent", {"name": intent, "confidence": 1.0}, add_to_output=True)
                message.set("intent_ranking", [{"name": intent, "confidence": 1.0}, *others], add_to_output=True)
            return messages

        def process_training_data(self, training_data: TrainingData) -> TrainingData:
            return training_data
