"""A run's event log: append-only, sequenced from 1, readable from any seq."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from flowgate.domain.events import Event, RunCompleted, Sequenced


class RunChannel:
    """Events of one run. Appends are synchronous (the engine never waits on readers);
    subscribers wake on the next append and read everything after their last seq."""

    __slots__ = ("_changed", "closed", "events", "run_id")

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.events: list[Sequenced] = []
        self.closed = False
        self._changed = asyncio.Event()

    def append(self, event: Event) -> Sequenced:
        if self.closed:
            raise RuntimeError(f"run {self.run_id} is closed")
        item = Sequenced(len(self.events) + 1, datetime.now(UTC), event)
        self.events.append(item)
        if isinstance(event, RunCompleted):
            self.closed = True
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()
        return item

    def close(self) -> None:
        """Close without a RunCompleted (the run task died); subscribers stop."""
        if not self.closed:
            self.closed = True
            changed, self._changed = self._changed, asyncio.Event()
            changed.set()

    async def subscribe(self, after_seq: int = 0) -> AsyncIterator[list[Sequenced]]:
        """Yield batches of events after `after_seq` until the run completes."""
        position = max(after_seq, 0)
        while True:
            waiter = self._changed
            if position < len(self.events):
                batch = self.events[position:]
                position = len(self.events)
                yield batch
                continue
            if self.closed:
                return
            await waiter.wait()
