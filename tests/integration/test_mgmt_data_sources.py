"""Data sources (`/api/v1/data-sources`) end to end: over HTTP through the real Envoy and
over gRPC, against real PostgreSQL and MariaDB servers, a local HTTP API and JSON files,
and in a workflow through a `data_source` block."""

# ruff: noqa: S608 - the tests send SQL text on purpose (writes included, to see them refused)

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiomysql  # type: ignore[import-untyped]
import asyncpg  # type: ignore[import-untyped]
import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf import json_format, struct_pb2

from flowgate.app.data_sources import SecretBox
from flowgate.auth.tokens import derive_key
from flowgate.store.tables import DataSourceRow
from flowgate.v1 import data_source_service_pb2 as pb
from flowgate.v1 import data_source_service_pb2_grpc as pb_grpc
from flowgate.v1 import execution_pb2
from tests.eventually import eventually
from tests.fakes.http_server import FakeHttpServer
from tests.harness import (
    TEST_SECRET,
    Stack,
    fresh_postgres_database,
    linear,
    run_events,
    sqlite_url,
    start_stack,
    stop_stack,
)

pytestmark = pytest.mark.asyncio(loop_scope="session")

TIMEOUT = 1.5
MAX_ROWS = 50
PASSWORD = "flowgate"  # the test servers' password for user flowgate (tools/ensure-*)
SCHEMA = "ds_fixture"
SOURCE_KEYS = {"id", "name", "type", "description", "config", "status", "created_at", "updated_at"}


def _require(variable: str, what: str, how: str) -> str:
    url = os.environ.get(variable)
    if not url:
        message = f"{what} is not available: set {variable} ({how})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def require_postgres() -> str:
    return _require("FLOWGATE_TEST_POSTGRES_URL", "PostgreSQL", "make test runs tools/ensure-postgres")


def require_mysql() -> str:
    return _require("FLOWGATE_TEST_MYSQL_URL", "MariaDB/MySQL", "make test runs tools/ensure-mysql")


def plain_pg(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def sql_config(url: str) -> dict[str, Any]:
    parts = urlsplit(plain_pg(url))
    return {
        "host": parts.hostname,
        "port": parts.port,
        "database": parts.path.lstrip("/"),
        "username": parts.username,
        "password": parts.password,
    }


# ---- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api() -> Iterator[FakeHttpServer]:
    with FakeHttpServer() as server:
        yield server


@pytest.fixture(scope="module")
def json_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ds-json")
    allowed = root / "allowed"
    allowed.mkdir()
    (allowed / "people.json").write_text(
        json.dumps({"people": [{"name": "Ann", "age": 31}, {"name": "Bob", "age": 42}, {"name": "Cy", "age": 7}]})
    )
    (root / "outside.json").write_text(json.dumps({"secret": "outside-the-dir"}))
    (allowed / "escape.json").symlink_to(root / "outside.json")
    return allowed


@pytest_asyncio.fixture(scope="module", loop_scope="session", params=["sqlite", "postgres"])
async def ds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, json_dir: Path
) -> AsyncIterator[Stack]:
    """gRPC server + Envoy whose store is SQLite or PostgreSQL, allowed to reach 127.0.0.0/8,
    with a short query time limit and a JSON directory of its own."""
    if request.param == "postgres":
        db_url = await fresh_postgres_database(require_postgres(), "flowgate_test_ds")
    else:
        db_url = sqlite_url(tmp_path_factory.mktemp("ds-store"))
    stack = await start_stack(
        db_url,
        with_envoy=True,
        outbound_allowed_networks=["127.0.0.0/8"],
        data_source_query_timeout_seconds=TIMEOUT,
        data_source_max_rows=MAX_ROWS,
        data_source_json_dir=str(json_dir),
    )
    try:
        yield stack
    finally:
        await stop_stack(stack)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pg_data() -> AsyncIterator[dict[str, Any]]:
    """A scratch schema on the test PostgreSQL server: `items` (5 rows), a `log` table and a
    function that writes to it."""
    url = require_postgres()
    conn = await asyncpg.connect(plain_pg(url))
    try:
        await conn.execute(f"""
            DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;
            CREATE SCHEMA {SCHEMA};
            CREATE TABLE {SCHEMA}.items (
                id int PRIMARY KEY, name text, price numeric(10, 2), created timestamptz, payload bytea,
                big bigint, tags text[], doc jsonb);
            INSERT INTO {SCHEMA}.items
              SELECT i, 'item ' || i, i * 1.25, '2024-01-02 03:04:05+00', '\\x0102'::bytea,
                     9007199254740993, ARRAY['a', 'b'], jsonb_build_object('n', i)
              FROM generate_series(1, 5) AS i;
            CREATE TABLE {SCHEMA}.log (entry text);
            CREATE FUNCTION {SCHEMA}.bump() RETURNS int LANGUAGE sql AS
              $$ INSERT INTO {SCHEMA}.log VALUES ('bumped'); SELECT 1 $$;
        """)
    finally:
        await conn.close()
    yield sql_config(url)


