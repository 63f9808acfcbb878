"""PostgreSQL queries (asyncpg)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from flowgate.app.data_sources.base import DataSourceLimits, DataSourceUnavailable, QueryRefused, QueryTimeout
from flowgate.app.data_sources.configs import PostgresConfig
from flowgate.app.data_sources.connections import _on_connection, _reason, _ssl_context, _Stale, _Use
from flowgate.app.data_sources.values import _row
from flowgate.app.idle_connections import IdleConnections
from flowgate.domain.models import JSONValue
from flowgate.engine.services import QueryResult


async def _close_postgres(conn: Any) -> None:
    await conn.close(timeout=2)


async def _postgres(
    config: PostgresConfig,
    password: str,
    address: str,
    sql: str,
    params: Sequence[JSONValue],
    limit: int,
    limits: DataSourceLimits,
    idle: IdleConnections[Any],
    key: tuple[Any, ...],
) -> QueryResult:
    import asyncpg  # type: ignore[import-untyped]

    timeout_ms = max(1, int(limits.timeout_seconds * 1000))
    tls = _ssl_context(config.ssl)

    async def connect() -> Any:
        try:
            conn = await asyncpg.connect(
                host=config.host if config.ssl == "verify-full" else address,
                port=config.effective_port,
                user=config.username,
                password=password,
                database=config.database,
                ssl=tls if tls is not None else False,
                timeout=min(limits.connect_timeout_seconds, limits.timeout_seconds),
                statement_cache_size=0,
                server_settings={
                    "application_name": "flowgate-data-source",
                    "statement_timeout": str(timeout_ms),
                    "idle_in_transaction_session_timeout": str(timeout_ms + 5000),
                    "default_transaction_read_only": "on",
                },
            )
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
            raise DataSourceUnavailable(f"could not connect to PostgreSQL at {config.host}: {_reason(exc)}") from None
        try:
            for name in ("json", "jsonb"):
                await conn.set_type_codec(name, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
        except BaseException:
            conn.terminate()
            raise
        return conn

    async def query(conn: Any, use: _Use) -> QueryResult:
        if conn.is_closed():
            raise _Stale("closed")
        try:
            async with conn.transaction(readonly=True, isolation="repeatable_read"):
                try:
                    cursor = await conn.cursor(sql, *params)
                    records = await cursor.fetch(limit + 1)
                except asyncpg.QueryCanceledError:
                    raise QueryTimeout(
                        f"the query was stopped after {limits.timeout_seconds:g}s (statement time limit)"
                    ) from None
                except asyncpg.PostgresError as exc:
                    raise QueryRefused(f"PostgreSQL refused the query: {exc}") from None
                except (asyncpg.ConnectionDoesNotExistError, asyncpg.InternalClientError, ConnectionError):
                    raise
                except (asyncpg.InterfaceError, asyncpg.DataError) as exc:
                    raise QueryRefused(f"the query could not be run: {exc}") from None
        except (QueryTimeout, QueryRefused):
            use.keep = True  # the transaction was rolled back: the connection is clean
            raise
        except (asyncpg.ConnectionDoesNotExistError, asyncpg.InternalClientError, ConnectionError) as exc:
            raise _Stale(_reason(exc)) from None
        rows: list[JSONValue] = [_row(list(r.keys()), list(r.values())) for r in records[:limit]]
        use.keep = True
        return QueryResult(rows, truncated=len(records) > limit)

    return await _on_connection(idle, key, connect, query, _terminate, f"PostgreSQL at {config.host}")


def _terminate(conn: Any) -> None:
    conn.terminate()
