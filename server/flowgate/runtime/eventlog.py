"""A run's event log: append-only, sequenced from 1, readable from any seq."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from flowgate.domain.events import Event, RunCompleted, Sequenced


class RunChannel:
    """Events of one run. Appends are synchronous (the engine never waits on readers) and
    cheap: a reader that is waiting is woken once; a burst of appends allocates nothing else.
    Readers get every event after their last seq, in batches."""

    __slots__ = ("_waiters", "closed", "events", "run_id")

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.events: list[Sequenced] = []
        self.closed = False
        self._waiters: list[asyncio.Future[None]] = []

    def _wake(self) -> None:
        if self._waiters:
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    def append(self, event: Event) -> Sequenced:
        if self.closed:
            raise RuntimeError(f"run {self.run_id} is closed")
        item = Sequenced(len(self.events) + 1, time.time(), event)
        self.events.append(item)
        if isinstance(event, RunCompleted):
            self.closed = True
        self._wake()
        return item

    def close(self) -> None:
        """Close without a RunCompleted (the run task died); readers stop."""
        if not self.closed:
            self.closed = True
            self._wake()

    async def subscribe(
        self, after_seq: int = 0, heartbeat_seconds: float | None = None
    ) -> AsyncIterator[list[Sequenced]]:
        """Yield batches of events after `after_seq` until the run completes; with
        `heartbeat_seconds`, an empty batch after that long without events (so the caller
        can keep an idle connection alive)."""
        position = max(after_seq, 0)
        while True:
            if position < len(self.events):
                batch = self.events[position:]
                position = len(self.events)
                yield batch
                continue
            if self.closed:
                return
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter, heartbeat_seconds)
            except TimeoutError:
                yield []
            finally:
                if not waiter.done():
                    waiter.cancel()
