"""A team's data sources: CRUD with encrypted credentials, connection tests, read-only queries.

Types and their config (validated on create and update; bad input is a 422 naming
`config.<key>`):

- `mysql`, `postgresql`: host, port (default 3306 / 5432), database, username, password,
  ssl (false | true | "require" | "verify-full"; true = "require": encrypted, certificate
  not verified; "verify-full": certificate and host name verified with the system CAs).
- `api`: base_url (http/https), headers, api_key (sent in `api_key_header`, default
  `X-API-Key`), token (sent as `Authorization: Bearer …`), timeout (seconds), rows_path
  (a dotted path to the rows inside the response).
- `json`: path (a file relative to the server's `data_source_json_dir`) or inline `data`.

Secret keys (password, api_key, token, headers) are encrypted with Fernet under a key
derived from the installation's secret and never returned: answers show `<key>_set: true`.

Queries are read-only, enforced twice: the SQL must be one statement starting with
SELECT, WITH, SHOW, EXPLAIN, DESCRIBE/DESC or VALUES (no locking clauses, no INTO
OUTFILE/DUMPFILE, no MySQL executable comments), AND it runs inside a read-only
transaction (so `WITH x AS (DELETE …)` or a writing function fails in the database).
Rows are capped (`limit`, at most `data_source_max_rows`; `truncated` says more existed),
the statement has a time limit (`statement_timeout` / `max_statement_time` /
`max_execution_time`) and the whole query (connecting included) an asyncio timeout.
Database hosts pass the same target checks as outbound HTTP (private addresses only
when `outbound_allowed_networks` / `outbound_allowed_hosts` allow them).

A connection that ended its query cleanly is kept for the next query on the same data
source (`idle_connections`); one with unread rows or an error is closed.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import decimal
import ipaddress
import json
import logging
import math
import re
import ssl
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from flowgate.app.accounts import AccountUseCases
from flowgate.app.idle_connections import IdleConnections
from flowgate.domain.errors import (
    ErrorKind,
    FieldViolation,
    FlowgateError,
    InvalidArgument,
    LimitExceeded,
    ValidationFailed,
)
from flowgate.domain.models import DataSource, DataSourceType, JSONValue
from flowgate.engine.http import addresses_of, network_refusal, parse_ip, unmapped
from flowgate.engine.services import DataSourceError, HttpError, HttpFetcher, HttpRequest, QueryResult
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)

SECRET_KEYS = ("password", "api_key", "token", "headers")
"""Config keys kept encrypted and never shown."""
STATUSES = ("active", "error")
TYPES = tuple(t.value for t in DataSourceType)
READ_VERBS = frozenset({"SELECT", "WITH", "SHOW", "EXPLAIN", "DESCRIBE", "DESC", "VALUES"})
MAX_QUERY_CHARS = 100_000
MAX_NAME = 200
MAX_DESCRIPTION = 10_000
MAX_REPORTED = 20
"""Config problems named in an error (errors travel in gRPC metadata, which is bounded)."""


# ---- errors -----------------------------------------------------------------------------


class QueryTimeout(LimitExceeded):
    reason = "QUERY_TIMEOUT"


class QueryRefused(InvalidArgument):
    """Not a read-only query, or the database refused it (syntax, permissions, read-only)."""

    reason = "QUERY_REFUSED"


class DataSourceUnavailable(FlowgateError):
    """Could not connect, authenticate or read the source."""

    kind = ErrorKind.UNAVAILABLE
    reason = "DATA_SOURCE_UNAVAILABLE"


# ---- config models ----------------------------------------------------------------------

_HOST = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})")
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_SEGMENT = re.compile(r"[^.]+")


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SqlConfig(_Config):
    default_port: ClassVar[int] = 0
    host: str = Field(min_length=1, max_length=253)
    port: StrictInt = Field(default=0, ge=0, le=65535)  # not `true` or "5"
    database: str = Field(min_length=1, max_length=128)
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(default="", max_length=1024)
    ssl: StrictBool | Literal["disable", "require", "verify-full"] = False

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        value = value.strip()
        if parse_ip(value) is None and not _HOST.fullmatch(value):
            raise ValueError("a host name or IP address (no sockets, paths or ports)")
        return value

    @property
    def effective_port(self) -> int:
        return self.port or self.default_port


class MySqlConfig(SqlConfig):
    default_port: ClassVar[int] = 3306


class PostgresConfig(SqlConfig):
    default_port: ClassVar[int] = 5432


class ApiConfig(_Config):
    base_url: str = Field(min_length=1, max_length=2048)
    headers: dict[str, str] = Field(default_factory=dict)
    api_key: str = Field(default="", max_length=4096)
    api_key_header: str = Field(default="X-API-Key", min_length=1, max_length=128)
    token: str = Field(default="", max_length=8192)
    timeout: StrictFloat | StrictInt = Field(default=30.0, gt=0, le=300)
    rows_path: str = Field(default="", max_length=512)

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        value = value.strip()
        try:
            parts = urlsplit(value)
        except ValueError:
            raise ValueError("not a valid URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("an http:// or https:// URL with a host")
        if parts.username or parts.password:
            raise ValueError("no credentials in the URL (use token, api_key or headers)")
        if parts.fragment:
            raise ValueError("no #fragment")
        return value

    @field_validator("headers", "api_key_header")
    @classmethod
    def _header_names(cls, value: Any) -> Any:
        for name in value if isinstance(value, dict) else [value]:
            if not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"invalid header name {name[:64]!r}")
        return value


class JsonConfig(_Config):
    path: str | None = Field(default=None, max_length=1024)
    data: JSONValue = None

    @field_validator("path")
    @classmethod
    def _path(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        pure = Path(value)
        if not value or pure.is_absolute() or value.startswith(("/", "\\", "~")) or "\x00" in value:
            raise ValueError("a file path relative to the server's data_source_json_dir")
        if any(part == ".." for part in re.split(r"[\\/]", value)):
            raise ValueError("'..' is not allowed: the file must be inside the server's data_source_json_dir")
        return value

    @model_validator(mode="after")
    def _one(self) -> JsonConfig:
        if (self.path is None) == (self.data is None):
            raise ValueError("give either path (a file) or data (the document itself)")
        return self


CONFIG_MODELS: dict[DataSourceType, type[_Config]] = {
    DataSourceType.MYSQL: MySqlConfig,
    DataSourceType.POSTGRESQL: PostgresConfig,
    DataSourceType.API: ApiConfig,
    DataSourceType.JSON: JsonConfig,
}


def validate_config(kind: DataSourceType, config: Mapping[str, JSONValue]) -> _Config:
    """The typed config, or a 422 naming each bad `config.<key>`."""
    try:
        return CONFIG_MODELS[kind].model_validate(dict(config))
    except ValidationError as exc:
        problems = []
        errors = exc.errors()
        for error in errors[:MAX_REPORTED]:
            where = ".".join(str(p) for p in error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = f"unknown key for a {kind.value} data source"
            problems.append(FieldViolation(f"config.{where}" if where else "config", message))
        more = len(errors) - len(problems)
        message = "; ".join(f"{p.field}: {p.message}" for p in problems) + (f"; and {more} more" if more else "")
        raise ValidationFailed(message, violations=problems) from None


def _split(config: _Config) -> tuple[dict[str, JSONValue], dict[str, JSONValue]]:
    """(non-secret keys, secret keys) of a validated config, as given (defaults left out)."""
    values: dict[str, JSONValue] = config.model_dump(mode="json", exclude_unset=True)
    public = {k: v for k, v in values.items() if k not in SECRET_KEYS}
    secret = {k: v for k, v in values.items() if k in SECRET_KEYS and v not in ("", {}, None)}
    return public, secret


def public_config(source: DataSource) -> dict[str, JSONValue]:
    """What callers see: the non-secret keys, and `<key>_set: true` for each stored secret."""
    shown = dict(source.config)
    for key in SECRET_KEYS:
        if key in source.secrets:
            shown[f"{key}_set"] = True
    return shown


# ---- encryption ---------------------------------------------------------------------------


class SecretBox:
    """Fernet (AES-128-CBC + HMAC-SHA256) over a 32-byte key derived from the installation secret."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the data-source key must have 32 bytes")
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, secrets: Mapping[str, JSONValue]) -> str:
        if not secrets:
            return ""
        return self._fernet.encrypt(json.dumps(dict(secrets), separators=(",", ":")).encode()).decode("ascii")

    def open(self, sealed: str) -> dict[str, JSONValue]:
        """The secrets; raises InvalidToken when they were sealed under another key."""
        if not sealed:
            return {}
        value = json.loads(self._fernet.decrypt(sealed.encode("ascii")))
        return value if isinstance(value, dict) else {}


