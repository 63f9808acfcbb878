"""data_source: runs a read-only query on one of the team's data sources.

Config: `data_source_id`, `query` (a template with `{references}`: SQL for databases, a
path for `api`, a dotted path for `json`), `params` (values bound to the SQL's
placeholders — `$1`, `$2` in PostgreSQL, `%s` in MySQL; a lone `{reference}` keeps its
value's type), `limit`. Output: `{"data": [rows], "count": n, "truncated": bool}`.

The run's team (whose key started it) is the only team whose data sources the block can
reach; the data-source service enforces read-only access (no function that changes the
session, writes or reads server files), a clean session per query, row, byte and time
limits. See docs/blocks/data_source.md.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator

from flowgate.domain.models import JSONValue
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed
from flowgate.engine.references import REFERENCE
from flowgate.engine.services import DataSourceError


def _compile(source: str) -> str:
    try:
        templates.compile_template(source)
    except templates.TemplateError as exc:
        raise ValueError(str(exc)) from None
    return source


class DataSourceConfig(BlockConfig):
    data_source_id: str = Field(min_length=1, max_length=200)
    """The data source (of the team that runs the app); a template."""
    query: str = Field(default="", max_length=100_000)
    """SQL (one read-only statement), an API path, or a dotted JSON path; a template."""
    params: list[Any] = Field(default_factory=list, max_length=100)
    """Values for the SQL's placeholders: templates (a lone `{reference}` keeps its type) or literals."""
    limit: int | None = Field(default=None, ge=1, le=100_000)
    """At most this many rows (the server caps it)."""

    @field_validator("data_source_id", "query")
    @classmethod
    def _template(cls, value: str) -> str:
        return _compile(value)

    @field_validator("params")
    @classmethod
    def _params(cls, value: list[Any]) -> list[Any]:
        for item in value:
            if isinstance(item, dict | list):
                raise ValueError("a parameter is a string, number, boolean or null")
            if isinstance(item, str):
                _compile(item)
        return value


class DataSourceBlock:
    name: ClassVar[str] = "data_source"
    config_model: ClassVar[type[BlockConfig]] = DataSourceConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: DataSourceConfig = ctx.config
        service = ctx.services.data_sources
        if service is None:
            raise BlockFailed("data sources are not available on this server (no data-source service configured)")
        source_id = ctx.render(config.data_source_id).strip()
        if not source_id:
            raise BlockFailed("data_source_id is empty after rendering")
        query = ctx.render(config.query)
        params = [_param(ctx, p) for p in config.params]
        try:
            result = await service.query(ctx.team_id, source_id, query, config.limit, params)
        except DataSourceError as exc:
            raise BlockFailed(f"data source {source_id[:64]}: {exc}") from None
        return {"data": list(result.rows), "count": len(result.rows), "truncated": result.truncated}


def _param(ctx: BlockContext, item: Any) -> JSONValue:
    if not isinstance(item, str):
        return item
    ref = REFERENCE.fullmatch(item.strip())
    value = ctx.resolve(ref.group(1)) if ref else ctx.render(item)
    if isinstance(value, dict | list):
        raise BlockFailed("a query parameter must be a string, number, boolean or null, not an object or list")
    return value
