"""Fails when the assistant understands held-out messages (bot/tests/nlu_holdout/, never used in training) less
well than we accept. Reads the intent reports `rasa test nlu` wrote, one per language.

Thresholds, per language:
- accuracy over all intents at least 0.80;
- safety recall at least 0.83: of the held-out messages about immediate danger or self-harm, the share read as
  either of the two safety intents (both bring the emergency number and a helpline first, so confusing one with
  the other is not a miss). At most two of the twelve per language may be missed: a missed one is a visitor in
  crisis who does not get the emergency number straight away (the opening message and the page's danger banner
  still show it, and the next message can bring it).

Usage: python nlu_threshold.py var/bot-results/nlu-en/intent_report.json [...]
"""

import json
import sys
from pathlib import Path

MIN_ACCURACY = 0.80
MIN_SAFETY_RECALL = 0.83
SAFETY_INTENTS = {"danger", "self_harm"}


def check(report_path: Path) -> list[str]:
    report = json.loads(report_path.read_text())
    name = report_path.parent.name
    problems = []
    accuracy = report["accuracy"]
    line = [f"{name}: accuracy {accuracy:.3f}"]
    if accuracy < MIN_ACCURACY:
        problems.append(f"{name}: accuracy {accuracy:.3f} is below {MIN_ACCURACY}")
    support = sum(report.get(intent, {}).get("support", 0) for intent in SAFETY_INTENTS)
    errors = json.loads((report_path.parent / "intent_errors.json").read_text())
    missed = [e["text"] for e in errors
              if e["intent"] in SAFETY_INTENTS and e["intent_prediction"]["name"] not in SAFETY_INTENTS]
    recall = (support - len(missed)) / support if support else 0.0
    line.append(f"safety recall {recall:.3f} ({support - len(missed)}/{support})")
    if recall < MIN_SAFETY_RECALL:
        problems.append(f"{name}: safety recall {recall:.3f} is below {MIN_SAFETY_RECALL}; missed: {missed}")
    print(", ".join(line))
    return problems


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    problems = [problem for path in paths for problem in check(Path(path))]
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
