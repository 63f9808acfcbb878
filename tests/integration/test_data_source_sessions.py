"""Data-source queries cannot change session state, write, or outlive their limits: against
real PostgreSQL and MariaDB servers, through the real Envoy (and gRPC), a query that lifts a
time limit, sets a variable, takes a lock or creates a large object leaves nothing behind
for the next query on the kept connection; functions that would are refused; a connection
that dies mid-query is a 503; a result larger than the byte limit is a clear 429."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aiomysql  # type: ignore[import-untyped]
import asyncpg  # type: ignore[import-untyped]
import grpc
import httpx
import pytest
import pytest_asyncio

from flowgate.v1 import data_source_service_pb2 as pb
from flowgate.v1 import data_source_service_pb2_grpc as pb_grpc
from tests.eventually import eventually
from tests.harness import Stack, sqlite_url, start_stack, stop_stack
from tests.integration.test_mgmt_data_sources import (
    assert_error,
    create,
    plain_pg,
    query,
    require_mysql,
    require_postgres,
    single_int,
    sql_config,
    user,
)

pytestmark = pytest.mark.asyncio(loop_scope="session")

TIMEOUT = 1.5
MAX_BYTES = 20_000
SCHEMA = "ds_session"
LOCK_KEY = random.randint(10_000_000, 20_000_000)  # noqa: S311 - a test key, not a secret
LO_OID = random.randint(3_000_000_000, 4_000_000_000)  # noqa: S311


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """gRPC server + Envoy allowed to reach 127.0.0.0/8, with a short query time limit and
    a small result-size limit."""
    started = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("ds-sessions")),
        with_envoy=True,
        outbound_allowed_networks=["127.0.0.0/8"],
        data_source_query_timeout_seconds=TIMEOUT,
        data_source_max_bytes=MAX_BYTES,
    )
    try:
        yield started
    finally:
        await stop_stack(started)


@pytest_asyncio.fixture(loop_scope="session")
async def http(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        yield client


async def pg_admin() -> Any:
    return await asyncpg.connect(plain_pg(require_postgres()))


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pg() -> AsyncIterator[dict[str, Any]]:
    """Functions that change session state or write, which the statement check cannot see
    (they are the database's own): the transaction and the reset on reuse must undo them."""
    conn = await pg_admin()
    try:
        await conn.execute(f"""
            DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;
            CREATE SCHEMA {SCHEMA};
            CREATE FUNCTION {SCHEMA}.lift() RETURNS text LANGUAGE sql AS
              $$ SELECT set_config('statement_timeout', '0', false) $$;
            CREATE FUNCTION {SCHEMA}.grab(key bigint) RETURNS void LANGUAGE sql AS
              $$ SELECT pg_advisory_lock(key) $$;
            CREATE FUNCTION {SCHEMA}.make_lo(id oid) RETURNS oid LANGUAGE sql AS $$ SELECT lo_create(id) $$;
            CREATE FUNCTION {SCHEMA}.die() RETURNS bool LANGUAGE sql AS
              $$ SELECT pg_terminate_backend(pg_backend_pid()) $$;
        """)
    finally:
        await conn.close()
    yield sql_config(require_postgres())
    conn = await pg_admin()
    try:  # a large object a failing run wrote
        await conn.execute("SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid = $1", LO_OID)
    finally:
        await conn.close()


async def pg_source(http: httpx.AsyncClient, headers: dict[str, str], config: dict[str, Any]) -> str:
    return str((await create(http, headers, type="postgresql", config=config))["id"])


async def large_object_exists() -> bool:
    conn = await pg_admin()
    try:
        return bool(await conn.fetchval("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = $1", LO_OID))
    finally:
        await conn.close()


# ---- PostgreSQL --------------------------------------------------------------------------------


async def test_postgresql_a_lifted_time_limit_does_not_outlive_its_query(
    stack: Stack, http: httpx.AsyncClient, pg: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await pg_source(http, headers, pg)
    pid = await single_int(http, headers, source, "SELECT pg_backend_pid()")
    lifted = await query(http, headers, source, f"SELECT {SCHEMA}.lift() AS was")
    assert lifted.status_code == 200, lifted.text
    # The next query runs on the same kept connection, and its time limit holds.
    assert await single_int(http, headers, source, "SELECT pg_backend_pid()") == pid
    shown = await query(http, headers, source, "SHOW statement_timeout")
    assert shown.json()["data"] == [{"statement_timeout": f"{int(TIMEOUT * 1000)}ms"}]
    slow = await query(http, headers, source, "SELECT pg_sleep(3)")
    assert assert_error(slow, 429, "statement time limit")["error_code"] == "QUERY_TIMEOUT"


async def test_postgresql_a_session_lock_does_not_outlive_its_query(
    stack: Stack, http: httpx.AsyncClient, pg: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await pg_source(http, headers, pg)
    pid = await single_int(http, headers, source, "SELECT pg_backend_pid()")
    grabbed = await query(http, headers, source, f"SELECT {SCHEMA}.grab({LOCK_KEY})")
    assert grabbed.status_code == 200, grabbed.text
    assert await single_int(http, headers, source, "SELECT pg_backend_pid()") == pid  # still kept
    admin = await pg_admin()
    try:
        held = await admin.fetchval(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND pid = $2", LOCK_KEY, pid
        )
        assert held == 0
    finally:
        await admin.close()


async def test_postgresql_a_large_object_is_not_written(
    stack: Stack, http: httpx.AsyncClient, pg: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await pg_source(http, headers, pg)
    # Large objects are catalog rows: a READ ONLY transaction does not stop lo_create, so
    # the query's transaction is always rolled back.
    through_a_function = await query(http, headers, source, f"SELECT {SCHEMA}.make_lo({LO_OID})")
    assert through_a_function.status_code == 200, through_a_function.text
    assert not await large_object_exists()


@pytest.mark.parametrize(
    ("text", "function"),
    [
        ("SELECT set_config('statement_timeout', '0', false)", "set_config"),
        ("SELECT \"set_config\"('statement_timeout', '0', false)", "set_config"),
        ("SELECT pg_catalog . set_config('work_mem', '1GB', true), pg_sleep(3)", "set_config"),
        (f"SELECT lo_create({LO_OID})", "lo_create"),
        ("SELECT lo_import('/etc/hostname')", "lo_import"),
        (f"SELECT lo_from_bytea({LO_OID}, 'x')", "lo_from_bytea"),
        (f"SELECT lo_unlink({LO_OID})", "lo_unlink"),
        ("SELECT pg_terminate_backend(pg_backend_pid())", "pg_terminate_backend"),
        ("SELECT pg_cancel_backend(pg_backend_pid())", "pg_cancel_backend"),
        ("SELECT pg_reload_conf()", "pg_reload_conf"),
        (f"SELECT pg_advisory_lock({LOCK_KEY})", "pg_advisory_lock"),
        (f"SELECT pg_try_advisory_xact_lock({LOCK_KEY})", "pg_try_advisory_xact_lock"),
        ("SELECT pg_read_file('/etc/hostname')", "pg_read_file"),
        ("SELECT * FROM pg_ls_dir('.')", "pg_ls_dir"),
        ("SELECT pg_notify('c', 'x')", "pg_notify"),
        ("SELECT nextval('s')", "nextval"),
        (
            "SELECT query_to_xml('SELECT set_config(''statement_timeout'', ''0'', false)', true, false, '')",
            "query_to_xml",
        ),
        ("SELECT dblink_connect('host=x')", "dblink_connect"),
    ],
)
async def test_postgresql_side_effecting_functions_are_refused(
    stack: Stack, http: httpx.AsyncClient, pg: dict[str, Any], text: str, function: str
) -> None:
    headers = await user(stack, "pg-effects")
    source = await pg_source(http, headers, pg)
    body = assert_error(await query(http, headers, source, text), 400, f"the function {function}() is not allowed")
    assert body["error_code"] == "QUERY_REFUSED"
    assert not await large_object_exists()
    # The same names as text, column names or in comments are fine.
    fine = await query(http, headers, source, f"SELECT '{function}(' AS {function} -- {function}()")
    assert fine.json()["data"] == [{function: f"{function}("}]


async def test_postgresql_a_backend_killed_mid_query_is_unavailable(
    stack: Stack, http: httpx.AsyncClient, pg: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await pg_source(http, headers, pg)
    await single_int(http, headers, source, "SELECT 1")  # a kept connection
    died = await query(http, headers, source, f"SELECT {SCHEMA}.die()")
    assert assert_error(died, 503, "PostgreSQL")["error_code"] == "DATA_SOURCE_UNAVAILABLE"
    fresh = await query(http, headers, source, f"SELECT {SCHEMA}.die()")  # on a new connection too
    assert assert_error(fresh, 503, "PostgreSQL")["error_code"] == "DATA_SOURCE_UNAVAILABLE"

    # Killed from outside while it runs: the same answer, over gRPC UNAVAILABLE.
    marker = f"m{uuid.uuid4().hex[:12]}"
    stub = pb_grpc.DataSourceServiceStub(stack.channel)
    md = tuple(headers.items())
    running = asyncio.ensure_future(
        stub.QueryDataSource(
            pb.QueryDataSourceRequest(data_source_id=source, query=f"SELECT pg_sleep(1.4) AS {marker}"), metadata=md
        )
    )
    admin = await pg_admin()
    try:
        killed = False

        async def kill() -> bool:  # as soon as the query shows up, or until it has ended
            nonlocal killed
            killed = bool(
                await admin.fetchval(
                    "SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
                    f"%AS {marker}%",
                )
            )
            return killed or running.done()

        await eventually(kill, interval=0.01)
        assert killed
    finally:
        await admin.close()
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await running
    assert failed.value.code() == grpc.StatusCode.UNAVAILABLE
    assert await single_int(http, headers, source, "SELECT 2") == 2  # and the source works on


async def test_postgresql_a_result_larger_than_the_byte_limit_is_refused(
    stack: Stack, http: httpx.AsyncClient, pg: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await pg_source(http, headers, pg)
    fits = await query(http, headers, source, "SELECT repeat('x', 100) AS v FROM generate_series(1, 20)")
    assert fits.json()["count"] == 20
    for text in (
        "SELECT repeat('x', 1000) AS v FROM generate_series(1, 40)",  # many rows
        f"SELECT repeat('x', {MAX_BYTES * 5}) AS v",  # one large row
        "SELECT generate_series(1, 100000000) AS n, repeat('x', 1000) AS v",  # never read whole
    ):
        body = assert_error(await query(http, headers, source, text), 429, f"larger than {MAX_BYTES} bytes")
        assert body["error_code"] == "LIMIT_EXCEEDED"
    assert await single_int(http, headers, source, "SELECT 3") == 3


# ---- MariaDB / MySQL -----------------------------------------------------------------------------


async def my_admin(config: dict[str, Any]) -> Any:
    return await aiomysql.connect(
        host=config["host"],
        port=config["port"],
        user=config["username"],
        password=config["password"],
        db=config["database"],
        autocommit=True,
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def my() -> AsyncIterator[dict[str, Any]]:
    """Stored functions that change session state (invisible to the statement check)."""
    config = sql_config(require_mysql())
    conn = await my_admin(config)
    try:
        async with conn.cursor() as cur:
            for statement in (
                "SET SESSION sql_notes = 0",
                "DROP FUNCTION IF EXISTS fg_set_var",
                "DROP FUNCTION IF EXISTS fg_grab",
                "DROP FUNCTION IF EXISTS fg_lift",
                "CREATE FUNCTION fg_set_var() RETURNS INT NO SQL BEGIN SET @fg_var = 7; RETURN 1; END",
                "CREATE FUNCTION fg_grab(name VARCHAR(64)) RETURNS INT NO SQL RETURN GET_LOCK(name, 0)",
                "CREATE FUNCTION fg_lift() RETURNS INT NO SQL BEGIN SET SESSION max_statement_time = 0; RETURN 1; END",
            ):
                await cur.execute(statement)
    finally:
        conn.close()
    yield config


async def my_source(http: httpx.AsyncClient, headers: dict[str, str], config: dict[str, Any]) -> str:
    return str((await create(http, headers, type="mysql", config=config))["id"])


async def test_mysql_session_state_does_not_outlive_its_query(
    stack: Stack, http: httpx.AsyncClient, my: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await my_source(http, headers, my)
    connection = await single_int(http, headers, source, "SELECT CONNECTION_ID()")
    lock = f"fg-{uuid.uuid4().hex[:12]}"
    for text in ("SELECT fg_set_var()", f"SELECT fg_grab('{lock}')", "SELECT fg_lift()"):
        done = await query(http, headers, source, text)
        assert done.status_code == 200, (text, done.text)
    assert await single_int(http, headers, source, "SELECT CONNECTION_ID()") == connection  # still kept
    variable = await query(http, headers, source, "SELECT @fg_var AS v")
    assert variable.json()["data"] == [{"v": None}]
    admin = await my_admin(my)
    try:
        async with admin.cursor() as cur:
            await cur.execute("SELECT IS_USED_LOCK(%s)", (lock,))
            assert await cur.fetchone() == (None,)
    finally:
        admin.close()
    slow = await query(http, headers, source, "SELECT SLEEP(3)")
    assert assert_error(slow, 429, "statement time limit")["error_code"] == "QUERY_TIMEOUT"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("SELECT 1 INTO @v", "SELECT … INTO"),
        ("SELECT id FROM items LIMIT 1 INTO @v", "SELECT … INTO"),
        ("SELECT @v := 5", "assignments to user variables"),
        ("SELECT GET_LOCK('x', 0)", "get_lock() is not allowed"),
        ("SELECT `get_lock`('x', 0)", "get_lock() is not allowed"),
        ("SELECT RELEASE_ALL_LOCKS()", "release_all_locks() is not allowed"),
        ("SELECT LOAD_FILE('/etc/hostname')", "load_file() is not allowed"),
        ("SELECT BENCHMARK(100000000, MD5('a'))", "benchmark() is not allowed"),
        ("SELECT MASTER_POS_WAIT('log', 4)", "master_pos_wait() is not allowed"),
        ("SELECT NEXTVAL(s)", "nextval() is not allowed"),
        ("SELECT NEXT VALUE FOR s", "NEXT VALUE FOR / PREVIOUS VALUE FOR"),
    ],
)
async def test_mysql_side_effecting_functions_are_refused(
    stack: Stack, http: httpx.AsyncClient, my: dict[str, Any], text: str, reason: str
) -> None:
    headers = await user(stack, "my-effects")
    source = await my_source(http, headers, my)
    assert assert_error(await query(http, headers, source, text), 400, reason)["error_code"] == "QUERY_REFUSED"


async def test_mysql_a_connection_killed_mid_query_is_unavailable(
    stack: Stack, http: httpx.AsyncClient, my: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await my_source(http, headers, my)
    await single_int(http, headers, source, "SELECT 1")  # a kept connection
    marker = f"m{uuid.uuid4().hex[:12]}"
    running = asyncio.ensure_future(query(http, headers, source, f"SELECT SLEEP(1.4) AS {marker}"))
    admin = await my_admin(my)
    try:
        killed = False
        async with admin.cursor() as cur:

            async def kill() -> bool:  # as soon as the query shows up, or until it has ended
                nonlocal killed
                await cur.execute(
                    "SELECT id FROM information_schema.processlist WHERE info LIKE %s AND id <> CONNECTION_ID()",
                    (f"%AS {marker}%",),
                )
                found = await cur.fetchall()
                for (connection,) in found:
                    await cur.execute(f"KILL CONNECTION {int(connection)}")
                    killed = True
                return killed or running.done()

            await eventually(kill, interval=0.01)
        assert killed
    finally:
        admin.close()
    died = await running
    assert assert_error(died, 503, "MySQL")["error_code"] == "DATA_SOURCE_UNAVAILABLE"
    assert await single_int(http, headers, source, "SELECT 2") == 2


async def test_mysql_a_result_larger_than_the_byte_limit_is_refused(
    stack: Stack, http: httpx.AsyncClient, my: dict[str, Any]
) -> None:
    headers = await user(stack)
    source = await my_source(http, headers, my)
    fits = await query(http, headers, source, "SELECT REPEAT('x', 100) AS v FROM seq_1_to_20")
    assert fits.json()["count"] == 20
    for text in (
        "SELECT REPEAT('x', 1000) AS v FROM seq_1_to_40",
        f"SELECT REPEAT('x', {MAX_BYTES * 5}) AS v",
        "SELECT REPEAT('x', 1000) AS v FROM seq_1_to_100000000",
    ):
        body = assert_error(await query(http, headers, source, text), 429, f"larger than {MAX_BYTES} bytes")
        assert body["error_code"] == "LIMIT_EXCEEDED"
    assert await single_int(http, headers, source, "SELECT 3") == 3