# ---- limits and target checks -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DataSourceLimits:
    max_rows: int = 1000
    timeout_seconds: float = 10.0
    json_dir: Path = Path("var/data-sources")
    max_bytes: int = 10_000_000
    connect_timeout_seconds: float = 10.0
    idle_connections: int = 32
    """Database connections kept open between queries (per driver; 0: one per query)."""
    idle_seconds: float = 60.0
    """How long a kept connection may wait for its next query."""


class TargetCheck:
    """Database hosts pass the same checks as outbound HTTP: every address the host
    resolves to must be public, or inside `allowed_networks`, or the host is one of
    `allowed_hosts`."""

    def __init__(self, allowed_networks: Sequence[str] = (), allowed_hosts: Sequence[str] = ()) -> None:
        self._networks = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in allowed_networks)
        self._hosts = frozenset(h.strip().rstrip(".").lower() for h in allowed_hosts if h.strip())

    async def address(self, host: str, port: int) -> str:
        """A checked address of `host` to connect to; raises DataSourceUnavailable."""
        name = host.strip().strip("[]").rstrip(".").lower()
        try:
            found = await addresses_of(name, port)
        except (OSError, UnicodeError, ValueError):
            raise DataSourceUnavailable(f"could not resolve {name}") from None
        if not found:
            raise DataSourceUnavailable(f"could not resolve {name}")
        if name not in self._hosts:
            for address in found:
                reason = network_refusal(address, self._networks)
                if reason is not None:
                    raise DataSourceUnavailable(
                        f"{name} ({address}) is {reason}; an operator can allow it with outbound_allowed_networks "
                        "or outbound_allowed_hosts"
                    )
        return str(unmapped(found[0]))


