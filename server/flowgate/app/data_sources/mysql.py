"""MySQL / MariaDB queries (aiomysql)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from flowgate.app.data_sources.base import DataSourceLimits, DataSourceUnavailable, QueryRefused, QueryTimeout
from flowgate.app.data_sources.configs import MySqlConfig
from flowgate.app.data_sources.connections import _on_connection, _reason, _ssl_context, _Stale, _Use
from flowgate.app.data_sources.values import ResultBudget, _row
from flowgate.app.idle_connections import IdleConnections
from flowgate.domain.models import JSONValue
from flowgate.engine.services import QueryResult


def _mysql_error(exc: Exception) -> tuple[int, str]:
    args: tuple[Any, ...] = getattr(exc, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return args[0], str(args[1])
    return 0, str(exc)


_MYSQL_TIMEOUT_CODES = frozenset({1969, 3024, 1317})  # MariaDB max_statement_time, MySQL max_execution_time, killed
_MYSQL_GONE_CODES = frozenset({2006, 2013, 2055, 1927, 1053, 4031})  # gone away, lost, killed, shut down
_COM_RESET_CONNECTION = 0x1F


async def _close_mysql(conn: Any) -> None:
    try:
        async with asyncio.timeout(2):
            await conn.ensure_closed()
    finally:
        conn.close()


def _close_mysql_now(conn: Any) -> None:
    conn.close()  # unbuffered rows left unread are dropped with the connection; nothing was written


async def _mysql(
    config: MySqlConfig,
    password: str,
    address: str,
    sql: str,
    params: Sequence[JSONValue],
    limit: int,
    limits: DataSourceLimits,
    idle: IdleConnections[Any],
    key: tuple[Any, ...],
) -> QueryResult:
    import aiomysql  # type: ignore[import-untyped]
    import pymysql  # type: ignore[import-untyped]
    from pymysql.constants import CLIENT  # type: ignore[import-untyped]

    async def connect() -> Any:
        conn = aiomysql.Connection(
            host=config.host if config.ssl == "verify-full" else address,
            port=config.effective_port,
            user=config.username,
            password=password,
            db=config.database,
            charset="utf8mb4",
            connect_timeout=min(limits.connect_timeout_seconds, limits.timeout_seconds),
            autocommit=False,
            local_infile=False,
            ssl=_ssl_context(config.ssl),
            program_name="flowgate-data-source",
        )
        conn.client_flag &= ~CLIENT.MULTI_STATEMENTS  # one statement per call, whatever the text says
        try:
            await conn._connect()
        except (OSError, pymysql.err.MySQLError, TimeoutError) as exc:
            conn.close()
            raise DataSourceUnavailable(f"could not connect to MySQL at {config.host}: {_reason(exc)}") from None
        try:
            await setup(conn)
        except pymysql.err.MySQLError as exc:
            conn.close()
            raise DataSourceUnavailable(f"MySQL refused the session setup: {_mysql_error(exc)[1]}") from None
        except BaseException:
            conn.close()
            raise
        return conn

    async def setup(conn: Any) -> None:
        cursor = await conn.cursor()
        if "mariadb" in (conn.get_server_info() or "").lower():
            await cursor.execute(f"SET SESSION max_statement_time = {limits.timeout_seconds:.3f}")
        else:
            await cursor.execute(f"SET SESSION max_execution_time = {max(1, int(limits.timeout_seconds * 1000))}")
        await cursor.close()

    async def query(conn: Any, use: _Use, reused: bool) -> QueryResult:
        if conn.closed:
            raise _Stale("closed")
        try:
            if reused:
                # COM_RESET_CONNECTION: user variables, named locks (GET_LOCK), temporary
                # tables, prepared statements and session variables of earlier queries are
                # gone; then the session's limits again. A server without it (MySQL < 5.7,
                # MariaDB < 10.2) fails here, and every query gets a new connection.
                await conn._execute_command(_COM_RESET_CONNECTION, "")
                await conn._read_ok_packet()
                await setup(conn)
            cursor = await conn.cursor(aiomysql.SSCursor)
            await cursor.execute("START TRANSACTION READ ONLY")
        except (pymysql.err.MySQLError, OSError) as exc:
            raise _Stale(_mysql_error(exc)[1] if isinstance(exc, pymysql.err.MySQLError) else _reason(exc)) from None
        try:
            await cursor.execute(sql, tuple(params) if params else None)
            names = [d[0] for d in cursor.description or ()]
            rows, truncated = await _fetch(cursor, names, limit, limits.max_bytes) if names else ([], False)
        except (pymysql.err.MySQLError, OSError) as exc:
            code, message = _mysql_error(exc) if isinstance(exc, pymysql.err.MySQLError) else (0, _reason(exc))
            if code in _MYSQL_TIMEOUT_CODES:
                raise QueryTimeout(
                    f"the query was stopped after {limits.timeout_seconds:g}s (statement time limit)"
                ) from None
            if code in _MYSQL_GONE_CODES or isinstance(exc, OSError | pymysql.err.InterfaceError) or conn.closed:
                raise DataSourceUnavailable(
                    f"lost the connection to MySQL at {config.host} during the query: {message}"
                ) from None
            raise QueryRefused(f"MySQL refused the query: {message}") from None
        except (TypeError, ValueError) as exc:  # parameters that do not fit the placeholders
            raise QueryRefused(f"the query could not be run: {exc}") from None
        if not truncated:  # every row was read: end the transaction and keep the connection
            try:
                await cursor.close()
                await conn.rollback()
            except (pymysql.err.MySQLError, OSError):
                pass  # the rows are read; the connection is just not kept
            else:
                use.keep = True
        return QueryResult(rows, truncated=truncated)

    return await _on_connection(idle, key, connect, query, _close_mysql_now, f"MySQL at {config.host}")


async def _fetch(cursor: Any, names: list[str], limit: int, max_bytes: int) -> tuple[list[JSONValue], bool]:
    """At most `limit` rows (and whether more existed), streamed and counted in bytes as
    they come: LimitExceeded as soon as they pass `max_bytes` (the rest is never read)."""
    budget = ResultBudget(max_bytes)
    rows: list[JSONValue] = []
    while True:
        wanted = min(limit + 1 - len(rows), budget.rows_that_fit())
        fetched = await cursor.fetchmany(wanted)
        for values in fetched:
            if len(rows) == limit:
                return rows, True
            rows.append(budget.add(_row(names, list(values))))
        if len(fetched) < wanted:
            return rows, False
