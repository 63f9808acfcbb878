"""The run tasks of this process: started, cancelled and drained here."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


class RunRegistry:
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task[Any]] = {}

    def start(self, run_id: str, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=f"run-{run_id}")
        self._tasks[run_id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(run_id, None))
        return task

    def cancel(self, run_id: str) -> bool:
        """Cancel a live run of this process; False when it is not running here."""
        task = self._tasks.get(run_id)
        if task is None or task.done():
            return False
        task.cancel()
        return True

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
