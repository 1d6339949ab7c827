"""Wording from the domain's responses, for messages an action puts together from several pieces.

The domain (domain/responses.yml) holds every sentence in every language as conditional response variations on
the `language` slot. Whole messages are sent with `dispatcher.utter_message(response=...)`, which Rasa renders;
this module renders the small pieces (labels such as "Call {phone}") in the same way for the action's own text.
"""

from typing import Any


def _matches(variation: dict, slots: dict[str, Any]) -> bool:
    return all(
        condition.get("type") == "slot" and slots.get(condition.get("name")) == condition.get("value")
        for condition in variation.get("condition") or []
    )


def variation(domain: dict, slots: dict[str, Any], response: str) -> dict:
    """The variation of `response` for these slot values: the first conditional variation that matches, else the
    variation without conditions."""
    variations = domain.get("responses", {}).get(response) or []
    chosen = next((v for v in variations if v.get("condition") and _matches(v, slots)), None)
    if chosen is None:
        chosen = next((v for v in variations if not v.get("condition")), None)
    if chosen is None:
        raise KeyError(f"The domain has no response {response!r}")
    return chosen


def render(domain: dict, slots: dict[str, Any], response: str, /, **values: Any) -> str:
    """The text of `response` for these slot values. `{placeholders}` are filled from `values`."""
    text = variation(domain, slots, response).get("text", "")
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text
