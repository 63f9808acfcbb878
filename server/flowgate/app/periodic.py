"""A background task that calls a coroutine at start and then every interval; a round
that fails is logged and the next one still comes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

log = logging.getLogger(__name__)


class Periodic:
    def __init__(
        self, name: str, interval_seconds: float, tick: Callable[[datetime], Awaitable[object]], failure: str
    ) -> None:
        self._name = name
        self._interval = interval_seconds
        self._tick = tick
        self._failure = failure
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name=self._name)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _loop(self) -> None:
        while True:
            try:
                await self._tick(datetime.now(UTC))
            except Exception:
                log.exception(self._failure)
            await asyncio.sleep(self._interval)
