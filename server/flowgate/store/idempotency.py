"""Idempotency keys: per team, the request hash and run id a key was first used for."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.store.tables import IdempotencyKeyRow


class IdempotencyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def find(self, team_id: str, key: str) -> tuple[str, str] | None:
        """(request hash, run id) stored under the key."""
        row = await self._s.get(IdempotencyKeyRow, (team_id, key))
        return None if row is None else (row.request_hash, row.run_id)

    async def add(self, team_id: str, key: str, request_hash: str, run_id: str) -> bool:
        """Store the key for `run_id`; False when the team already used the key."""
        try:
            async with self._s.begin_nested():
                await self._s.execute(
                    insert(IdempotencyKeyRow).values(
                        team_id=team_id, key=key, request_hash=request_hash, run_id=run_id, created_at=datetime.now(UTC)
                    )
                )
        except IntegrityError:
            return False
        return True

    async def release(self, team_id: str, key: str, run_id: str) -> None:
        """Forget a key whose run never started."""
        await self._s.execute(
            delete(IdempotencyKeyRow).where(
                IdempotencyKeyRow.team_id == team_id, IdempotencyKeyRow.key == key, IdempotencyKeyRow.run_id == run_id
            )
        )

    async def purge(self, older_than: datetime) -> None:
        await self._s.execute(delete(IdempotencyKeyRow).where(IdempotencyKeyRow.created_at < older_than))