async def pg_counts() -> tuple[int, int]:
    conn = await asyncpg.connect(plain_pg(require_postgres()))
    try:
        items = await conn.fetchval(f"SELECT count(*) FROM {SCHEMA}.items")
        log = await conn.fetchval(f"SELECT count(*) FROM {SCHEMA}.log")
        return int(items), int(log)
    finally:
        await conn.close()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def my_data() -> AsyncIterator[dict[str, Any]]:
    """Tables `items` (5 rows) and `log`, and a function writing to `log`, on the test MariaDB."""
    config = sql_config(require_mysql())
    conn = await aiomysql.connect(
        host=config["host"],
        port=config["port"],
        user=config["username"],
        password=config["password"],
        db=config["database"],
        autocommit=True,
    )
    try:
        async with conn.cursor() as cur:
            for statement in (
                "SET SESSION sql_notes = 0",  # no "does not exist" warnings (warnings are errors here)
                "DROP FUNCTION IF EXISTS bump",
                "DROP TABLE IF EXISTS items",
                "DROP TABLE IF EXISTS log",
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50), price DECIMAL(10,2), "
                "created DATETIME, payload VARBINARY(10), big BIGINT)",
                "INSERT INTO items VALUES "
                + ", ".join(
                    f"({i}, 'item {i}', {i * 1.25}, '2024-01-02 03:04:05', x'0102', 9007199254740993)"
                    for i in range(1, 6)
                ),
                "CREATE TABLE log (entry VARCHAR(20))",
                "CREATE FUNCTION bump() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO log VALUES ('bumped'); "
                "RETURN 1; END",
            ):
                await cur.execute(statement)
    finally:
        conn.close()
    yield config


async def my_counts(config: dict[str, Any]) -> tuple[int, int]:
    conn = await aiomysql.connect(
        host=config["host"],
        port=config["port"],
        user=config["username"],
        password=config["password"],
        db=config["database"],
        autocommit=True,
    )
    try:
        async with conn.cursor() as cur:
            await cur.execute("SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM log)")
            items, log = await cur.fetchone()
            return int(items), int(log)
    finally:
        conn.close()


@pytest_asyncio.fixture(loop_scope="session")
async def http(ds: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=ds.http_base, timeout=30) as client:
        yield client


async def user(stack: Stack, name: str = "") -> dict[str, str]:
    """A fresh user's Authorization header."""
    return await stack.bearer(name or f"u{uuid.uuid4().hex[:10]}")


