"""Data-source rules without servers: the read-only SQL check, JSON-safe values, API query
paths, config validation and secret sealing."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any, Literal

import pytest
from cryptography.fernet import InvalidToken

from flowgate.app.data_sources import (
    QueryRefused,
    SecretBox,
    check_read_only,
    json_safe,
    validate_config,
)
from flowgate.app.data_sources.documents import _api_url
from flowgate.app.data_sources.values import ResultBudget
from flowgate.domain.errors import LimitExceeded, ValidationFailed
from flowgate.domain.models import DataSourceType

Dialect = Literal["postgresql", "mysql"]


@pytest.mark.parametrize(
    ("sql", "dialect", "expected"),
    [
        ("SELECT 1", "postgresql", "SELECT 1"),
        ("  select 1 ;  ", "mysql", "select 1"),
        (
            "-- note\nWITH t AS (SELECT 1) SELECT * FROM t;",
            "postgresql",
            "-- note\nWITH t AS (SELECT 1) SELECT * FROM t",
        ),
        ("(SELECT 1) UNION (SELECT 2)", "postgresql", "(SELECT 1) UNION (SELECT 2)"),
        ("SELECT ';' AS semi, 'it''s' AS q", "postgresql", "SELECT ';' AS semi, 'it''s' AS q"),
        ("SELECT $tag$ ; DELETE $tag$", "postgresql", "SELECT $tag$ ; DELETE $tag$"),
        ("SELECT /* ; */ 1 -- ;\n  ;", "postgresql", "SELECT /* ; */ 1 -- ;"),
        ('SELECT 1 AS "a;b" # ;\n;', "mysql", 'SELECT 1 AS "a;b" # ;'),
        ("SELECT 'a\\'; DELETE' AS x", "mysql", "SELECT 'a\\'; DELETE' AS x"),
        ("SELECT `for update` FROM t", "mysql", "SELECT `for update` FROM t"),
        ('SELECT "for update" FROM t', "postgresql", 'SELECT "for update" FROM t'),
        ("SELECT 1--1", "mysql", "SELECT 1--1"),
        ("SHOW TABLES", "mysql", "SHOW TABLES"),
        ("DESC items", "mysql", "DESC items"),
        ("EXPLAIN SELECT 1", "postgresql", "EXPLAIN SELECT 1"),
        ("VALUES (1)", "postgresql", "VALUES (1)"),
    ],
)
def test_read_only_statements_pass(sql: str, dialect: Dialect, expected: str) -> None:
    assert check_read_only(sql, dialect) == expected


@pytest.mark.parametrize(
    ("sql", "dialect", "reason"),
    [
        ("DELETE FROM t", "postgresql", "only read-only queries"),
        ("insert into t values (1)", "mysql", "only read-only queries"),
        ("/* SELECT */ UPDATE t SET a = 1", "postgresql", "only read-only queries"),
        ("SELECT 1; DELETE FROM t", "postgresql", "only one statement"),
        ("SELECT 1;;", "postgresql", "only one statement"),
        ("SELECT 1 -- x\n; DROP TABLE t", "postgresql", "only one statement"),
        ("SELECT 1--1; DELETE FROM t", "mysql", "only one statement"),
        ("SELECT 'a\\'; DELETE FROM t", "postgresql", "only one statement"),
        ("SELECT E'a\\'; DELETE FROM t", "postgresql", "unterminated"),
        ("SELECT 1 /*! ; DELETE FROM t */", "mysql", "executable comments"),
        ("SELECT 1 /* a /* nested */ ; */ ; DELETE FROM t", "postgresql", "only one statement"),
        ("SELECT * FROM t FOR UPDATE", "postgresql", "locking"),
        ("SELECT * FROM t FOR NO KEY UPDATE", "postgresql", "locking"),
        ("SELECT * FROM t for  share", "postgresql", "locking"),
        ("SELECT * FROM t LOCK IN SHARE MODE", "mysql", "locking"),
        ("SELECT * FROM t INTO OUTFILE '/tmp/x'", "mysql", "OUTFILE"),
        ("SELECT 'x' INTO DUMPFILE '/tmp/x'", "mysql", "DUMPFILE"),
        ("SELECT 'unterminated", "postgresql", "unterminated"),
        ("SELECT $a$ never closed", "postgresql", "unterminated"),
        ("", "postgresql", "empty"),
        ("  ;", "mysql", "empty"),
        ("SELECTED", "postgresql", "only read-only queries"),
        ("CALL proc()", "mysql", "only read-only queries"),
        ("SET x = 1", "postgresql", "only read-only queries"),
        ("x" * 100_001, "postgresql", "longer than"),
    ],
)
def test_other_statements_are_refused(sql: str, dialect: Dialect, reason: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        check_read_only(sql, dialect)
    assert reason in refused.value.message


@pytest.mark.parametrize(
    ("sql", "dialect", "function"),
    [
        ("SELECT set_config('statement_timeout', '0', false)", "postgresql", "set_config"),
        ("SELECT SET_CONFIG ('a', 'b', true)", "postgresql", "set_config"),
        ("SELECT pg_catalog.set_config('a', 'b', true)", "postgresql", "set_config"),
        ("SELECT \"pg_catalog\".\"set_config\"('a', 'b', true)", "postgresql", "set_config"),
        ("SELECT 1 WHERE true AND\"set_config\"('a', 'b', true) IS NULL", "postgresql", "set_config"),
        ("SELECT set_config/* a comment */('a', 'b', true)", "postgresql", "set_config"),
        ("SELECT set_config -- a comment\n ('a', 'b', true)", "postgresql", "set_config"),
        ("SELECT lo_import('/etc/passwd')", "postgresql", "lo_import"),
        ("SELECT * FROM lo_from_bytea(0, 'x')", "postgresql", "lo_from_bytea"),
        ("SELECT lowrite(0, 'x')", "postgresql", "lowrite"),
        ("SELECT pg_advisory_lock(1)", "postgresql", "pg_advisory_lock"),
        ("SELECT pg_try_advisory_lock_shared(1)", "postgresql", "pg_try_advisory_lock_shared"),
        ("SELECT pg_terminate_backend(pg_backend_pid())", "postgresql", "pg_terminate_backend"),
        ("SELECT pg_stat_reset()", "postgresql", "pg_stat_reset"),
        ("SELECT pg_ls_waldir()", "postgresql", "pg_ls_waldir"),
        ("SELECT pg_create_restore_point('x')", "postgresql", "pg_create_restore_point"),
        ("SELECT * FROM dblink('host=x', 'SELECT 1') AS t(a int)", "postgresql", "dblink"),
        ("SELECT query_to_xml('SELECT 1', true, false, '')", "postgresql", "query_to_xml"),
        ("SELECT ts_stat('SELECT to_tsvector(''x'')')", "postgresql", "ts_stat"),
        ("EXPLAIN ANALYZE SELECT nextval('s')", "postgresql", "nextval"),
        ("WITH t AS (SELECT pg_notify('c', 'x')) SELECT * FROM t", "postgresql", "pg_notify"),
        ("SELECT GET_LOCK('x', 0)", "mysql", "get_lock"),
        ("SELECT `release_all_locks`()", "mysql", "release_all_locks"),
        ("SELECT load_file('/etc/passwd')", "mysql", "load_file"),
        ("SELECT BENCHMARK(1e9, MD5('a'))", "mysql", "benchmark"),
        ("SELECT master_gtid_wait('0-1-1')", "mysql", "master_gtid_wait"),
    ],
)
def test_side_effecting_functions_are_refused(sql: str, dialect: Dialect, function: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        check_read_only(sql, dialect)
    assert f"the function {function}() is not allowed" in refused.value.message


@pytest.mark.parametrize(
    ("sql", "dialect", "reason"),
    [
        ("SELECT U&\"\\0073et_config\"('a', 'b', true)", "postgresql", "Unicode-escaped identifiers"),
        ("SELECT 1 INTO @v", "mysql", "INTO"),
        ("SELECT a FROM t LIMIT 1 INTO @v, @w", "mysql", "INTO"),
        ("SELECT @v := 1", "mysql", ":="),
        ("SELECT NEXT VALUE FOR s", "mysql", "NEXT VALUE FOR"),
    ],
)
def test_session_changing_syntax_is_refused(sql: str, dialect: Dialect, reason: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        check_read_only(sql, dialect)
    assert reason in refused.value.message


@pytest.mark.parametrize(
    ("sql", "dialect"),
    [
        ("SELECT 'set_config(' AS set_config -- set_config()", "postgresql"),
        ("SELECT $$lo_import('x')$$, lo_import FROM t /* lo_import() */", "postgresql"),
        ('SELECT "set_config" FROM t', "postgresql"),
        ("SELECT lower(name), count(*), pg_sleep(1), current_setting('work_mem') FROM t", "postgresql"),
        ("SELECT my_set_config(1), lo_create_count FROM t", "postgresql"),
        ("SELECT 'GET_LOCK(' AS `get_lock`, SLEEP(1), @@version, @v", "mysql"),
        ("SELECT `into` FROM t WHERE a = 'x := 1'", "mysql"),
    ],
)
def test_names_in_strings_comments_and_columns_pass(sql: str, dialect: Dialect) -> None:
    assert check_read_only(sql, dialect) == sql


def test_result_budget_counts_rows_in_bytes_and_sizes_batches() -> None:
    budget = ResultBudget(100)
    assert budget.rows_that_fit() == ResultBudget.FIRST_BATCH
    row = {"v": "x" * 10}  # {"v":"xxxxxxxxxx"} is 18 bytes, and a separator
    assert budget.add(row) is row
    assert (budget.used, budget.rows_that_fit()) == (19, 100 // 19)
    for _ in range(4):
        budget.add(row)
    with pytest.raises(LimitExceeded) as exceeded:
        budget.add(row)
    assert "larger than 100 bytes" in exceeded.value.message
    wide = ResultBudget(10)
    with pytest.raises(LimitExceeded):
        wide.add({"v": "ü" * 5})  # counted in UTF-8 bytes, not characters


def test_json_safe_values() -> None:
    moment = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    ident = uuid.UUID(int=1)
    assert json_safe(decimal.Decimal("1.25")) == 1.25
    assert json_safe(decimal.Decimal("10.00")) == 10
    assert json_safe(decimal.Decimal("0.1000000000000000000001")) == "0.1000000000000000000001"
    assert json_safe(decimal.Decimal("NaN")) == "NaN"
    assert json_safe(2**53) == 2**53
    assert json_safe(2**53 + 1) == str(2**53 + 1)
    assert json_safe(float("inf")) == "inf"
    assert json_safe(moment) == "2024-01-02T03:04:05+00:00"
    assert json_safe(dt.date(2024, 1, 2)) == "2024-01-02"
    assert json_safe(dt.time(3, 4)) == "03:04:00"
    assert json_safe(dt.timedelta(minutes=1, seconds=30)) == 90.0
    assert json_safe(b"\x01\x02") == "AQI="
    assert json_safe(memoryview(b"hi")) == "aGk="
    assert json_safe(ident) == str(ident)
    nested: Any = {"a": [decimal.Decimal("2.5"), (b"\x00",)], "s": {"b", "a"}}
    assert json_safe(nested) == {"a": [2.5, ["AA=="]], "s": ["a", "b"]}


@pytest.mark.parametrize(
    ("base", "query", "url"),
    [
        ("https://api.example.com/v1", "", "https://api.example.com/v1"),
        ("https://api.example.com/v1", "users", "https://api.example.com/v1/users"),
        ("https://api.example.com/v1/", "/users?page=2", "https://api.example.com/v1/users?page=2"),
        ("https://api.example.com/v1", "?q=x", "https://api.example.com/v1?q=x"),
        ("https://api.example.com/v1?key=a", "?q=x", "https://api.example.com/v1?key=a&q=x"),
    ],
)
def test_api_query_paths(base: str, query: str, url: str) -> None:
    assert _api_url(base, query) == url


@pytest.mark.parametrize(
    "query", ["../admin", "a/./b", "a/%2e%2e/b", "https://evil.example.com/", "//evil.example.com/x", "a#b", "a\\b"]
)
def test_api_queries_cannot_leave_the_base_url(query: str) -> None:
    with pytest.raises(QueryRefused):
        _api_url("https://api.example.com/v1", query)


def test_config_validation_names_fields() -> None:
    with pytest.raises(ValidationFailed) as failed:
        validate_config(DataSourceType.MYSQL, {"host": "db", "port": "x", "extra": 1})
    fields = {v.field for v in failed.value.violations}
    assert fields == {"config.port", "config.database", "config.username", "config.extra"}
    ok = validate_config(DataSourceType.POSTGRESQL, {"host": "10.0.0.1", "database": "d", "username": "u", "ssl": True})
    assert ok.model_dump(exclude_unset=True) == {"host": "10.0.0.1", "database": "d", "username": "u", "ssl": True}
    with pytest.raises(ValidationFailed):
        validate_config(DataSourceType.JSON, {"path": "a.json", "data": [1]})
    with pytest.raises(ValidationFailed):
        validate_config(DataSourceType.JSON, {"path": "sub/../../etc/passwd"})


def test_secrets_are_sealed_and_bound_to_the_key() -> None:
    box = SecretBox(b"k" * 32)
    sealed = box.seal({"password": "hunter2"})
    assert "hunter2" not in sealed
    assert box.open(sealed) == {"password": "hunter2"}
    assert box.seal({}) == ""
    assert box.open("") == {}
    with pytest.raises(InvalidToken):
        SecretBox(b"x" * 32).open(sealed)
