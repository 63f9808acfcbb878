"""Schedules of a deployment's runs: cron, next/last run, the trigger token's hash, and the
conditional claim that lets one replica run a due schedule."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound
from flowgate.domain.models import Schedule
from flowgate.store.tables import ScheduleRow


def _schedule(row: ScheduleRow) -> Schedule:
    return Schedule(
        id=row.id,
        team_id=row.team_id,
        deployment_id=row.deployment_id,
        name=row.name,
        cron=row.cron,
        inputs=row.inputs,
        token_prefix=row.token_prefix,
        enabled=row.enabled,
        created_at=row.created_at,
        next_run_at=row.next_run_at,
        last_run_at=row.last_run_at,
        last_run_id=row.last_run_id,
    )


class ScheduleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, schedule: Schedule, token_hash: str) -> None:
        self._s.add(
            ScheduleRow(
                id=schedule.id,
                team_id=schedule.team_id,
                deployment_id=schedule.deployment_id,
                name=schedule.name,
                cron=schedule.cron,
                inputs=schedule.inputs,
                token_hash=token_hash,
                token_prefix=schedule.token_prefix,
                enabled=schedule.enabled,
                created_at=schedule.created_at,
                next_run_at=schedule.next_run_at,
                last_run_at=None,
                last_run_id="",
            )
        )
        await self._s.flush()

    async def find_by_token_hash(self, token_hash: str) -> Schedule | None:
        row = (
            await self._s.execute(select(ScheduleRow).where(ScheduleRow.token_hash == token_hash))
        ).scalar_one_or_none()
        return None if row is None else _schedule(row)

    async def get(self, schedule_id: str, team_id: str) -> Schedule:
        row = await self._s.get(ScheduleRow, schedule_id)
        if row is None or row.team_id != team_id:
            raise NotFound(f"Schedule {schedule_id!r} not found")
        return _schedule(row)

    async def list_team(self, team_id: str) -> list[Schedule]:
        stmt = select(ScheduleRow).where(ScheduleRow.team_id == team_id).order_by(ScheduleRow.created_at)
        return [_schedule(r) for r in (await self._s.execute(stmt)).scalars()]

    async def due(self, now: datetime, limit: int = 100) -> list[Schedule]:
        stmt = (
            select(ScheduleRow)
            .where(ScheduleRow.enabled.is_(True), ScheduleRow.next_run_at.is_not(None), ScheduleRow.next_run_at <= now)
            .order_by(ScheduleRow.next_run_at)
            .limit(limit)
        )
        return [_schedule(r) for r in (await self._s.execute(stmt)).scalars()]

    async def claim(self, schedule_id: str, expected_next: datetime, next_run_at: datetime | None) -> bool:
        """Move a due schedule to its next time, only if nobody did already (one replica runs it)."""
        result = await self._s.execute(
            update(ScheduleRow)
            .where(ScheduleRow.id == schedule_id, ScheduleRow.next_run_at == expected_next)
            .values(next_run_at=next_run_at, last_run_at=datetime.now(UTC))
        )
        return getattr(result, "rowcount", 1) == 1

    async def record_run(self, schedule_id: str, run_id: str) -> None:
        await self._s.execute(update(ScheduleRow).where(ScheduleRow.id == schedule_id).values(last_run_id=run_id))

    async def set_enabled(self, schedule_id: str, team_id: str, enabled: bool, next_run_at: datetime | None) -> None:
        await self.get(schedule_id, team_id)
        await self._s.execute(
            update(ScheduleRow).where(ScheduleRow.id == schedule_id).values(enabled=enabled, next_run_at=next_run_at)
        )

    async def delete(self, schedule_id: str, team_id: str) -> None:
        await self.get(schedule_id, team_id)
        await self._s.execute(delete(ScheduleRow).where(ScheduleRow.id == schedule_id))
