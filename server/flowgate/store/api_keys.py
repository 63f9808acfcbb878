"""A team's API keys. Only a key's hash is stored; a revoked key stays listed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound
from flowgate.domain.models import ApiKey
from flowgate.store.tables import ApiKeyRow


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, key: ApiKey, key_hash: str) -> None:
        self._s.add(
            ApiKeyRow(
                id=key.id,
                team_id=key.team_id,
                name=key.name,
                prefix=key.prefix,
                key_hash=key_hash,
                created_at=key.created_at,
                revoked_at=key.revoked_at,
            )
        )
        await self._s.flush()

    async def list_team(self, team_id: str) -> list[ApiKey]:
        stmt = select(ApiKeyRow).where(ApiKeyRow.team_id == team_id).order_by(ApiKeyRow.created_at)
        return [
            ApiKey(r.id, r.team_id, r.name, r.prefix, r.created_at, r.revoked_at)
            for r in (await self._s.execute(stmt)).scalars()
        ]

    async def revoke(self, key_id: str, team_id: str) -> ApiKey:
        row = await self._s.get(ApiKeyRow, key_id)
        if row is None or row.team_id != team_id:
            raise NotFound(f"API key {key_id!r} not found")
        if row.revoked_at is None:
            row.revoked_at = datetime.now(UTC)
            await self._s.flush()
        return ApiKey(row.id, row.team_id, row.name, row.prefix, row.created_at, row.revoked_at)

    async def find_active_by_hash(self, key_hash: str) -> ApiKey | None:
        stmt = select(ApiKeyRow).where(ApiKeyRow.key_hash == key_hash, ApiKeyRow.revoked_at.is_(None))
        row = (await self._s.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        return ApiKey(row.id, row.team_id, row.name, row.prefix, row.created_at, row.revoked_at)
