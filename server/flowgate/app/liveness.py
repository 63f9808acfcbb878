"""Knowing when work was lost with its process: heartbeats and the sweeper.

A process refreshes the heartbeat of the work it runs: of its released-app runs in one
batched UPDATE every `beat_seconds` (all of them at once, not one statement per run), of
its management executions with each progress write. Work that is still open in the store,
not running in this process, and whose heartbeat is older than `lost_after_seconds` was
lost with the process that ran it: it is ended as failed with the reason PROCESS_LOST.
That end is a conditional UPDATE (only while the heartbeat is still old), so replicas
sharing one database agree and exactly one of them ends it. It happens when such work is
read (so a caller never waits for the sweeper), and in the sweeper: at startup and every
`beat_seconds`, right after this process refreshed its own heartbeats."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from flowgate.app.periodic import Periodic
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)

LOST_REASON = "PROCESS_LOST"
"""The error reason of a run or execution whose process stopped while it ran."""

SWEEP_BATCH = 500
"""Lost rows of one kind ended per sweep (the next sweep takes the rest)."""


@dataclass(frozen=True, slots=True)
class Liveness:
    beat_seconds: float = 5.0
    """How often a process refreshes the heartbeats of what it runs (and sweeps)."""
    lost_after_seconds: float = 60.0
    """A heartbeat this old means the process is gone."""

    def silent_since(self, now: datetime) -> datetime:
        """Heartbeats older than this are of lost work."""
        return now - timedelta(seconds=self.lost_after_seconds)

    def is_lost(self, heartbeat_at: datetime | None, created_at: datetime, now: datetime) -> bool:
        """True when open work last seen alive at `heartbeat_at` (None: when it was created)
        has been silent too long."""
        return aware(heartbeat_at or created_at) < self.silent_since(now)


def aware(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime (SQLite hands back naive UTC values)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


class Watched(Protocol):
    """A kind of work the sweeper keeps alive (this process's) and ends (lost ones)."""

    async def beat(self, uow: UnitOfWork, now: datetime) -> None:
        """Refresh the heartbeats of what this process runs."""

    async def sweep(self, uow: UnitOfWork, silent_since: datetime, now: datetime) -> int:
        """End what was lost (silent since before `silent_since`, not running here); how many."""


class Sweeper:
    """The background task: beat, then sweep, at startup and every `beat_seconds`."""

    def __init__(self, factory: SessionFactory, liveness: Liveness, kinds: Sequence[Watched]) -> None:
        self._factory = factory
        self._liveness = liveness
        self._kinds = tuple(kinds)
        self._periodic = Periodic("flowgate-sweeper", liveness.beat_seconds, self.tick, "heartbeat or sweep failed")

    async def start(self) -> None:
        self._periodic.start()

    async def stop(self) -> None:
        await self._periodic.stop()

    async def tick(self, now: datetime) -> int:
        """One round: this process's heartbeats (one transaction), then the lost work of
        every kind ended; how many were ended. No sweep when the heartbeats could not be
        written (this process's own work might look lost)."""
        async with UnitOfWork(self._factory) as uow:
            for kind in self._kinds:
                await kind.beat(uow, now)
            await uow.commit()
        ended = 0
        silent_since = self._liveness.silent_since(now)
        for kind in self._kinds:
            async with UnitOfWork(self._factory) as uow:
                count = await kind.sweep(uow, silent_since, now)
                await uow.commit()
            ended += count
        if ended:
            log.warning("%d runs or executions lost with their process were ended as failed", ended)
        return ended
