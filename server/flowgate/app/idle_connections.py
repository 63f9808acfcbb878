"""Idle database connections kept for reuse by data-source queries.

A data-source query used to open a connection, run one statement and close it: a TCP
(and maybe TLS) handshake and an authentication round trip per query, which is most of a
quick query's time. Connections that ended a query cleanly are kept here, per key (the
data source, its last update and the checked address), for at most `idle_seconds`, and at
most `max_idle` in all (the oldest goes first). Anything unusual — an error on the
connection, rows left unread — closes it instead. A taken connection is not assumed clean:
its driver resets the session (PostgreSQL `DISCARD ALL`, MySQL `COM_RESET_CONNECTION`)
before it serves the next query. A changed or deleted data source never
gets an old connection: its key changes, and `forget` closes what it had.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

C = TypeVar("C")


class IdleConnections(Generic[C]):
    """Keeps idle connections of type C; `close` closes one (politely, bounded in time)."""

    def __init__(
        self, close: Callable[[C], Awaitable[None]], *, max_idle: int = 32, idle_seconds: float = 60.0
    ) -> None:
        self._close = close
        self._max_idle = max(0, max_idle)
        self._idle_seconds = idle_seconds
        # (key, serial) -> (expires at, connection), oldest first
        self._idle: OrderedDict[tuple[Hashable, int], tuple[float, C]] = OrderedDict()
        self._serial = 0
        self._closing: set[asyncio.Task[None]] = set()

    @property
    def enabled(self) -> bool:
        return self._max_idle > 0 and self._idle_seconds > 0

    def __len__(self) -> int:
        return len(self._idle)

    def take(self, key: Hashable) -> C | None:
        """The most recently used idle connection for `key`, or None."""
        self._expire()
        for entry in reversed(self._idle):
            if entry[0] == key:
                _expires, connection = self._idle.pop(entry)
                return connection
        return None

    def give(self, key: Hashable, connection: C) -> None:
        """Keep `connection` (which ended its query cleanly) for the next query on `key`."""
        if not self.enabled:
            self._close_later(connection)
            return
        self._expire()
        self._serial += 1
        self._idle[(key, self._serial)] = (time.monotonic() + self._idle_seconds, connection)
        while len(self._idle) > self._max_idle:
            _entry, (_expires, oldest) = self._idle.popitem(last=False)
            self._close_later(oldest)

    def forget(self, matches: Callable[[Hashable], bool]) -> None:
        """Close the idle connections whose key `matches` (a data source changed or went)."""
        for entry in [e for e in self._idle if matches(e[0])]:
            self._close_later(self._idle.pop(entry)[1])

    async def close(self) -> None:
        """Close every idle connection and wait for the closing ones."""
        idle, self._idle = self._idle, OrderedDict()
        for _expires, connection in idle.values():
            self._close_later(connection)
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)

    def _expire(self) -> None:
        now = time.monotonic()
        while self._idle:
            entry, (expires, connection) = next(iter(self._idle.items()))
            if expires > now:
                break
            del self._idle[entry]
            self._close_later(connection)

    def _close_later(self, connection: C) -> None:
        task = asyncio.get_running_loop().create_task(self._close_quietly(connection))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _close_quietly(self, connection: C) -> None:
        with contextlib.suppress(Exception):
            await self._close(connection)
