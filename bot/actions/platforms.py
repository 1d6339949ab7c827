"""The app a visitor names ("someone posted my nude on insta"), read from the names the site's directory lists for
each app (`/api/v1/platforms/`): the assistant holds no list of its own, so an editor's new alias counts at once.

Messages and aliases are compared folded (lower case, no accents: "télégram" = "telegram"), as whole words:
"insta!" and "on snap." name an app, "instant" and "wasabi" do not, and a name of several words ("tik tok") matches
with any spaces or punctuation between its words. An alias of one letter ("x") is an ordinary letter in most
messages (in Spanish texting "x" is "por"), so it counts only written as a capital on its own ("on X").
"""

import re
import unicodedata
from collections.abc import Iterable

# Letters NFKD leaves alone, spelt plainly (as the crisis layer's `fold` does; the action server cannot import it:
# deploy/ mounts only bot/actions).
_SPECIAL = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i", "ĳ": "ij"})
_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case, without accents ("Télégram" -> "telegram", "Łódź" -> "lodz")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
                   if not unicodedata.combining(c))


def _alias_pattern(alias: str) -> str | None:
    """A regex for one folded alias as a whole word (or words) of a folded message; None for one with no letters."""
    words = [word for word in _SEPARATORS.split(alias) if word]
    if not words:
        return None
    body = r"[\W_]*".join(map(re.escape, words))
    # An alias that ends in punctuation ("r/") is followed by a name ("r/teens"): keep the punctuation, drop the
    # word boundary after it.
    if not alias[-1].isalnum():
        return rf"(?<![^\W_]){body}{re.escape(alias[-1])}"
    return rf"(?<![^\W_]){body}(?![^\W_])"


def _compile(platforms: Iterable[dict]) -> tuple[list[tuple[re.Pattern, str]], list[tuple[re.Pattern, str]]]:
    """(patterns for folded messages, patterns for one-letter aliases in messages as written), with their app's key."""
    folded, capitals = [], []
    for platform in platforms:
        key = platform.get("key")
        if not key:
            continue
        for alias in {*(platform.get("aliases") or []), platform.get("name") or ""}:
            written = fold(alias).strip() if isinstance(alias, str) else ""
            if len(written) == 1 and written.isalnum():
                capitals.append((re.compile(rf"(?<![^\W_]){re.escape(written.upper())}(?![^\W_])"), key))
            elif pattern := _alias_pattern(written):
                folded.append((re.compile(pattern), key))
    return folded, capitals


def named_platform(texts: list[str], platforms: list[dict]) -> str | None:
    """The key of the app the visitor's messages name, or None.

    `texts`: the visitor's messages, the latest first; the latest message that names an app decides, and within a
    message the app named first. `platforms`: the site's list (`key`, `name`, `aliases`)."""
    folded_patterns, capital_patterns = _compile(platforms)
    if not folded_patterns and not capital_patterns:
        return None
    for text in texts:
        if not isinstance(text, str) or not text.strip() or text.startswith("/"):  # a button's payload
            continue
        found: list[tuple[int, int, str]] = []
        plain = fold(text)
        for pattern, key in folded_patterns:
            match = pattern.search(plain)
            if match:
                found.append((match.start(), -len(match.group(0)), key))
        for pattern, key in capital_patterns:
            match = pattern.search(text)
            if match:
                found.append((match.start(), -1, key))
        if found:
            return min(found)[2]
    return None