# ---- SQL checks ---------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_LOCKING = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b", re.IGNORECASE
)
_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")


def _code_view(sql: str, dialect: Literal["postgresql", "mysql"]) -> str:
    """`sql` with string literals, quoted identifiers and comments blanked out (same length,
    so positions match), so that keywords and `;` can be found; raises QueryRefused for what
    cannot be checked."""
    out: list[str] = []
    i, n = 0, len(sql)
    mysql = dialect == "mysql"
    while i < n:
        c = sql[i]
        nxt = sql[i + 1] if i + 1 < n else ""
        if c == "-" and nxt == "-" and (not mysql or i + 2 >= n or sql[i + 2] in " \t\r\n\f\v"):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if c == "#" and mysql:
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if c == "/" and nxt == "*":
            if mysql and sql.startswith(("/*!", "/*M!", "/*+"), i):
                raise QueryRefused("executable comments (/*! … */) are not allowed")
            depth, j = 1, i + 2
            while j < n and depth:
                if sql.startswith("*/", j):
                    depth -= 1
                    j += 2
                elif not mysql and sql.startswith("/*", j):
                    depth += 1
                    j += 2
                else:
                    j += 1
            if depth:
                raise QueryRefused("unterminated comment")
            out.append(" " * (j - i))
            i = j
            continue
        if c in "'\"" or (c == "`" and mysql):
            backslash = mysql or (c == "'" and i > 0 and sql[i - 1] in "eE" and not _word_before(sql, i - 1))
            j = i + 1
            while j < n:
                if backslash and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:  # doubled quote
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:
                raise QueryRefused("unterminated quoted text")
            out.append((" " if c == "'" else "x") * (j + 1 - i))  # an identifier stays a word
            i = j + 1
            continue
        if c == "$" and not mysql:
            tag = _DOLLAR_TAG.match(sql, i)
            if tag is not None and not _word_before(sql, i):
                end = sql.find(tag.group(0), tag.end())
                if end < 0:
                    raise QueryRefused("unterminated dollar-quoted text")
                out.append(" " * (end + len(tag.group(0)) - i))
                i = end + len(tag.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _word_before(sql: str, i: int) -> bool:
    return i > 0 and (sql[i - 1].isalnum() or sql[i - 1] in "_$")


def check_read_only(sql: str, dialect: Literal["postgresql", "mysql"]) -> str:
    """`sql` without a trailing `;` when it is one read-only statement; else QueryRefused (400)."""
    if len(sql) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_CHARS} characters")
    code = _code_view(sql, dialect)
    assert len(code) == len(sql)
    first_semicolon = code.find(";")
    if first_semicolon >= 0:
        if code[first_semicolon + 1 :].strip():
            raise QueryRefused("only one statement is allowed")
        sql = sql[:first_semicolon]
        code = code[:first_semicolon]
    words = _WORD.findall(code.lstrip().lstrip("("))
    if not words:
        raise QueryRefused("the query is empty")
    verb = words[0].upper()
    if verb not in READ_VERBS or not code.lstrip().lstrip("(").upper().startswith(verb):
        raise QueryRefused(
            f"only read-only queries are allowed (SELECT, WITH, SHOW, EXPLAIN, DESCRIBE, VALUES), not {verb[:32]}"
        )
    if _LOCKING.search(code):
        raise QueryRefused("locking clauses (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) are not allowed")
    if dialect == "mysql" and {"OUTFILE", "DUMPFILE"} & {w.upper() for w in words}:
        raise QueryRefused("SELECT … INTO OUTFILE / DUMPFILE is not allowed")
    return sql.strip()


