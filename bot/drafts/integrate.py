"""Move drafted languages into the assistant: their training data, held-out sets, test stories and responses, the
`language` slot and the site's `HELPHUB_CHAT_LANGUAGES`.

Usage, from the repository:  python bot/drafts/integrate.py sv,da

The rest of a language's list in bot/drafts/README.md (crisis wording, NAMES, MATCH_LANGUAGES, measuring with
`make bot-test`) is not done here.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"
RESPONSES = BOT / "domain" / "responses.yml"
DIALOGUE = BOT / "domain" / "dialogue.yml"
SETTINGS = ROOT / "site" / "helphub" / "settings" / "base.py"


def copy_data(language: str) -> None:
    draft = BOT / "drafts" / language
    shutil.copy(draft / "nlu.yml", BOT / "data" / "nlu" / f"{language}.yml")
    shutil.copy(draft / "holdout.yml", BOT / "tests" / "nlu_holdout" / f"{language}.yml")
    shutil.copy(draft / "test_stories.yml", BOT / "tests" / "stories" / f"test_{language}.yml")


def variation(language: str, response: dict) -> list[str]:
    lines = [f"    - condition: [{{type: slot, name: language, value: {language}}}]",
             f"      text: {json.dumps(response['text'], ensure_ascii=False)}"]
    if response.get("buttons"):
        lines.append("      buttons:")
        lines += [f"        - {{title: {json.dumps(b['title'], ensure_ascii=False)}, payload: {json.dumps(b['payload'])}}}"
                  for b in response["buttons"]]
    return lines


def add_responses(language: str, lines: list[str]) -> list[str]:
    """Each response with language variations gets the draft's, just before its unconditioned (English) one."""
    drafted = yaml.safe_load((BOT / "drafts" / language / "responses.yml").read_text(encoding="utf-8"))
    out: list[str] = []
    current, conditioned = None, False
    for line in lines:
        heading = re.match(r"^  (utter_\w+):\s*$", line)
        if heading:
            current, conditioned = heading.group(1), False
        conditioned = conditioned or line.startswith("    - condition:")
        if current and conditioned and line.startswith("    - text:"):
            if current not in drafted:
                sys.exit(f"{language}: the draft has no {current}")
            out += variation(language, drafted[current])
            current = None
        out.append(line)
    return out


def add_to_list(path: Path, pattern: str, languages: list[str], quote: str) -> None:
    text = path.read_text(encoding="utf-8")
    found = re.search(pattern, text)
    values = [v.strip().strip('"') for v in found.group(1).split(",")]
    joined = ", ".join(f"{quote}{v}{quote}" for v in dict.fromkeys(values + languages))
    path.write_text(text[:found.start(1)] + joined + text[found.end(1):], encoding="utf-8")


def main(languages: list[str]) -> None:
    lines = RESPONSES.read_text(encoding="utf-8").split("\n")
    for language in languages:
        copy_data(language)
        lines = add_responses(language, lines)
    RESPONSES.write_text("\n".join(lines), encoding="utf-8")
    add_to_list(DIALOGUE, r"  language:\n    type: categorical\n    values: \[([^\]]*)\]", languages, "")
    add_to_list(SETTINGS, r"HELPHUB_CHAT_LANGUAGES = \[([^\]]*)\]", languages, '"')


if __name__ == "__main__":
    main(sys.argv[1].split(","))