async def create(http: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("name", "source")
    response = await http.post("/api/v1/data-sources", json=body, headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def query(
    http: httpx.AsyncClient, headers: dict[str, str], source_id: str, text: str, **extra: Any
) -> httpx.Response:
    return await http.post(f"/api/v1/data-sources/{source_id}/query", json={"query": text, **extra}, headers=headers)


async def single_int(http: httpx.AsyncClient, headers: dict[str, str], source_id: str, sql: str) -> int:
    """The one value a one-row, one-column query answers, as an int."""
    response = await query(http, headers, source_id, sql)
    assert response.status_code == 200, response.text
    (value,) = response.json()["data"][0].values()
    return int(value)


def assert_error(response: httpx.Response, status: int, *needles: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"detail", "error_code", "status_code"}
    assert body["status_code"] == status
    for needle in needles:
        assert needle in body["detail"], body
    return body


# ---- CRUD over HTTP -------------------------------------------------------------------------


async def test_create_get_list_never_show_secrets_and_store_them_encrypted(ds: Stack, http: httpx.AsyncClient) -> None:
    headers = await user(ds)
    password = f"pw-{uuid.uuid4().hex}"
    config = {"host": "db.example.com", "port": 3306, "database": "shop", "username": "reader", "password": password}
    created = await create(http, headers, name="MySQL数据源", type="mysql", description="描述", config=config)
    assert set(created) == SOURCE_KEYS
    assert created["name"] == "MySQL数据源"
    assert (created["type"], created["description"], created["status"]) == ("mysql", "描述", "active")
    assert created["config"] == {
        "host": "db.example.com",
        "port": 3306,
        "database": "shop",
        "username": "reader",
        "password_set": True,
    }
    assert created["created_at"] == created["updated_at"]
    assert len(created["created_at"]) == 19  # 2024-01-01T00:00:00

    got = await http.get(f"/api/v1/data-sources/{created['id']}", headers=headers)
    assert got.status_code == 200
    assert got.json() == created
    listed = await http.get("/api/v1/data-sources", headers=headers)
    assert listed.status_code == 200
    assert listed.json() == [created]
    for response in (got, listed):
        assert password not in response.text

    async with ds.server.factory() as session:
        row = await session.get(DataSourceRow, created["id"])
        assert row is not None
        assert password not in row.secret
        assert password not in json.dumps(row.config)
        assert "password" not in row.config
        box = SecretBox(derive_key(TEST_SECRET.encode(), "data-source-credentials"))
        assert box.open(row.secret) == {"password": password}


async def test_update_merges_config_and_keeps_absent_secrets(ds: Stack, http: httpx.AsyncClient) -> None:
    headers = await user(ds)
    created = await create(
        http,
        headers,
        type="api",
        config={"base_url": "https://api.example.com/v1", "token": "tok-1", "headers": {"X-Tenant": "t1"}},
    )
    assert created["config"] == {"base_url": "https://api.example.com/v1", "token_set": True, "headers_set": True}
    url = f"/api/v1/data-sources/{created['id']}"

    # Name only: config and secrets unchanged.
    response = await http.put(url, json={"name": "更新后的名称"}, headers=headers)
    assert response.status_code == 200, response.text
    renamed = response.json()
    assert set(renamed) == SOURCE_KEYS
    assert (renamed["name"], renamed["config"], renamed["description"]) == ("更新后的名称", created["config"], "")

    # A config key changes, the markers sent back are ignored, secrets stay.
    response = await http.put(
        url,
        json={"config": {**created["config"], "timeout": 5, "base_url": "https://api2.example.com"}},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["config"] == {
        "base_url": "https://api2.example.com",
        "timeout": 5,
        "token_set": True,
        "headers_set": True,
    }
    box = SecretBox(derive_key(TEST_SECRET.encode(), "data-source-credentials"))
    async with ds.server.factory() as session:
        row = await session.get(DataSourceRow, created["id"])
        assert row is not None
        assert box.open(row.secret) == {"token": "tok-1", "headers": {"X-Tenant": "t1"}}

    # A new secret replaces the old one; null removes a key.
    response = await http.put(url, json={"config": {"token": "tok-2", "headers": None}}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["config"] == {"base_url": "https://api2.example.com", "timeout": 5, "token_set": True}
    assert "tok-2" not in response.text
    async with ds.server.factory() as session:
        row = await session.get(DataSourceRow, created["id"])
        assert row is not None
        assert box.open(row.secret) == {"token": "tok-2"}
        assert row.updated_at >= row.created_at

    # An update that breaks the config is refused and changes nothing.
    response = await http.put(url, json={"config": {"base_url": "ftp://x"}, "name": "other"}, headers=headers)
    assert_error(response, 422, "config.base_url")
    assert (await http.get(url, headers=headers)).json()["name"] == "更新后的名称"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "oracle", "config": {}}, "type"),
        ({"type": "mysql", "name": "", "config": {"host": "h", "database": "d", "username": "u"}}, "name"),
        ({"type": "mysql", "config": {"database": "d", "username": "u"}}, "config.host"),
        (
            {"type": "postgresql", "config": {"host": "h", "database": "d", "username": "u", "port": 70000}},
            "config.port",
        ),
        (
            {"type": "postgresql", "config": {"host": "/var/run/postgresql", "database": "d", "username": "u"}},
            "config.host",
        ),
        ({"type": "mysql", "config": {"host": "h", "database": "d", "username": "u", "ssl": "maybe"}}, "config.ssl"),
        ({"type": "mysql", "config": {"host": "h", "database": "d", "username": "u", "colour": 1}}, "config.colour"),
        ({"type": "api", "config": {"base_url": "ftp://files.example.com"}}, "config.base_url"),
        ({"type": "api", "config": {"base_url": "https://user:pw@example.com"}}, "config.base_url"),
        ({"type": "api", "config": {"base_url": "https://x.example.com", "timeout": 0}}, "config.timeout"),
        ({"type": "json", "config": {"path": "../outside.json"}}, "config.path"),
        ({"type": "json", "config": {"path": "/etc/passwd"}}, "config.path"),
        ({"type": "json", "config": {}}, "config"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field(
    ds: Stack, http: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    body.setdefault("name", "bad")
    response = await http.post("/api/v1/data-sources", json=body, headers=await user(ds, "validator"))
    error = assert_error(response, 422, field)
    assert error["error_code"] == "VALIDATION_ERROR"


async def test_missing_or_bad_token_is_401(ds: Stack, http: httpx.AsyncClient) -> None:
    for headers in ({}, {"authorization": "Bearer not-a-token"}):
        for method, path in (
            ("GET", "/api/v1/data-sources"),
            ("POST", "/api/v1/data-sources"),
            ("GET", "/api/v1/data-sources/x"),
            ("PUT", "/api/v1/data-sources/x"),
            ("DELETE", "/api/v1/data-sources/x"),
            ("POST", "/api/v1/data-sources/x/test"),
            ("POST", "/api/v1/data-sources/x/query"),
        ):
            body: dict[str, Any] | None = {} if method in ("POST", "PUT") else None
            response = await http.request(method, path, json=body, headers=headers)
            assert_error(response, 401)


async def test_another_teams_data_source_is_not_found(ds: Stack, http: httpx.AsyncClient) -> None:
    owner, stranger = await user(ds), await user(ds)
    created = await create(http, owner, type="json", config={"data": [1, 2]})
    url = f"/api/v1/data-sources/{created['id']}"
    for response in (
        await http.get(url, headers=stranger),
        await http.put(url, json={"name": "mine now"}, headers=stranger),
        await http.delete(url, headers=stranger),
        await http.post(f"{url}/test", headers=stranger),
        await query(http, stranger, created["id"], ""),
    ):
        assert_error(response, 404, "Data source not found")
    assert (await http.get("/api/v1/data-sources", headers=stranger)).json() == []

    # The owner's other team does not see it either (x-team-id picks the team).
    team = await http.post("/api/v1/teams", json={"name": f"t-{uuid.uuid4().hex[:8]}"}, headers=owner)
    assert team.status_code == 201, team.text
    other = {**owner, "x-team-id": team.json()["id"]}
    assert_error(await http.get(url, headers=other), 404)
    assert (await http.get("/api/v1/data-sources", headers=other)).json() == []
    # …and a team the caller is not a member of is refused.
    assert_error(await http.get("/api/v1/data-sources", headers={**stranger, "x-team-id": team.json()["id"]}), 403)
    # The owner still has it, untouched.
    assert (await http.get(url, headers=owner)).json() == created


async def test_list_filters_pages_and_order(ds: Stack, http: httpx.AsyncClient) -> None:
    headers = await user(ds)
    made = []
    for i, (kind, config) in enumerate(
        [
            ("json", {"data": []}),
            ("api", {"base_url": "http://127.0.0.1:9/none"}),
            ("json", {"data": {"a": 1}}),
            ("mysql", {"host": "127.0.0.1", "port": 9, "database": "d", "username": "u"}),
        ]
    ):
        made.append(await create(http, headers, name=f"s{i}", type=kind, config=config))
        await asyncio.sleep(0.01)  # each one created later than the last: the list is ordered by that time
    newest_first = [m["id"] for m in reversed(made)]

    async def ids(params: dict[str, Any]) -> list[str]:
        response = await http.get("/api/v1/data-sources", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [s["id"] for s in response.json()]

    assert await ids({}) == newest_first
    assert await ids({"type": "json"}) == [made[2]["id"], made[0]["id"]]
    assert await ids({"skip": 1, "limit": 2}) == newest_first[1:3]
    assert await ids({"skip": 10}) == []
    # A failed test marks the source `error`; the status filter finds it.
    tested = await http.post(f"/api/v1/data-sources/{made[1]['id']}/test", headers=headers)
    assert tested.json()["status"] == "failed"
    assert await ids({"status": "error"}) == [made[1]["id"]]
    assert await ids({"status": "active", "type": "api"}) == []
    assert await ids({"status": "active"}) == [m for m in newest_first if m != made[1]["id"]]
    for params, field in (
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"skip": -1}, "skip"),
        ({"type": "oracle"}, "type"),
        ({"status": "gone"}, "status"),
    ):
        response = await http.get("/api/v1/data-sources", params=params, headers=headers)
        assert_error(response, 422, field)


async def test_delete(ds: Stack, http: httpx.AsyncClient) -> None:
    headers = await user(ds)
    created = await create(http, headers, type="json", config={"data": []})
    url = f"/api/v1/data-sources/{created['id']}"
    response = await http.delete(url, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"message": "Data source deleted"}
    assert_error(await http.get(url, headers=headers), 404)
    assert_error(await http.delete(url, headers=headers), 404)
    assert (await http.get("/api/v1/data-sources", headers=headers)).json() == []


# ---- PostgreSQL ----------------------------------------------------------------------------


async def test_postgresql_test_and_query(ds: Stack, http: httpx.AsyncClient, pg_data: dict[str, Any]) -> None:
    headers = await user(ds)
    source = await create(http, headers, type="postgresql", config=pg_data)
    assert "password" not in source["config"]
    tested = await http.post(f"/api/v1/data-sources/{source['id']}/test", headers=headers)
    assert tested.status_code == 200
    assert tested.json() == {"status": "success", "message": "Connection successful"}

    response = await query(http, headers, source["id"], f"SELECT * FROM {SCHEMA}.items ORDER BY id")
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"data", "count", "truncated"}
    assert body["count"] == 5
    assert body["truncated"] is False
    assert body["data"][0] == {
        "id": 1,
        "name": "item 1",
        "price": 1.25,
        "created": "2024-01-02T03:04:05+00:00",
        "payload": "AQI=",
        "big": "9007199254740993",
        "tags": ["a", "b"],
        "doc": {"n": 1},
    }

    limited = await query(http, headers, source["id"], f"SELECT id FROM {SCHEMA}.items ORDER BY id;", limit=2)
    assert limited.json() == {"data": [{"id": 1}, {"id": 2}], "count": 2, "truncated": True}
    exact = await query(http, headers, source["id"], f"SELECT id FROM {SCHEMA}.items ORDER BY id", limit=5)
    assert (exact.json()["count"], exact.json()["truncated"]) == (5, False)
    capped = await query(http, headers, source["id"], "SELECT generate_series(1, 200) AS n", limit=10_000)
    assert (capped.json()["count"], capped.json()["truncated"]) == (MAX_ROWS, True)
    assert_error(await query(http, headers, source["id"], "SELECT 1", limit=0), 422, "limit")
    # WITH, VALUES, SHOW, EXPLAIN are read-only verbs too; duplicate column names stay apart.
    for text, expected in (
        ("WITH t AS (SELECT 2 AS v) SELECT v FROM t", [{"v": 2}]),
        ("VALUES (1, 'a')", [{"column1": 1, "column2": "a"}]),
        ("SHOW statement_timeout", [{"statement_timeout": f"{int(TIMEOUT * 1000)}ms"}]),
        ("SELECT 1 AS a, 2 AS a -- a comment; DELETE", [{"a": 1, "a_2": 2}]),
    ):
        response = await query(http, headers, source["id"], text)
        assert response.status_code == 200, (text, response.text)
        assert response.json()["data"] == expected, text
    explained = await query(http, headers, source["id"], f"EXPLAIN SELECT * FROM {SCHEMA}.items")
    assert explained.status_code == 200
    assert "QUERY PLAN" in explained.json()["data"][0]


async def _backend_gone(pid: int) -> bool:
    conn = await asyncpg.connect(plain_pg(require_postgres()))
    try:
        return not await conn.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid)
    finally:
        await conn.close()


async def test_postgresql_connections_are_kept_and_replaced(
    ds: Stack, http: httpx.AsyncClient, pg_data: dict[str, Any]
) -> None:
    headers = await user(ds)
    source = await create(http, headers, type="postgresql", config=pg_data)

    async def pid() -> int:
        return await single_int(http, headers, source["id"], "SELECT pg_backend_pid()")

    first = await pid()
    assert await pid() == first  # kept between queries
    assert_error(await query(http, headers, source["id"], "SELECT * FROM no_such_table"), 400, "refused")
    assert await pid() == first  # a refused query rolled back: still kept
    settings = await query(http, headers, source["id"], "SHOW default_transaction_read_only")
    assert settings.json()["data"] == [{"default_transaction_read_only": "on"}]

    admin = await asyncpg.connect(plain_pg(require_postgres()))
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", first)
    finally:
        await admin.close()
    second = await pid()  # the server closed the kept one: the query runs on a new connection
    assert second != first

    updated = await http.put(f"/api/v1/data-sources/{source['id']}", json={"description": "x"}, headers=headers)
    assert updated.status_code == 200
    await eventually(lambda: _backend_gone(second))  # a changed source's connections close
    third = await pid()
    assert third not in (first, second)
    assert (await http.delete(f"/api/v1/data-sources/{source['id']}", headers=headers)).status_code == 200
    await eventually(lambda: _backend_gone(third))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (f"INSERT INTO {SCHEMA}.items (id) VALUES (99)", "only read-only queries"),
        (f"DELETE FROM {SCHEMA}.items", "only read-only queries"),
        (f"UPDATE {SCHEMA}.items SET name = 'x'", "only read-only queries"),
        (f"DROP TABLE {SCHEMA}.items", "only read-only queries"),
        (f"SELECT 1; DELETE FROM {SCHEMA}.items", "only one statement"),
        (f"SELECT * FROM {SCHEMA}.items FOR UPDATE", "locking clauses"),
        (f"WITH gone AS (DELETE FROM {SCHEMA}.items RETURNING *) SELECT count(*) FROM gone", "read-only transaction"),
        (f"SELECT {SCHEMA}.bump()", "read-only transaction"),
        (f"SELECT * INTO {SCHEMA}.copy FROM {SCHEMA}.items", "read-only transaction"),
        (f"EXPLAIN ANALYZE WITH d AS (DELETE FROM {SCHEMA}.items RETURNING 1) SELECT * FROM d", "read-only"),
        ("SELECT set_config('transaction_read_only', 'off', false)", "set_config() is not allowed"),
        ("SELEC 1", "only read-only queries"),
        ("", "query"),
    ],
)
async def test_postgresql_writes_are_refused_and_change_nothing(
    ds: Stack, http: httpx.AsyncClient, pg_data: dict[str, Any], text: str, reason: str
) -> None:
    headers = await user(ds, "pg-writer")
    source = await create(http, headers, type="postgresql", config=pg_data)
    before = await pg_counts()
    response = await query(http, headers, source["id"], text)
    assert response.status_code in (400, 422), response.text
    assert reason in response.json()["detail"], response.text
    assert await pg_counts() == before == (5, 0)