# ---- JSON-safe values ---------------------------------------------------------------------

_MAX_SAFE_INT = 2**53


def json_safe(value: Any) -> JSONValue:
    """A database value as JSON: Decimal → number when exact, else text; big integers →
    text; dates and times → ISO 8601; intervals → seconds; bytes → base64; anything else
    (UUID, network addresses, ranges, …) → its text."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if -_MAX_SAFE_INT <= value <= _MAX_SAFE_INT else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal):
        if value.is_finite():
            if value == value.to_integral_value() and abs(value) <= _MAX_SAFE_INT:
                return int(value)
            as_float = float(value)
            if decimal.Decimal(repr(as_float)) == value:
                return as_float
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(json_safe(v) for v in value)
    return str(value)


def _row(names: Sequence[str], values: Sequence[Any]) -> dict[str, JSONValue]:
    """A row as an object; a repeated column name gets a suffix (`id`, `id_2`)."""
    row: dict[str, JSONValue] = {}
    for name, value in zip(names, values, strict=True):
        key, n = name, 1
        while key in row:
            n += 1
            key = f"{name}_{n}"
        row[key] = json_safe(value)
    return row


def _ssl_context(mode: bool | str) -> ssl.SSLContext | None:
    if mode in (False, "disable"):
        return None
    if mode == "verify-full":
        return ssl.create_default_context()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


# ---- the drivers --------------------------------------------------------------------------


C = TypeVar("C")


class _Stale(Exception):
    """The connection broke before the query ran (a kept one the server closed meanwhile)."""


@dataclass
class _Use:
    """How a query left its connection: `keep` when it may serve the next query."""

    keep: bool = False


async def _on_connection(
    idle: IdleConnections[C],
    key: tuple[Any, ...],
    connect: Callable[[], Awaitable[C]],
    query: Callable[[C, _Use], Awaitable[QueryResult]],
    drop: Callable[[C], None],
    what: str,
) -> QueryResult:
    """Run `query` on a kept connection for `key` (or a new one); keep the connection
    afterwards when the query says so, else drop it. A kept connection found broken is
    replaced once (the queries are read-only, so running one again is harmless)."""
    for attempt in range(2):
        kept = idle.take(key) if attempt == 0 else None
        connection = kept if kept is not None else await connect()
        use = _Use()
        try:
            return await query(connection, use)
        except _Stale as exc:
            if kept is None:
                raise DataSourceUnavailable(f"lost the connection to {what}: {exc}") from None
        finally:
            if use.keep:
                idle.give(key, connection)
            else:
                drop(connection)
    raise DataSourceUnavailable(f"lost the connection to {what}")


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


def _mysql_error(exc: Exception) -> tuple[int, str]:
    args: tuple[Any, ...] = getattr(exc, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return args[0], str(args[1])
    return 0, str(exc)


_MYSQL_TIMEOUT_CODES = frozenset({1969, 3024, 1317})  # MariaDB max_statement_time, MySQL max_execution_time, killed
_MYSQL_GONE_CODES = frozenset({2006, 2013, 2055})  # server gone away, lost connection


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
            cursor = await conn.cursor()
            if "mariadb" in (conn.get_server_info() or "").lower():
                await cursor.execute(f"SET SESSION max_statement_time = {limits.timeout_seconds:.3f}")
            else:
                await cursor.execute(f"SET SESSION max_execution_time = {max(1, int(limits.timeout_seconds * 1000))}")
            await cursor.close()
        except pymysql.err.MySQLError as exc:
            conn.close()
            raise DataSourceUnavailable(f"MySQL refused the session setup: {_mysql_error(exc)[1]}") from None
        except BaseException:
            conn.close()
            raise
        return conn

    async def query(conn: Any, use: _Use) -> QueryResult:
        if conn.closed:
            raise _Stale("closed")
        cursor = await conn.cursor(aiomysql.SSCursor)
        try:
            await cursor.execute("START TRANSACTION READ ONLY")
        except (pymysql.err.MySQLError, OSError) as exc:
            raise _Stale(_mysql_error(exc)[1] if isinstance(exc, pymysql.err.MySQLError) else _reason(exc)) from None
        try:
            await cursor.execute(sql, tuple(params) if params else None)
            names = [d[0] for d in cursor.description or ()]
            fetched = await cursor.fetchmany(limit + 1) if names else []
        except pymysql.err.MySQLError as exc:
            code, message = _mysql_error(exc)
            if code in _MYSQL_TIMEOUT_CODES:
                raise QueryTimeout(
                    f"the query was stopped after {limits.timeout_seconds:g}s (statement time limit)"
                ) from None
            if code in _MYSQL_GONE_CODES or isinstance(exc, pymysql.err.InterfaceError):
                raise _Stale(message) from None
            raise QueryRefused(f"MySQL refused the query: {message}") from None
        except (TypeError, ValueError) as exc:  # parameters that do not fit the placeholders
            raise QueryRefused(f"the query could not be run: {exc}") from None
        rows: list[JSONValue] = [_row(names, list(r)) for r in fetched[:limit]]
        if len(fetched) <= limit:  # every row was read: end the transaction and keep the connection
            try:
                await cursor.close()
                await conn.rollback()
            except (pymysql.err.MySQLError, OSError):
                pass  # the rows are read; the connection is just not kept
            else:
                use.keep = True
        return QueryResult(rows, truncated=len(fetched) > limit)

    return await _on_connection(idle, key, connect, query, _close_mysql_now, f"MySQL at {config.host}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    args: tuple[Any, ...] = getattr(exc, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return str(args[1])
    text = str(exc).strip()
    return text[:300] or type(exc).__name__


def _dotted(document: JSONValue, path: str) -> JSONValue:
    """The value at a dotted path (`items.0.name`; "" = the document); QueryRefused when absent."""
    path = path.strip()
    value = document
    if not path:
        return value
    for segment in path.split("."):
        if not _SEGMENT.fullmatch(segment):
            raise QueryRefused(f"invalid path {path[:200]!r}")
        if isinstance(value, dict) and segment in value:
            value = value[segment]
        elif isinstance(value, list) and segment.lstrip("-").isdigit() and -len(value) <= int(segment) < len(value):
            value = value[int(segment)]
        else:
            raise QueryRefused(f"nothing at {path[:200]!r} in the document")
    return value


def _rows_of(value: JSONValue, limit: int) -> QueryResult:
    rows = list(value) if isinstance(value, list) else [value]
    return QueryResult(rows[:limit], truncated=len(rows) > limit)


# ---- the use cases ------------------------------------------------------------------------


class DataSourceUseCases:
    """CRUD, tests and queries of a team's data sources. Every call acts in the caller's
    team (a member user, `x-team-id` to pick one of the user's teams, or a team API key):
    another team's data source is not found. Returned DataSources carry the public config
    (`public_config`), never secrets."""

    def __init__(
        self,
        factory: SessionFactory,
        accounts: AccountUseCases,
        key: bytes,
        limits: DataSourceLimits,
        *,
        http: HttpFetcher | None = None,
        targets: TargetCheck | None = None,
    ) -> None:
        self._factory = factory
        self._accounts = accounts
        self._box = SecretBox(key)
        self.limits = limits
        self._http = http
        self._targets = targets or TargetCheck()
        self._json_dir = limits.json_dir.resolve()
        self._idle_postgres: IdleConnections[Any] = IdleConnections(
            _close_postgres, max_idle=limits.idle_connections, idle_seconds=limits.idle_seconds
        )
        self._idle_mysql: IdleConnections[Any] = IdleConnections(
            _close_mysql, max_idle=limits.idle_connections, idle_seconds=limits.idle_seconds
        )

    async def close(self) -> None:
        """Close the kept database connections (on shutdown)."""
        await self._idle_postgres.close()
        await self._idle_mysql.close()

    def _forget_connections(self, data_source_id: str) -> None:
        for idle in (self._idle_postgres, self._idle_mysql):
            idle.forget(lambda key: isinstance(key, tuple) and key[0] == data_source_id)

    # -- CRUD ------------------------------------------------------------------------------

    async def list_sources(
        self, authorization: str | None, team: str, skip: int, limit: int, *, type: str = "", status: str = ""
    ) -> list[DataSource]:
        async with UnitOfWork(self._factory) as uow:
            actor = await self._accounts.actor(uow, authorization, team)
            found = await uow.data_sources.page(actor.team_id, skip, limit, type=type, status=status)
        return [self._public(s, sealed) for s, sealed in found]

    async def get(self, authorization: str | None, team: str, data_source_id: str) -> DataSource:
        async with UnitOfWork(self._factory) as uow:
            actor = await self._accounts.actor(uow, authorization, team)
            source, sealed = await uow.data_sources.get(actor.team_id, data_source_id)
        return self._public(source, sealed)

    async def create(
        self,
        authorization: str | None,
        team: str,
        *,
        name: str,
        type: str,
        description: str,
        config: Mapping[str, JSONValue],
    ) -> DataSource:
        actor = await self._accounts.authenticate(authorization, team)
        problems = []
        name = name.strip()
        if not 1 <= len(name) <= MAX_NAME:
            problems.append(FieldViolation("name", f"1 to {MAX_NAME} characters"))
        if len(description) > MAX_DESCRIPTION:
            problems.append(FieldViolation("description", f"at most {MAX_DESCRIPTION} characters"))
        if type not in TYPES:
            problems.append(FieldViolation("type", f"one of: {', '.join(TYPES)}"))
        if problems:
            raise ValidationFailed("; ".join(f"{p.field}: {p.message}" for p in problems), violations=problems)
        kind = DataSourceType(type)
        public, secret = _split(validate_config(kind, _without_markers(config)))
        now = dt.datetime.now(dt.UTC)
        async with UnitOfWork(self._factory) as uow:
            source = DataSource(str(uuid.uuid4()), actor.team_id, name, kind, description, public, "active", now, now)
            sealed = self._box.seal(secret)
            await uow.data_sources.add(source, sealed)
            await uow.commit()
        log.info("data source created", extra={"data_source_id": source.id, "team_id": source.team_id, "type": type})
        return self._public(source, sealed)

    async def update(
        self,
        authorization: str | None,
        team: str,
        data_source_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        config: Mapping[str, JSONValue] | None = None,
    ) -> DataSource:
        """Absent fields keep their value; config keys merge into the stored ones (a key
        given as null is removed, back to its default; absent secrets are kept)."""
        await self._accounts.authenticate(authorization, team)
        problems = []
        if name is not None:
            name = name.strip()
            if not 1 <= len(name) <= MAX_NAME:
                problems.append(FieldViolation("name", f"1 to {MAX_NAME} characters"))
        if description is not None and len(description) > MAX_DESCRIPTION:
            problems.append(FieldViolation("description", f"at most {MAX_DESCRIPTION} characters"))
        if problems:
            raise ValidationFailed("; ".join(f"{p.field}: {p.message}" for p in problems), violations=problems)
        async with UnitOfWork(self._factory) as uow:
            actor = await self._accounts.actor(uow, authorization, team)
            source, sealed = await uow.data_sources.get(actor.team_id, data_source_id)
            public, secret = source.config, self._open(sealed, strict=bool(config))
            if config:
                merged: dict[str, JSONValue] = {**public, **secret}
                for key, value in _without_markers(config).items():
                    if value is None:
                        merged.pop(key, None)
                    else:
                        merged[key] = value
                public, secret = _split(validate_config(source.type, merged))
            sealed = self._box.seal(secret) if config else sealed
            source, sealed = await uow.data_sources.update(
                actor.team_id,
                data_source_id,
                name=source.name if name is None else name,
                description=source.description if description is None else description,
                config=dict(public),
                secret=sealed,
                updated_at=dt.datetime.now(dt.UTC),
            )
            await uow.commit()
        self._forget_connections(data_source_id)
        return self._public(source, sealed)

    async def delete(self, authorization: str | None, team: str, data_source_id: str) -> None:
        async with UnitOfWork(self._factory) as uow:
            actor = await self._accounts.actor(uow, authorization, team)
            await uow.data_sources.delete(actor.team_id, data_source_id)
            await uow.commit()
        self._forget_connections(data_source_id)

    # -- test and query ------------------------------------------------------------------------

    async def test(self, authorization: str | None, team: str, data_source_id: str) -> tuple[bool, str]:
        """(worked, message): connects and runs a trivial query; records `active` or `error`.
        A failure to connect is an answer, not an error."""
        async with UnitOfWork(self._factory) as uow:
            actor = await self._accounts.actor(uow, authorization, team)
            source, sealed = await uow.data_sources.get(actor.team_id, data_source_id)
        ok, message = True, "Connection successful"
        try:
            source = replace(source, secrets=self._open(sealed, strict=True))
            await self._probe(source)
        except FlowgateError as exc:
            ok, message = False, exc.message
        async with UnitOfWork(self._factory) as uow:
            await uow.data_sources.set_status(source.team_id, source.id, "active" if ok else "error")
            await uow.commit()
        return ok, message

    async def run(
        self, authorization: str | None, team: str, data_source_id: str, query: str, limit: int | None
    ) -> QueryResult:
        """A read-only query on behalf of the caller (the management API)."""
        actor = await self._accounts.authenticate(authorization, team)
        return await self.query_of_team(actor.team_id, data_source_id, query, limit)

    async def query_of_team(
        self,
        team_id: str,
        data_source_id: str,
        query: str,
        limit: int | None = None,
        params: Sequence[JSONValue] = (),
    ) -> QueryResult:
        """A read-only query on a data source of `team_id` (another team's is not found)."""
        if limit is not None and limit < 1:
            raise ValidationFailed("limit must be 1 or more", violations=[FieldViolation("limit", "1 or more")])
        rows = min(limit or self.limits.max_rows, self.limits.max_rows)
        async with UnitOfWork(self._factory) as uow:
            source, sealed = await uow.data_sources.get(team_id, data_source_id)
        source = replace(source, secrets=self._open(sealed, strict=True))
        return await self._execute(source, query, rows, params)

    async def _probe(self, source: DataSource) -> None:
        if source.type in (DataSourceType.MYSQL, DataSourceType.POSTGRESQL):
            await self._execute(source, "SELECT 1", 1, ())
        elif source.type is DataSourceType.API:
            await self._api(source, "", 1, probe=True)
        else:
            await self._execute(source, "", 1, ())

    async def _execute(self, source: DataSource, query: str, limit: int, params: Sequence[JSONValue]) -> QueryResult:
        config = _typed(source)
        grace = self.limits.timeout_seconds + min(self.limits.connect_timeout_seconds, self.limits.timeout_seconds) + 1
        try:
            async with asyncio.timeout(grace):
                if isinstance(config, SqlConfig):
                    if not query.strip():
                        raise ValidationFailed("query is required", violations=[FieldViolation("query", "required")])
                    dialect: Literal["postgresql", "mysql"] = (
                        "mysql" if source.type is DataSourceType.MYSQL else "postgresql"
                    )
                    sql = check_read_only(query, dialect)
                    address = await self._targets.address(config.host, config.effective_port)
                    password = str(source.secrets.get("password") or "")
                    # A kept connection serves the same data source, as last updated, at the same checked address.
                    key = (source.id, source.updated_at, address)
                    if isinstance(config, MySqlConfig):
                        return await _mysql(
                            config, password, address, sql, params, limit, self.limits, self._idle_mysql, key
                        )
                    assert isinstance(config, PostgresConfig)
                    return await _postgres(
                        config, password, address, sql, params, limit, self.limits, self._idle_postgres, key
                    )
                if params:
                    raise QueryRefused(f"params are only for SQL data sources, not {source.type.value}")
                if isinstance(config, ApiConfig):
                    return await self._api(source, query, limit)
                assert isinstance(config, JsonConfig)
                document = config.data if config.path is None else await self._read_json(config.path)
                return _rows_of(_dotted(document, query), limit)
        except TimeoutError:
            raise QueryTimeout(f"the query did not finish within {grace:g}s") from None

    async def _api(self, source: DataSource, query: str, limit: int, *, probe: bool = False) -> QueryResult:
        config = _typed(source)
        assert isinstance(config, ApiConfig)
        if self._http is None:
            raise DataSourceUnavailable("outbound HTTP is not available on this server")
        url = _api_url(config.base_url, query)
        headers = dict(config.headers)
        if config.token:
            headers["Authorization"] = f"Bearer {config.token}"
        if config.api_key:
            headers[config.api_key_header] = config.api_key
        headers.setdefault("Accept", "application/json")
        request = HttpRequest(
            "GET",
            url,
            headers=headers,
            timeout_seconds=min(config.timeout, self.limits.timeout_seconds),
            max_response_bytes=self.limits.max_bytes,
        )
        try:
            response = await self._http.fetch(request)
        except HttpError as exc:
            raise DataSourceUnavailable(str(exc)) from None
        host = urlsplit(url).hostname or "the API"
        if probe:
            # The base URL itself need not be a resource (404 is fine); refused credentials
            # and server errors are not.
            if response.status in (401, 403, 407) or response.status >= 500:
                raise DataSourceUnavailable(f"HTTP {response.status} from {host}")
            return QueryResult([])
        if not 200 <= response.status < 300:
            raise DataSourceUnavailable(f"HTTP {response.status} from {host}")
        if response.truncated:
            raise LimitExceeded(f"the response from {host} is larger than {self.limits.max_bytes} bytes")
        try:
            document: JSONValue = json.loads(response.body)
        except ValueError:
            raise QueryRefused(f"the response from {host} is not JSON") from None
        return _rows_of(_dotted(document, config.rows_path), limit)

    async def _read_json(self, relative: str) -> JSONValue:
        base = self._json_dir
        target = (base / relative).resolve()
        if not target.is_relative_to(base):
            raise QueryRefused("the file is outside the server's data_source_json_dir")

        def read() -> bytes:
            with target.open("rb") as f:
                return f.read(self.limits.max_bytes + 1)

        try:
            data = await asyncio.to_thread(read)
        except FileNotFoundError:
            raise DataSourceUnavailable(f"the file {relative!r} does not exist") from None
        except OSError:
            raise DataSourceUnavailable(f"the file {relative!r} cannot be read") from None
        if len(data) > self.limits.max_bytes:
            raise LimitExceeded(f"the file {relative!r} is larger than {self.limits.max_bytes} bytes")
        try:
            value: JSONValue = json.loads(data)
        except ValueError:
            raise DataSourceUnavailable(f"the file {relative!r} is not valid JSON") from None
        return value

    # -- helpers ---------------------------------------------------------------------------

    def _open(self, sealed: str, *, strict: bool) -> dict[str, JSONValue]:
        try:
            return self._box.open(sealed)
        except (InvalidToken, ValueError):
            log.warning("stored data-source credentials cannot be decrypted (was the secret key changed?)")
            if strict:
                raise DataSourceUnavailable(
                    "the stored credentials cannot be decrypted (the server's secret key changed?); set them again"
                ) from None
            return {}

    def _public(self, source: DataSource, sealed: str) -> DataSource:
        shown = replace(source, secrets=self._open(sealed, strict=False))
        return replace(source, config=public_config(shown), secrets={})


def _typed(source: DataSource) -> _Config:
    """The stored config (with its secrets), typed. Never shows pydantic's message: it
    would quote the values, secrets included."""
    try:
        return CONFIG_MODELS[source.type].model_validate({**source.config, **source.secrets})
    except ValidationError:
        raise DataSourceUnavailable("the stored config is not valid any more; update the data source") from None


def _without_markers(config: Mapping[str, JSONValue]) -> dict[str, JSONValue]:
    """`config` without the `<secret>_set` markers answers carry (callers may send them back)."""
    markers = {f"{k}_set" for k in SECRET_KEYS}
    return {k: v for k, v in config.items() if k not in markers}


def _api_url(base_url: str, query: str) -> str:
    """`query` (a path with an optional query string) appended to `base_url`; no other host,
    no `..`."""
    query = query.strip()
    if "://" in query or query.startswith("//") or "#" in query or "\\" in query:
        raise QueryRefused("an api query is a path (and query string) relative to the data source's base_url")
    path = query.split("?", 1)[0]
    if any(seg in ("..", ".") or seg.lower().replace("%2e", ".") in ("..", ".") for seg in path.split("/")):
        raise QueryRefused("'.' and '..' are not allowed in an api query path")
    if not query:
        return base_url
    if query.startswith("?"):
        return base_url + ("&" + query[1:] if "?" in base_url else query)
    return base_url.rstrip("/") + "/" + query.lstrip("/")


class EngineDataSources:
    """`DataSourceQueries` for `data_source` blocks: errors become DataSourceError."""

    def __init__(self, use_cases: DataSourceUseCases) -> None:
        self._use_cases = use_cases

    async def query(
        self,
        team_id: str,
        data_source_id: str,
        query: str,
        limit: int | None = None,
        params: Sequence[JSONValue] = (),
    ) -> QueryResult:
        if not team_id:
            raise DataSourceError("data sources need a run started by a team")
        try:
            return await self._use_cases.query_of_team(team_id, data_source_id, query, limit, params)
        except FlowgateError as exc:
            raise DataSourceError(exc.message) from None
