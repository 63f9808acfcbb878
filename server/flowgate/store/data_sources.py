"""A team's data sources (secret config keys stored encrypted).

The repository stores and returns the encrypted secret text as it is (`secret`): the use
cases encrypt and decrypt it, so no key ever reaches the store layer. Every lookup is
scoped to a team: another team's data source is "not found"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound
from flowgate.domain.models import DataSource, DataSourceType
from flowgate.store.tables import DataSourceRow


def _source(row: DataSourceRow) -> tuple[DataSource, str]:
    source = DataSource(
        id=row.id,
        team_id=row.team_id,
        name=row.name,
        type=DataSourceType(row.type),
        description=row.description,
        config=dict(row.config or {}),
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
    return source, row.secret or ""


def _not_found() -> NotFound:
    return NotFound("Data source not found")


class DataSourceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, source: DataSource, secret: str) -> None:
        """Stores `source` (its `secrets` are ignored: `secret` is their encrypted text)."""
        self._s.add(
            DataSourceRow(
                id=source.id,
                team_id=source.team_id,
                name=source.name,
                type=source.type.value,
                description=source.description,
                config=source.config,
                secret=secret,
                status=source.status,
                created_at=source.created_at,
                updated_at=source.updated_at,
            )
        )
        await self._s.flush()

    async def get(self, team_id: str, data_source_id: str) -> tuple[DataSource, str]:
        """(the data source without secrets, its encrypted secret text); NotFound when it
        does not exist or belongs to another team."""
        row = await self._row(team_id, data_source_id)
        return _source(row)

    async def page(
        self, team_id: str, skip: int, limit: int, *, type: str = "", status: str = ""
    ) -> list[tuple[DataSource, str]]:
        """The team's data sources, newest first, optionally of one type and/or status."""
        stmt = select(DataSourceRow).where(DataSourceRow.team_id == team_id)
        if type:
            stmt = stmt.where(DataSourceRow.type == type)
        if status:
            stmt = stmt.where(DataSourceRow.status == status)
        stmt = stmt.order_by(DataSourceRow.created_at.desc(), DataSourceRow.id.desc()).offset(skip).limit(limit)
        return [_source(r) for r in (await self._s.execute(stmt)).scalars()]

    async def update(
        self,
        team_id: str,
        data_source_id: str,
        *,
        name: str,
        description: str,
        config: dict[str, object],
        secret: str,
        updated_at: datetime,
    ) -> tuple[DataSource, str]:
        row = await self._row(team_id, data_source_id)
        row.name = name
        row.description = description
        row.config = config
        row.secret = secret
        row.updated_at = updated_at
        await self._s.flush()
        return _source(row)

    async def delete(self, team_id: str, data_source_id: str) -> None:
        result = await self._s.execute(
            delete(DataSourceRow).where(DataSourceRow.id == data_source_id, DataSourceRow.team_id == team_id)
        )
        if getattr(result, "rowcount", 0) != 1:
            raise _not_found()

    async def set_status(self, team_id: str, data_source_id: str, status: str) -> None:
        """Records the outcome of the last connection test (`active` or `error`); no-op if gone."""
        await self._s.execute(
            update(DataSourceRow)
            .where(DataSourceRow.id == data_source_id, DataSourceRow.team_id == team_id)
            .values(status=status)
        )

    async def _row(self, team_id: str, data_source_id: str) -> DataSourceRow:
        row = await self._s.get(DataSourceRow, data_source_id)
        if row is None or row.team_id != team_id:
            raise _not_found()
        return row