async def test_postgresql_slow_query_is_stopped(ds: Stack, http: httpx.AsyncClient, pg_data: dict[str, Any]) -> None:
    headers = await user(ds)
    source = await create(http, headers, type="postgresql", config=pg_data)
    started = time.monotonic()
    response = await query(http, headers, source["id"], "SELECT pg_sleep(5)")
    elapsed = time.monotonic() - started
    body = assert_error(response, 429, f"stopped after {TIMEOUT:g}s")
    assert body["error_code"] == "QUERY_TIMEOUT"
    assert elapsed < 4
    # The source still works afterwards.
    assert (await query(http, headers, source["id"], "SELECT 1 AS one")).json()["data"] == [{"one": 1}]


async def test_postgresql_connection_failures_are_answers(
    ds: Stack, http: httpx.AsyncClient, pg_data: dict[str, Any]
) -> None:
    headers = await user(ds)
    wrong = await create(http, headers, type="postgresql", config={**pg_data, "password": "wrong-password"})
    url = f"/api/v1/data-sources/{wrong['id']}"
    tested = await http.post(f"{url}/test", headers=headers)
    assert tested.status_code == 200
    assert tested.json()["status"] == "failed"
    assert "password authentication failed" in tested.json()["message"]
    assert "wrong-password" not in tested.text
    assert (await http.get(url, headers=headers)).json()["status"] == "error"
    assert_error(await query(http, headers, wrong["id"], "SELECT 1"), 503, "could not connect")
    # Fixing the password (an update) and testing again makes it active.
    fixed = await http.put(url, json={"config": {"password": pg_data["password"]}}, headers=headers)
    assert fixed.status_code == 200
    assert (await http.post(f"{url}/test", headers=headers)).json()["status"] == "success"
    assert (await http.get(url, headers=headers)).json()["status"] == "active"

    closed = await create(http, headers, type="postgresql", config={**pg_data, "port": 9})
    tested = await http.post(f"/api/v1/data-sources/{closed['id']}/test", headers=headers)
    assert tested.json()["status"] == "failed"
    assert "could not connect to PostgreSQL at 127.0.0.1" in tested.json()["message"]


