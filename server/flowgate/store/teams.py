"""Teams and their credits: the team row with its balance, and the credit ledger (one row
per change of the balance, written in the same transaction as the change)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound
from flowgate.domain.models import Team
from flowgate.store.tables import CreditEntryRow, TeamRow


def team_from_row(row: TeamRow) -> Team:
    """The domain team of a teams row (also used for the teams a membership lists)."""
    return Team(row.id, row.name, row.created_at, row.credits)


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, team: Team) -> None:
        self._s.add(TeamRow(id=team.id, name=team.name, created_at=team.created_at, credits=team.credits))
        await self._s.flush()

    async def find_by_name(self, name: str) -> Team | None:
        row = (await self._s.execute(select(TeamRow).where(TeamRow.name == name))).scalar_one_or_none()
        return None if row is None else team_from_row(row)

    async def get(self, team_id: str) -> Team:
        row = await self._s.get(TeamRow, team_id)
        if row is None:
            raise NotFound(f"Team {team_id!r} not found")
        return team_from_row(row)

    async def list_all(self) -> list[Team]:
        return [team_from_row(r) for r in (await self._s.execute(select(TeamRow).order_by(TeamRow.name))).scalars()]

    async def take_credits(self, team_id: str, amount: int, *, run_id: str, kind: str, require: bool) -> bool:
        """Subtract `amount` (negative: add) in one statement. With `require`, only when the
        balance covers it; False when it does not. Every change is written to the ledger."""
        stmt = update(TeamRow).where(TeamRow.id == team_id)
        if require:
            stmt = stmt.where(TeamRow.credits >= amount)
        result = await self._s.execute(stmt.values(credits=TeamRow.credits - amount))
        if getattr(result, "rowcount", 1) == 0:
            return False
        await self._s.execute(
            insert(CreditEntryRow).values(
                id=str(uuid.uuid4()),
                team_id=team_id,
                run_id=run_id,
                kind=kind,
                amount=-amount,
                created_at=datetime.now(UTC),
            )
        )
        return True

    async def apply_charges(self, charges: list[tuple[str, str, int]]) -> None:
        """(team id, run id, amount) charges: one balance update per team, one ledger row each."""
        totals: dict[str, int] = {}
        for team_id, _run_id, amount in charges:
            totals[team_id] = totals.get(team_id, 0) + amount
        for team_id, total in totals.items():
            await self._s.execute(update(TeamRow).where(TeamRow.id == team_id).values(credits=TeamRow.credits - total))
        now = datetime.now(UTC)
        await self._s.execute(
            insert(CreditEntryRow),
            [
                {"id": str(uuid.uuid4()), "team_id": t, "run_id": r, "kind": "charge", "amount": -a, "created_at": now}
                for t, r, a in charges
            ],
        )

    async def ledger(self, team_id: str, limit: int = 50) -> list[dict[str, Any]]:
        stmt = (
            select(CreditEntryRow)
            .where(CreditEntryRow.team_id == team_id)
            .order_by(CreditEntryRow.created_at.desc())
            .limit(limit)
        )
        return [
            {"kind": r.kind, "amount": r.amount, "run_id": r.run_id, "created_at": r.created_at.isoformat()}
            for r in (await self._s.execute(stmt)).scalars()
        ]
