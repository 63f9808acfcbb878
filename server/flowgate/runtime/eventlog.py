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

    __slots__ = ("_base", "_waiters", "closed", "events", "run_id")

    @staticmethod
    def _time_out(waiter: asyncio.Future[bool]) -> None:
        if not waiter.done():
            waiter.set_result(False)

    def __init__(self, run_id: str, first_seq: int = 1) -> None:
        """`first_seq`: the seq of the first event (a log rebuilt for a caller who saw
        the events before it)."""
        self.run_id = run_id
        self._base = max(first_seq, 1) - 1
        self.events: list[Sequenced] = []
        self.closed = False
        self._waiters: list[asyncio.Future[bool]] = []

    def _wake(self) -> None:
        if self._waiters:
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(True)

    def append(self, event: Event) -> Sequenced:
        if self.closed:
            raise RuntimeError(f"run {self.run_id} is closed")
        item = Sequenced(self._base + len(self.events) + 1, time.time(), event)
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
        position = max(after_seq - self._base, 0)
        while True:
            if position < len(self.events):
                batch = self.events[position:]
                position = len(self.events)
                yield batch
                continue
            if self.closed:
                return
            loop = asyncio.get_running_loop()
            waiter: asyncio.Future[bool] = loop.create_future()
            self._waiters.append(waiter)
            timer = loop.call_later(heartbeat_seconds, self._time_out, waiter) if heartbeat_seconds else None
            try:
                woken = await waiter
            finally:
                if timer is not None:
                    timer.cancel()
                if not waiter.done():
                    waiter.cancel()
            if not woken:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                yield []