# ---- MariaDB / MySQL -----------------------------------------------------------------------


async def test_mysql_test_and_query(ds: Stack, http: httpx.AsyncClient, my_data: dict[str, Any]) -> None:
    headers = await user(ds)
    source = await create(http, headers, type="mysql", config=my_data)
    tested = await http.post(f"/api/v1/data-sources/{source['id']}/test", headers=headers)
    assert tested.json() == {"status": "success", "message": "Connection successful"}

    response = await query(http, headers, source["id"], "SELECT * FROM items ORDER BY id")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["count"], body["truncated"]) == (5, False)
    assert body["data"][1] == {
        "id": 2,
        "name": "item 2",
        "price": 2.5,
        "created": "2024-01-02T03:04:05",
        "payload": "AQI=",
        "big": "9007199254740993",
    }
    limited = await query(http, headers, source["id"], "SELECT id FROM items ORDER BY id", limit=3)
    assert limited.json() == {"data": [{"id": 1}, {"id": 2}, {"id": 3}], "count": 3, "truncated": True}
    capped = await query(http, headers, source["id"], "SELECT seq FROM seq_1_to_500")  # MariaDB's sequence engine
    assert (capped.json()["count"], capped.json()["truncated"]) == (MAX_ROWS, True)
    for text in ("SHOW TABLES", "DESCRIBE items", "EXPLAIN SELECT * FROM items", "VALUES (1, 2)", "SELECT 1 # x"):
        response = await query(http, headers, source["id"], text)
        assert response.status_code == 200, (text, response.text)
        assert response.json()["count"] >= 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("INSERT INTO items (id) VALUES (99)", "only read-only queries"),
        ("DELETE FROM items", "only read-only queries"),
        ("REPLACE INTO items (id) VALUES (1)", "only read-only queries"),
        ("SELECT 1; DELETE FROM items", "only one statement"),
        ("SELECT 1 /*!; DELETE FROM items */", "executable comments"),
        ("SELECT * FROM items FOR UPDATE", "locking clauses"),
        ("SELECT * FROM items LOCK IN SHARE MODE", "locking clauses"),
        ("SELECT * FROM items INTO OUTFILE '/tmp/flowgate-out.txt'", "OUTFILE"),
        ("SELECT bump()", "READ ONLY transaction"),
        ("WITH x AS (SELECT 1) DELETE FROM items", "MySQL refused the query"),
    ],
)
async def test_mysql_writes_are_refused_and_change_nothing(
    ds: Stack, http: httpx.AsyncClient, my_data: dict[str, Any], text: str, reason: str
) -> None:
    headers = await user(ds, "my-writer")
    source = await create(http, headers, type="mysql", config=my_data)
    before = await my_counts(my_data)
    response = await query(http, headers, source["id"], text)
    assert_error(response, 400, reason)
    assert await my_counts(my_data) == before == (5, 0)


