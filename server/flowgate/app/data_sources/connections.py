"""What both database drivers share: TLS, kept connections, error text."""

from __future__ import annotations

import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flowgate.app.data_sources.base import DataSourceUnavailable
from flowgate.app.idle_connections import IdleConnections
from flowgate.engine.services import QueryResult


def _ssl_context(mode: bool | str) -> ssl.SSLContext | None:
    if mode in (False, "disable"):
        return None
    if mode == "verify-full":
        return ssl.create_default_context()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


C = TypeVar("C")


class _Stale(Exception):
    """A kept connection broke before the query was sent (the server closed it meanwhile)."""


@dataclass
class _Use:
    """How a query left its connection: `keep` when it may serve the next query."""

    keep: bool = False


async def _on_connection(
    idle: IdleConnections[C],
    key: tuple[Any, ...],
    connect: Callable[[], Awaitable[C]],
    query: Callable[[C, _Use, bool], Awaitable[QueryResult]],
    drop: Callable[[C], None],
    what: str,
) -> QueryResult:
    """Run `query` on a kept connection for `key` (or a new one); keep the connection
    afterwards when the query says so, else drop it. `query` is told whether the
    connection was kept (it then resets the session first); a kept connection found
    broken before the query was sent (`_Stale`) is replaced once. A connection lost once
    the query was sent is the driver's DataSourceUnavailable, not run again."""
    for attempt in range(2):
        kept = idle.take(key) if attempt == 0 else None
        connection = kept if kept is not None else await connect()
        use = _Use()
        try:
            return await query(connection, use, kept is not None)
        except _Stale as exc:
            if kept is None:
                raise DataSourceUnavailable(f"lost the connection to {what}: {exc}") from None
        finally:
            if use.keep:
                idle.give(key, connection)
            else:
                drop(connection)
    raise DataSourceUnavailable(f"lost the connection to {what}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    args: tuple[Any, ...] = getattr(exc, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return str(args[1])
    text = str(exc).strip()
    return text[:300] or type(exc).__name__
