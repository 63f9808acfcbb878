"""Release aliases: a team's name pointing at one released document, moved by setting it
again. An alias name is global; another team's alias is a conflict."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import AlreadyExists
from flowgate.domain.models import ReleaseAlias
from flowgate.store.tables import ReleaseAliasRow


class AliasRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, alias: str) -> ReleaseAlias | None:
        row = await self._s.get(ReleaseAliasRow, alias)
        return None if row is None else ReleaseAlias(row.alias, row.document_id, row.team_id)

    async def set(self, alias: ReleaseAlias) -> None:
        """Point `alias` at a document; an alias another team holds is a conflict."""
        row = await self._s.get(ReleaseAliasRow, alias.alias)
        if row is None:
            self._s.add(
                ReleaseAliasRow(
                    alias=alias.alias,
                    document_id=alias.document_id,
                    team_id=alias.team_id,
                    created_at=datetime.now(UTC),
                )
            )
        elif row.team_id != alias.team_id:
            raise AlreadyExists(f"Release alias {alias.alias!r} belongs to another team")
        else:
            row.document_id = alias.document_id
        await self._s.flush()

    async def list_team(self, team_id: str) -> list[ReleaseAlias]:
        stmt = select(ReleaseAliasRow).where(ReleaseAliasRow.team_id == team_id).order_by(ReleaseAliasRow.alias)
        return [ReleaseAlias(r.alias, r.document_id, r.team_id) for r in (await self._s.execute(stmt)).scalars()]