async def test_mysql_connections_are_kept_unless_rows_were_left(
    ds: Stack, http: httpx.AsyncClient, my_data: dict[str, Any]
) -> None:
    headers = await user(ds)
    source = await create(http, headers, type="mysql", config=my_data)

    async def connection_id() -> int:
        return await single_int(http, headers, source["id"], "SELECT CONNECTION_ID()")

    first = await connection_id()
    assert await connection_id() == first  # kept between queries
    limited = await query(http, headers, source["id"], "SELECT id FROM items ORDER BY id", limit=2)
    assert limited.json()["truncated"] is True
    second = await connection_id()
    assert second != first  # rows were left unread: that connection was closed, not kept

    admin = await aiomysql.connect(
        host=my_data["host"],
        port=my_data["port"],
        user=my_data["username"],
        password=my_data["password"],
        db=my_data["database"],
        autocommit=True,
    )
    try:
        async with admin.cursor() as cur:
            await cur.execute(f"KILL {second}")
    finally:
        admin.close()
    third = await connection_id()  # the server closed the kept one: the query runs on a new connection
    assert third not in (first, second)


async def test_mysql_slow_query_is_stopped(ds: Stack, http: httpx.AsyncClient, my_data: dict[str, Any]) -> None:
    headers = await user(ds)
    source = await create(http, headers, type="mysql", config=my_data)
    started = time.monotonic()
    response = await query(http, headers, source["id"], "SELECT SLEEP(5)")
    elapsed = time.monotonic() - started
    body = assert_error(response, 429, f"stopped after {TIMEOUT:g}s")
    assert body["error_code"] == "QUERY_TIMEOUT"
    assert elapsed < 4
    wrong = await create(http, headers, type="mysql", config={**my_data, "password": "nope-nope"})
    tested = await http.post(f"/api/v1/data-sources/{wrong['id']}/test", headers=headers)
    assert tested.json()["status"] == "failed"
    assert "Access denied" in tested.json()["message"]
    assert "nope-nope" not in tested.text


# ---- api and json sources -------------------------------------------------------------------


