"""Every entry of the shared reference list is accounted for: in the directory, or excluded with a reason.

The directory was built from a sourced reference list (`content/reference/channels.yaml`). A channel names the
entries it was built from (`reference:`), a channel file lists the entries it leaves out with the reason
(`excluded:`), and a reference entry for the country's general emergency number is the `Country` record itself.
Anything else would be a real line dropped in silence.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class ReferenceEntry:
    country: str
    name: str
    kind: str
    phone: str

    def __str__(self):
        return f"{self.country} {self.kind} {self.name!r}" + (f" ({self.phone})" if self.phone else "")


def read_reference(path: Path) -> list[ReferenceEntry]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        ReferenceEntry(
            str(item["country"]), str(item["name"]), str(item.get("kind") or ""), str(item.get("phone") or "")
        )
        for item in data
    ]


def _digits(number) -> str:
    return re.sub(r"\D", "", str(number or ""))


def account(plan: dict, reference: list[ReferenceEntry]) -> dict:
    """Match each reference entry to what the content does with it.

    Returns {"included": {entry: channel key or "emergency number"}, "excluded": {entry: Exclusion},
    "unaccounted": [entries], "unknown": [(path, line, name)] for names in the content that the list does not have}.
    """
    by_name: dict[tuple[str, str], ReferenceEntry] = {}
    for entry in reference:
        by_name.setdefault((entry.country, entry.name), entry)
    names = {}
    for entry in reference:
        names.setdefault(entry.name, []).append(entry)

    def find(scope: str, name: str):
        if (scope, name) in by_name:
            return by_name[(scope, name)]
        if scope == "international" and len(names.get(name, [])) == 1:  # listed under one country in the reference
            return names[name][0]
        return None

    result = {"included": {}, "excluded": {}, "unaccounted": [], "unknown": []}
    for channel in plan["channels"]:
        scope = channel.values["country_code"] or "international"
        for name in channel.references:
            found = find(scope, name)
            if found is None:
                result["unknown"].append((channel.path, channel.line, name))
            else:
                result["included"][found] = channel.key
    for exclusion in plan.get("exclusions", []):
        found = find(exclusion.country, exclusion.reference)
        if found is None:
            result["unknown"].append((exclusion.path, exclusion.line, exclusion.reference))
        else:
            result["excluded"][found] = exclusion
    emergency = {country.key: _digits(country.values["emergency_number"]) for country in plan["countries"]}
    for entry in reference:
        if entry in result["included"] or entry in result["excluded"]:
            continue
        if entry.kind == "emergency" and _digits(entry.phone) == emergency.get(entry.country):
            result["included"][entry] = "emergency number"
        else:
            result["unaccounted"].append(entry)
    return result
