"""A run's event log: append-only, sequenced from 1, readable from any seq.

`RunLog` is the seam: the engine's events are appended to it and every reader (the
caller's stream, a re-attached caller, a nested app call) follows it from a seq.
`RunLogs` opens and finds the logs of runs. `RunChannel` and `InProcessRunLogs` are the
in-process implementations; a scaled-out one (a Redis Stream per run) replaces both."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Protocol

from flowgate.domain.events import Event, RunCompleted, Sequenced


class RunLog(Protocol):
    """The events of one run.

    `append` is synchronous and never waits on readers (the engine emits through it):
    the log's single writer numbers the events itself, from 1, and a remote log ships
    them in the background. Appending the `RunCompleted` closes the log; `close` ends
    it without one (the run's task died). Readers get every event after the seq they
    saw, in batches, until the log is closed."""

    @property
    def run_id(self) -> str: ...

    @property
    def closed(self) -> bool: ...

    def append(self, event: Event) -> Sequenced: ...

    def close(self) -> None: ...

    def subscribe(
        self, after_seq: int = 0, heartbeat_seconds: float | None = None
    ) -> AsyncIterator[list[Sequenced]]: ...


class RunLogs(Protocol):
    """Where the logs of runs live: opened when a run starts, found by any reader while
    the run is live and for a retention time after it ended."""

    def open(self, run_id: str) -> RunLog: ...

    def get(self, run_id: str) -> RunLog | None: ...

    def ended(self, run_id: str) -> None:
        """The run's task is gone: close its log (if the run did not) and keep it for the
        retention time."""


class RunChannel:
    """Events of one run, in this process (a `RunLog`). Appends are synchronous (the
    engine never waits on readers) and cheap: a reader that is waiting is woken once; a
    burst of appends allocates nothing else. Readers get every event after their last
    seq, in batches."""

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


class InProcessRunLogs:
    """The logs of this process's runs (`RunLogs`): live ones, and for
    `retention_seconds` after they ended (at most `max_retained`), so that a caller can
    re-attach and replay."""

    def __init__(self, retention_seconds: float = 300.0, max_retained: int = 10_000) -> None:
        self._live: dict[str, RunChannel] = {}
        self._retained: OrderedDict[str, tuple[float, RunChannel]] = OrderedDict()
        self._retention = retention_seconds
        self._max_retained = max_retained

    def open(self, run_id: str) -> RunChannel:
        channel = RunChannel(run_id)
        self._live[run_id] = channel
        return channel

    def get(self, run_id: str) -> RunChannel | None:
        """The run's event log: live, or kept after the end for the retention time."""
        channel = self._live.get(run_id)
        if channel is not None:
            return channel
        self._expire()
        retained = self._retained.get(run_id)
        return None if retained is None else retained[1]

    def ended(self, run_id: str) -> None:
        channel = self._live.pop(run_id, None)
        if channel is not None:
            channel.close()
            if self._retention > 0:
                self._retained[run_id] = (time.monotonic() + self._retention, channel)
                self._expire()

    def _expire(self) -> None:
        now = time.monotonic()
        while self._retained:
            run_id, (expires, _channel) = next(iter(self._retained.items()))
            if expires > now and len(self._retained) <= self._max_retained:
                break
            del self._retained[run_id]