async def test_api_source(ds: Stack, http: httpx.AsyncClient, api: FakeHttpServer) -> None:
    headers = await user(ds)
    source = await create(
        http,
        headers,
        type="api",
        config={
            "base_url": api.url("/"),
            "token": "api-token-123",
            "api_key": "key-456",
            "headers": {"X-Tenant": "acme"},
        },
    )
    assert source["config"] == {
        "base_url": api.url("/"),
        "token_set": True,
        "api_key_set": True,
        "headers_set": True,
    }
    assert "api-token-123" not in json.dumps(source)
    tested = await http.post(f"/api/v1/data-sources/{source['id']}/test", headers=headers)
    assert tested.json()["status"] == "success"

    whole = await query(http, headers, source["id"], "json")
    assert whole.json() == {"data": [{"hello": "world", "items": [1, 2, 3]}], "count": 1, "truncated": False}
    echoed = await query(http, headers, source["id"], "/echo/path?x=1&y=two")
    assert echoed.status_code == 200, echoed.text
    seen = echoed.json()["data"][0]
    assert (seen["method"], seen["path"], seen["query"]) == ("GET", "/echo/path", {"x": ["1"], "y": ["two"]})
    assert seen["headers"]["authorization"] == "Bearer api-token-123"
    assert seen["headers"]["x-api-key"] == "key-456"
    assert seen["headers"]["x-tenant"] == "acme"

    listed = await create(http, headers, type="api", config={"base_url": api.url("/"), "rows_path": "items"})
    rows = await query(http, headers, listed["id"], "json", limit=2)
    assert rows.json() == {"data": [1, 2], "count": 2, "truncated": True}
    assert_error(await query(http, headers, listed["id"], "../admin"), 400, "'..'")
    assert_error(await query(http, headers, listed["id"], "http://169.254.169.254/latest"), 400, "relative")
    assert_error(await query(http, headers, listed["id"], "status/404"), 503, "HTTP 404")
    assert_error(await query(http, headers, listed["id"], "text"), 400, "not JSON")


async def test_private_targets_are_refused_without_an_operator_allowance(stack: Stack, api: FakeHttpServer) -> None:
    """The shared stack allows no private networks: neither an API nor a database on loopback."""
    headers = await stack.bearer(f"u{uuid.uuid4().hex[:10]}")
    seen = len(api.requests)
    async with httpx.AsyncClient(base_url=stack.http_base) as http:
        api_source = await create(http, headers, type="api", config={"base_url": api.url("/")})
        db_source = await create(
            http, headers, type="postgresql", config={"host": "localhost", "database": "d", "username": "u"}
        )
        for source in (api_source, db_source):
            tested = await http.post(f"/api/v1/data-sources/{source['id']}/test", headers=headers)
            assert tested.json()["status"] == "failed"
            assert "loopback address" in tested.json()["message"], tested.text
        assert_error(await query(http, headers, api_source["id"], "json"), 503, "not allowed")
    assert len(api.requests) == seen  # nothing reached the server


async def test_json_sources(ds: Stack, http: httpx.AsyncClient) -> None:
    headers = await user(ds)
    file_source = await create(http, headers, type="json", config={"path": "people.json"})
    assert file_source["config"] == {"path": "people.json"}
    assert (await http.post(f"/api/v1/data-sources/{file_source['id']}/test", headers=headers)).json()[
        "status"
    ] == "success"
    everything = await query(http, headers, file_source["id"], "")
    assert everything.json()["count"] == 1
    people = await query(http, headers, file_source["id"], "people", limit=2)
    assert people.json() == {
        "data": [{"name": "Ann", "age": 31}, {"name": "Bob", "age": 42}],
        "count": 2,
        "truncated": True,
    }
    one = await query(http, headers, file_source["id"], "people.1.name")
    assert one.json() == {"data": ["Bob"], "count": 1, "truncated": False}
    assert_error(await query(http, headers, file_source["id"], "people.9"), 400, "nothing at")

    inline = await create(http, headers, type="json", config={"data": [{"a": 1}, {"a": 2}]})
    assert (await query(http, headers, inline["id"], "")).json() == {
        "data": [{"a": 1}, {"a": 2}],
        "count": 2,
        "truncated": False,
    }

    escape = await create(http, headers, type="json", config={"path": "escape.json"})  # a symlink out of the dir
    response = await query(http, headers, escape["id"], "")
    assert_error(response, 400, "outside")
    assert "outside-the-dir" not in response.text
    missing = await create(http, headers, type="json", config={"path": "nope.json"})
    tested = await http.post(f"/api/v1/data-sources/{missing['id']}/test", headers=headers)
    assert tested.json() == {"status": "failed", "message": "the file 'nope.json' does not exist"}
    traversal = await http.post(
        "/api/v1/data-sources", json={"name": "x", "type": "json", "config": {"path": "a/../../x"}}, headers=headers
    )
    assert_error(traversal, 422, "config.path")


# ---- over gRPC -------------------------------------------------------------------------------


