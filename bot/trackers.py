"""A tracker store that forgets: conversations live in memory only, and one left alone for `expire_after` seconds
(15 minutes by default) is deleted, so the assistant never holds more than the conversations in progress.

Rasa's own InMemoryTrackerStore keeps every conversation until the process stops. Configured in endpoints.yml:

    tracker_store:
      type: trackers.ExpiringTrackerStore
      expire_after: 900

In production, with several Rasa processes, the Redis tracker store with `record_exp` does the same job.
"""

import time
from collections.abc import Iterable
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker


class ExpiringTrackerStore(InMemoryTrackerStore):
    def __init__(
        self,
        domain: Domain,
        event_broker: EventBroker | None = None,
        expire_after: float = 900,
        clock=time.monotonic,
        **kwargs: dict[str, Any],
    ) -> None:
        super().__init__(domain, event_broker, **kwargs)
        self.expire_after = float(expire_after)
        self.clock = clock
        self.touched: dict[str, float] = {}

    def _forget_expired(self) -> None:
        deadline = self.clock() - self.expire_after
        for sender_id in [s for s, at in self.touched.items() if at < deadline]:
            self.store.pop(sender_id, None)
            del self.touched[sender_id]

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._forget_expired()
        await super().save(tracker)
        self.touched[tracker.sender_id] = self.clock()

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        self._forget_expired()
        return await super()._retrieve(sender_id, fetch_all_sessions)

    async def keys(self) -> Iterable[str]:
        self._forget_expired()
        return list(self.store.keys())
