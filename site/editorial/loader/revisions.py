"""Revisions of English texts, so each translation can say which English it was translated from.

A revision is the first 8 hex digits of a SHA-256 over the English words a translator works from (a guide's title,
summary and body; a directory record's texts), so fixing a date or a phone number does not make translations stale,
while any change to the words does.
"""

import hashlib
import json
import re

REVISION_PATTERN = re.compile(r"^[0-9a-f]{8}$")
# A translation's `review`: made without a native reviewer (the default) or checked by a native speaker.
REVIEW_MACHINE, REVIEW_NATIVE = "machine", "native"
REVIEW_STATES = (REVIEW_MACHINE, REVIEW_NATIVE)


def revision(*parts) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