async def test_the_same_over_grpc(ds: Stack, pg_data: dict[str, Any]) -> None:
    token = await ds.token(f"g{uuid.uuid4().hex[:10]}")
    md = (("authorization", f"Bearer {token}"),)
    stub = pb_grpc.DataSourceServiceStub(ds.channel)
    config = struct_pb2.Struct()
    config.update(pg_data)
    created = (
        await stub.CreateDataSource(
            pb.CreateDataSourceRequest(name="pg", type="postgresql", description="d", config=config), metadata=md
        )
    ).data_source
    shown = json_format.MessageToDict(created.config)
    assert shown["password_set"] is True
    assert "password" not in shown
    got = await stub.GetDataSource(pb.GetDataSourceRequest(data_source_id=created.id), metadata=md)
    assert got.data_source == created
    listed = await stub.ListDataSources(pb.ListDataSourcesRequest(type="postgresql", limit=5), metadata=md)
    assert [s.id for s in listed.data_sources] == [created.id]
    updated = await stub.UpdateDataSource(
        pb.UpdateDataSourceRequest(data_source_id=created.id, description="new"), metadata=md
    )
    assert (updated.data_source.description, updated.data_source.name) == ("new", "pg")
    tested = await stub.TestDataSource(pb.TestDataSourceRequest(data_source_id=created.id), metadata=md)
    assert (tested.status, tested.message) == ("success", "Connection successful")
    result = await stub.QueryDataSource(
        pb.QueryDataSourceRequest(
            data_source_id=created.id, query=f"SELECT id, name FROM {SCHEMA}.items ORDER BY id", limit=2
        ),
        metadata=md,
    )
    assert [json_format.MessageToDict(v) for v in result.data] == [
        {"id": 1.0, "name": "item 1"},
        {"id": 2.0, "name": "item 2"},
    ]
    assert (result.count, result.truncated) == (2, True)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.QueryDataSource(
            pb.QueryDataSourceRequest(data_source_id=created.id, query=f"DELETE FROM {SCHEMA}.items"), metadata=md
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(grpc.aio.AioRpcError) as unauthenticated:
        await stub.GetDataSource(pb.GetDataSourceRequest(data_source_id=created.id))
    assert unauthenticated.value.code() == grpc.StatusCode.UNAUTHENTICATED
    other = (("authorization", f"Bearer {await ds.token(f'g{uuid.uuid4().hex[:10]}')}"),)
    with pytest.raises(grpc.aio.AioRpcError) as hidden:
        await stub.GetDataSource(pb.GetDataSourceRequest(data_source_id=created.id), metadata=other)
    assert hidden.value.code() == grpc.StatusCode.NOT_FOUND

    deleted = await stub.DeleteDataSource(pb.DeleteDataSourceRequest(data_source_id=created.id), metadata=md)
    assert deleted.message == "Data source deleted"
    with pytest.raises(grpc.aio.AioRpcError) as gone:
        await stub.GetDataSource(pb.GetDataSourceRequest(data_source_id=created.id), metadata=md)
    assert gone.value.code() == grpc.StatusCode.NOT_FOUND


# ---- in a workflow ---------------------------------------------------------------------------


def query_graph(source_id: str, **data: Any) -> dict[str, Any]:
    block = {"id": "q", "type": "data_source", "data": {"label": "Q", "data_source_id": source_id, **data}}
    graph = linear(block, inputs=[{"name": "min_id", "type": "number", "required": True}])
    graph["nodes"][-1]["data"]["outputs"] = {"rows": "{Q.data}", "count": "{Q.count}", "truncated": "{Q.truncated}"}
    return graph


async def test_data_source_block_in_a_released_app(ds: Stack, http: httpx.AsyncClient, pg_data: dict[str, Any]) -> None:
    username = f"w{uuid.uuid4().hex[:10]}"
    headers = await ds.bearer(username)
    teams = (await http.get("/api/v1/teams", headers=headers)).json()
    team_id = teams[0]["id"]
    _key, raw = await ds.server.accounts.create_api_key(headers["authorization"], team_id, "k")
    ds.keys[username] = raw  # publish with a key of the user's own team
    source = await create(http, headers, type="postgresql", config=pg_data)

    graph = query_graph(
        source["id"],
        query=f"SELECT id, name FROM {SCHEMA}.items WHERE id >= $1 ORDER BY id",
        params=["{inputs.min_id}"],
        limit=2,
    )
    release = await ds.publish(graph, team=username, public=True)
    events = await run_events(ds, raw, deploymentId=release.deployment_id, inputs={"min_id": 3})
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED, done.error.message
    assert json_format.MessageToDict(done.outputs) == {
        "rows": [{"id": 3, "name": "item 3"}, {"id": 4, "name": "item 4"}],
        "count": 2,
        "truncated": True,
    }

    # A template in the query works too (the run's inputs, rendered as text).
    templated = query_graph(source["id"], query="SELECT {inputs.min_id} + 1 AS next")
    release = await ds.publish(templated, team=username, version="1.0.1", name="templated", public=True)
    events = await run_events(ds, raw, deploymentId=release.deployment_id, inputs={"min_id": 41})
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED, done.error.message
    assert json_format.MessageToDict(done.outputs)["rows"] == [{"next": 42}]

    # A write fails the block with the reason; the data is unchanged.
    writer = query_graph(source["id"], query=f"DELETE FROM {SCHEMA}.items WHERE id >= $1", params=["{inputs.min_id}"])
    release = await ds.publish(writer, team=username, version="1.0.2", name="writer", public=True)
    done = (await run_events(ds, raw, deploymentId=release.deployment_id, inputs={"min_id": 1}))[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert (done.error.reason, done.error.block_id) == ("BLOCK_FAILED", "q")
    assert "only read-only queries are allowed" in done.error.message
    assert await pg_counts() == (5, 0)

    # An unknown source fails clearly; so does running the public app with another team's key:
    # a block only reaches the data sources of the team that runs it.
    unknown = query_graph("no-such-source", query="SELECT 1")
    release = await ds.publish(unknown, team=username, version="1.0.3", name="unknown", public=True)
    done = (await run_events(ds, raw, deploymentId=release.deployment_id, inputs={"min_id": 1}))[-1].run_completed
    assert done.error.message == "data source no-such-source: Data source not found"
    stranger_key = await ds.key(f"other-{uuid.uuid4().hex[:6]}")
    first = await ds.publish(graph, team=username, version="1.0.4", name="shared", public=True)
    done = (await run_events(ds, stranger_key, deploymentId=first.deployment_id, inputs={"min_id": 1}))[
        -1
    ].run_completed
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.message == f"data source {source['id']}: Data source not found"
