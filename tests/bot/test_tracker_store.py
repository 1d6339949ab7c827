"""The assistant forgets: its tracker store deletes a conversation left alone for longer than `expire_after`.
Run in the assistant's own environment (Rasa is not importable from the site's)."""

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import asyncio, json
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from trackers import ExpiringTrackerStore

now = [1000.0]
store = ExpiringTrackerStore(Domain.empty(), expire_after=60, clock=lambda: now[0])

async def main():
    for sender in ("old", "recent"):
        tracker = DialogueStateTracker(sender, slots=[])
        tracker.update(UserUttered("hello"))
        await store.save(tracker)
        if sender == "old":
            now[0] += 45
    kept_before = sorted(await store.keys())
    now[0] += 20  # "old" is now 65 s idle, "recent" 20 s
    kept_after = sorted(await store.keys())
    old = await store.retrieve("old")
    recent = await store.retrieve("recent")
    print(json.dumps({"before": kept_before, "after": kept_after, "old": old is None,
                      "recent_text": recent.latest_message.text}))

asyncio.run(main())
"""


def test_a_conversation_left_alone_longer_than_the_expiry_is_deleted_and_a_recent_one_kept():
    python = ROOT / os.environ.get("HELPHUB_BOT_VENV", ".venv-bot") / "bin" / "python"
    result = subprocess.run([str(python), "-c", CHECK], cwd=ROOT / "bot", capture_output=True, text=True, timeout=120,  # noqa: S603
                            env={**os.environ, "PYTHONPATH": str(ROOT / "bot"), "RASA_TELEMETRY_ENABLED": "false"})
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"before": ["old", "recent"], "after": ["recent"], "old": True, "recent_text": "hello"}
