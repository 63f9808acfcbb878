"""An app's runs as its callers see them: numbered per app (Dify's `sequence_number`)
and listed newest first with filters (Dify's workflow logs)."""

from __future__ import annotations

from sqlalchemy import String, cast, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.models import Run
from flowgate.domain.queries import RunFilter
from flowgate.store.runs import run_from_row
from flowgate.store.tables import RunRow, RunSequenceRow


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


class AppRunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def next_sequence(self, document_id: str) -> int:
        """The app's next run number, from 1 (the row lock orders concurrent callers)."""
        for _ in range(3):
            bumped = await self._s.execute(
                update(RunSequenceRow)
                .where(RunSequenceRow.document_id == document_id)
                .values(last=RunSequenceRow.last + 1)
            )
            if getattr(bumped, "rowcount", 0):
                found = await self._s.scalar(
                    select(RunSequenceRow.last).where(RunSequenceRow.document_id == document_id)
                )
                return int(found or 1)
            try:
                async with self._s.begin_nested():
                    await self._s.execute(insert(RunSequenceRow).values(document_id=document_id, last=1))
                return 1
            except IntegrityError:
                continue  # a concurrent caller numbered the app's first run: bump after it
        raise RuntimeError("could not number the run")

    async def page(
        self, document_id: str, team_id: str, where: RunFilter, offset: int, limit: int
    ) -> tuple[list[Run], int]:
        """The app's runs the team may read (its own app's, or its calls of it), newest
        first, and how many there are in all."""
        conditions = [
            RunRow.document_id == document_id,
            or_(RunRow.team_id == team_id, RunRow.caller_team_id == team_id),
        ]
        if where.status is not None:
            conditions.append(RunRow.status == where.status.value)
        if where.created_before is not None:
            conditions.append(RunRow.created_at < where.created_before)
        if where.created_after is not None:
            conditions.append(RunRow.created_at > where.created_after)
        if where.end_user:
            conditions.append(RunRow.end_user == where.end_user)
        if where.keyword:
            pattern = _like(where.keyword)
            conditions.append(
                or_(
                    func.lower(cast(RunRow.inputs, String)).like(pattern, escape="\\"),
                    func.lower(cast(RunRow.outputs, String)).like(pattern, escape="\\"),
                    func.lower(RunRow.end_user).like(pattern, escape="\\"),
                )
            )
        total = await self._s.scalar(select(func.count()).select_from(RunRow).where(*conditions))
        rows = await self._s.scalars(
            select(RunRow).where(*conditions).order_by(RunRow.created_at.desc(), RunRow.id).offset(offset).limit(limit)
        )
        return [run_from_row(row) for row in rows], int(total or 0)
