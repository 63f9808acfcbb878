"""Runs of this process: live ones (channel + task) and, for a while after they end,
their event logs, so a caller can re-attach and replay."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Coroutine
from typing import Any

from flowgate.runtime.eventlog import RunChannel


class RunRegistry:
    def __init__(self, retention_seconds: float = 300.0, max_retained: int = 10_000) -> None:
        self._channels: dict[str, RunChannel] = {}
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._retained: OrderedDict[str, tuple[float, RunChannel]] = OrderedDict()
        self._retention = retention_seconds
        self._max_retained = max_retained

    def open(self, run_id: str) -> RunChannel:
        channel = RunChannel(run_id)
        self._channels[run_id] = channel
        return channel

    def start(self, run_id: str, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=f"run-{run_id}")
        self._tasks[run_id] = task
        task.add_done_callback(lambda _t: self._finished(run_id))
        return task

    def _finished(self, run_id: str) -> None:
        self._tasks.pop(run_id, None)
        channel = self._channels.pop(run_id, None)
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

    def cancel(self, run_id: str) -> bool:
        """Cancel a live run of this process; False when it is not running here."""
        task = self._tasks.get(run_id)
        if task is None or task.done():
            return False
        task.cancel()
        return True

    def get(self, run_id: str) -> RunChannel | None:
        """The run's event log: live, or kept after the end for the retention time."""
        channel = self._channels.get(run_id)
        if channel is not None:
            return channel
        self._expire()
        retained = self._retained.get(run_id)
        return None if retained is None else retained[1]

    @property
    def active(self) -> int:
        return len(self._tasks)

    async def drain(self, grace: float) -> None:
        """Wait for live runs to finish; cancel what is left after `grace` seconds."""
        tasks = list(self._tasks.values())
        if not tasks:
            return
        _done, pending = await asyncio.wait(tasks, timeout=grace)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=5)
