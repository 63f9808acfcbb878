"""PostgreSQL queries (asyncpg)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from flowgate.app.data_sources.base import DataSourceLimits, DataSourceUnavailable, QueryRefused, QueryTimeout
from flowgate.app.data_sources.configs import PostgresConfig
from flowgate.app.data_sources.connections import _on_connection, _reason, _ssl_context, _Stale, _Use
from flowgate.app.data_sources.values import ResultBudget, _row
from flowgate.app.idle_connections import IdleConnections
from flowgate.domain.errors import LimitExceeded
from flowgate.domain.models import JSONValue
from flowgate.engine.services import QueryResult

log = logging.getLogger(__name__)


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

    # Set inside each query's transaction, so that nothing the query does outlives it: the
    # transaction is always rolled back, and a kept connection is reset before it is used.
    begin = (
        "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; "
        f"SET LOCAL statement_timeout = {timeout_ms}; SET LOCAL lock_timeout = {timeout_ms}; "
        f"SET LOCAL idle_in_transaction_session_timeout = {timeout_ms + 5000}"
    )
    lost = (asyncpg.PostgresConnectionError, asyncpg.OperatorInterventionError, asyncpg.InternalClientError, OSError)

    async def query(conn: Any, use: _Use, reused: bool) -> QueryResult:
        if conn.is_closed():
            raise _Stale("closed")
        try:
            if reused:
                # Settings, advisory locks, prepared statements, cursors, temporary tables,
                # LISTEN and sequence state of earlier queries: gone.
                await conn.execute("DISCARD ALL")
            await conn.execute(begin)
        except (*lost, asyncpg.InterfaceError) as exc:
            raise _Stale(_reason(exc)) from None
        except asyncpg.PostgresError as exc:
            raise DataSourceUnavailable(f"PostgreSQL at {config.host} refused the session setup: {exc}") from None
        failure: Exception | None = None
        rows: list[JSONValue] = []
        truncated = False
        try:
            rows, truncated = await _fetch(conn, sql, params, limit, limits.max_bytes)
        except asyncpg.QueryCanceledError:
            failure = QueryTimeout(f"the query was stopped after {limits.timeout_seconds:g}s (statement time limit)")
        except lost as exc:
            raise DataSourceUnavailable(
                f"lost the connection to PostgreSQL at {config.host} during the query: {_reason(exc)}"
            ) from None
        except asyncpg.PostgresError as exc:
            failure = QueryRefused(f"PostgreSQL refused the query: {exc}")
        except asyncpg.InterfaceError as exc:
            if conn.is_closed():
                raise DataSourceUnavailable(
                    f"lost the connection to PostgreSQL at {config.host} during the query: {_reason(exc)}"
                ) from None
            failure = QueryRefused(f"the query could not be run: {exc}")
        except LimitExceeded as exc:
            failure = exc
        try:
            await conn.execute("ROLLBACK")  # never COMMIT: whatever the query changed is undone
        except Exception:  # the connection is not kept; the answer stands
            if failure is None:
                log.info("a PostgreSQL data-source connection failed its rollback; it is closed")
        else:
            use.keep = True
        if failure is not None:
            raise failure
        return QueryResult(rows, truncated=truncated)

    return await _on_connection(idle, key, connect, query, _terminate, f"PostgreSQL at {config.host}")


async def _fetch(
    conn: Any, sql: str, params: Sequence[JSONValue], limit: int, max_bytes: int
) -> tuple[list[JSONValue], bool]:
    """At most `limit` rows (and whether more existed), read in batches and counted in
    bytes as they come: LimitExceeded as soon as they pass `max_bytes`."""
    cursor = await conn.cursor(sql, *params)
    budget = ResultBudget(max_bytes)
    rows: list[JSONValue] = []
    while True:
        wanted = min(limit + 1 - len(rows), budget.rows_that_fit())
        records = await cursor.fetch(wanted)
        for record in records:
            if len(rows) == limit:
                return rows, True
            rows.append(budget.add(_row(list(record.keys()), list(record.values()))))
        if len(records) < wanted:
            return rows, False


def _terminate(conn: Any) -> None:
    conn.terminate()
