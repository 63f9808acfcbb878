"""Team memberships: which users belong to which team, with which role (a team keeps at
least one owner: `owners` counts them for the use case that checks it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound, Taken
from flowgate.domain.models import Team, TeamMember, TeamRole
from flowgate.store.tables import TeamMemberRow, TeamRow, UserRow
from flowgate.store.teams import team_from_row


class MembershipRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, member: TeamMember) -> None:
        existing = await self._s.get(TeamMemberRow, (member.team_id, member.user_id))
        if existing is not None:
            raise Taken("The user is already a member of the team")
        self._s.add(
            TeamMemberRow(
                team_id=member.team_id, user_id=member.user_id, role=member.role.value, joined_at=member.joined_at
            )
        )
        await self._s.flush()

    async def role_of(self, team_id: str, user_id: str) -> TeamRole | None:
        row = await self._s.get(TeamMemberRow, (team_id, user_id))
        return None if row is None else TeamRole(row.role)

    async def teams_of(self, user_id: str) -> list[tuple[Team, TeamRole, datetime]]:
        """(team, the user's role, when the user joined) for each of the user's teams, oldest membership first."""
        stmt = (
            select(TeamRow, TeamMemberRow)
            .join(TeamMemberRow, TeamMemberRow.team_id == TeamRow.id)
            .where(TeamMemberRow.user_id == user_id)
            .order_by(TeamMemberRow.joined_at, TeamRow.id)
        )
        out = []
        for team, member in (await self._s.execute(stmt)).all():
            out.append((team_from_row(team), TeamRole(member.role), member.joined_at))
        return out

    async def members(self, team_id: str) -> list[TeamMember]:
        stmt = (
            select(TeamMemberRow, UserRow.username)
            .join(UserRow, UserRow.id == TeamMemberRow.user_id)
            .where(TeamMemberRow.team_id == team_id)
            .order_by(TeamMemberRow.joined_at, TeamMemberRow.user_id)
        )
        return [
            TeamMember(m.team_id, m.user_id, username, TeamRole(m.role), m.joined_at)
            for m, username in (await self._s.execute(stmt)).all()
        ]

    async def remove(self, team_id: str, user_id: str) -> None:
        result = await self._s.execute(
            delete(TeamMemberRow).where(TeamMemberRow.team_id == team_id, TeamMemberRow.user_id == user_id)
        )
        if getattr(result, "rowcount", 0) == 0:
            raise NotFound("The user is not a member of the team")

    async def owners(self, team_id: str) -> int:
        stmt = select(func.count()).where(TeamMemberRow.team_id == team_id, TeamMemberRow.role == TeamRole.OWNER.value)
        return int((await self._s.execute(stmt)).scalar_one())
