"""The data-source use cases: CRUD, connection tests and queries."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal
from urllib.parse import urlsplit

from cryptography.fernet import InvalidToken

from flowgate.app.accounts import AccountUseCases
from flowgate.app.data_sources.base import (
    DataSourceLimits,
    DataSourceUnavailable,
    QueryRefused,
    QueryTimeout,
)
from flowgate.app.data_sources.configs import (
    ApiConfig,
    JsonConfig,
    MySqlConfig,
    PostgresConfig,
    SecretBox,
    SqlConfig,
    _split,
    _typed,
    _without_markers,
    public_config,
    validate_config,
)
from flowgate.app.data_sources.documents import _api_url, _dotted, _rows_of
from flowgate.app.data_sources.mysql import _close_mysql, _mysql
from flowgate.app.data_sources.postgres import _close_postgres, _postgres
from flowgate.app.data_sources.sql_check import check_read_only
from flowgate.app.data_sources.targets import TargetCheck
from flowgate.app.idle_connections import IdleConnections
from flowgate.domain.errors import FieldViolation, FlowgateError, LimitExceeded, ValidationFailed
from flowgate.domain.models import DataSource, DataSourceType, JSONValue
from flowgate.engine.services import DataSourceError, HttpError, HttpFetcher, HttpRequest, QueryResult
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)


STATUSES = ("active", "error")
TYPES = tuple(t.value for t in DataSourceType)
MAX_NAME = 200
MAX_DESCRIPTION = 10_000


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
                    if not isinstance(config, PostgresConfig):
                        raise TypeError(f"no SQL driver for {type(config).__name__}")
                    return await _postgres(
                        config, password, address, sql, params, limit, self.limits, self._idle_postgres, key
                    )
                if params:
                    raise QueryRefused(f"params are only for SQL data sources, not {source.type.value}")
                if isinstance(config, ApiConfig):
                    return await self._api(source, query, limit)
                if not isinstance(config, JsonConfig):
                    raise TypeError(f"no reader for {type(config).__name__}")
                document = config.data if config.path is None else await self._read_json(config.path)
                return _rows_of(_dotted(document, query), limit)
        except TimeoutError:
            raise QueryTimeout(f"the query did not finish within {grace:g}s") from None

    async def _api(self, source: DataSource, query: str, limit: int, *, probe: bool = False) -> QueryResult:
        config = _typed(source)
        if not isinstance(config, ApiConfig):
            raise TypeError(f"not an API data source: {type(config).__name__}")
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
