"""Teams and their API keys (operator commands)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flowgate.auth.keys import hash_key, new_key
from flowgate.domain.errors import AlreadyExists, NotFound
from flowgate.domain.models import ApiKey, Team
from flowgate.store.uow import SessionFactory, UnitOfWork


class TeamAdmin:
    def __init__(self, factory: SessionFactory) -> None:
        self._factory = factory

    async def create_team(self, name: str) -> Team:
        async with UnitOfWork(self._factory) as uow:
            if await uow.teams.find_by_name(name) is not None:
                raise AlreadyExists(f"Team {name!r} already exists")
            team = Team(str(uuid.uuid4()), name, datetime.now(UTC))
            await uow.teams.add(team)
            await uow.commit()
            return team

    async def ensure_team(self, name: str) -> Team:
        async with UnitOfWork(self._factory) as uow:
            team = await uow.teams.find_by_name(name)
        return team if team is not None else await self.create_team(name)

    async def create_api_key(self, team_name: str, key_name: str) -> tuple[ApiKey, str]:
        """A new key for the team; the returned secret is shown once and never stored."""
        async with UnitOfWork(self._factory) as uow:
            team = await uow.teams.find_by_name(team_name)
            if team is None:
                raise NotFound(f"Team {team_name!r} not found")
            key, raw = new_key(team.id, key_name)
            await uow.api_keys.add(key, hash_key(raw))
            await uow.commit()
            return key, raw
