"""A team's API keys and app keys (bound to one app by its document id). Only a key's
hash is stored; a revoked key stays listed."""

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
                document_id=key.document_id or None,
            )
        )
        await self._s.flush()

    async def list_team(self, team_id: str, *, app_keys: bool = False) -> list[ApiKey]:
        """The team's keys (`app_keys`: its app keys instead)."""
        bound = ApiKeyRow.document_id.is_not(None) if app_keys else ApiKeyRow.document_id.is_(None)
        stmt = select(ApiKeyRow).where(ApiKeyRow.team_id == team_id, bound).order_by(ApiKeyRow.created_at)
        return [_key(r) for r in (await self._s.execute(stmt)).scalars()]

    async def revoke(self, key_id: str, team_id: str, *, app_key: bool | None = False) -> ApiKey:
        """Revokes a team key (`app_key`: an app key; None: either)."""
        row = await self._s.get(ApiKeyRow, key_id)
        if row is None or row.team_id != team_id or app_key not in (None, row.document_id is not None):
            raise NotFound(f"{'App' if app_key else 'API'} key {key_id!r} not found")
        if row.revoked_at is None:
            row.revoked_at = datetime.now(UTC)
            await self._s.flush()
        return _key(row)

    async def find_active_by_hash(self, key_hash: str) -> ApiKey | None:
        stmt = select(ApiKeyRow).where(ApiKeyRow.key_hash == key_hash, ApiKeyRow.revoked_at.is_(None))
        row = (await self._s.execute(stmt)).scalar_one_or_none()
        return None if row is None else _key(row)


def _key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(row.id, row.team_id, row.name, row.prefix, row.created_at, row.revoked_at, row.document_id or "")
