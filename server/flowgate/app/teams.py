"""Teams, their API keys and app keys, and credit balances (operator commands)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from flowgate.auth.keys import KeyCache, hash_key, new_key
from flowgate.domain.errors import AlreadyExists, InvalidArgument, NotFound
from flowgate.domain.models import ApiKey, Team
from flowgate.store.uow import SessionFactory, UnitOfWork


async def add_team(uow: UnitOfWork, name: str, credits: int, now: datetime | None = None) -> Team:
    """A new team in `uow`, granted `credits` (a ledger entry) when there are any."""
    team = Team(str(uuid.uuid4()), name, now or datetime.now(UTC), 0)
    await uow.teams.add(team)
    if credits:
        await uow.teams.take_credits(team.id, -credits, run_id="", kind="grant", require=False)
    return team


async def add_app_key(uow: UnitOfWork, team_id: str, name: str, document_id: str) -> tuple[ApiKey, str]:
    """Adds and commits an app key of `document_id`, which must be an app (a document with
    a release) of the team, else NotFound; an empty `team_id`: the app's own team."""
    releases = await uow.releases.list_document(document_id, live_only=False)
    owner = releases[0].team_id if releases else ""
    if not owner or (team_id and owner != team_id):
        raise NotFound(f"App {document_id!r} not found")
    key, raw = new_key(owner, name, document_id)
    await uow.api_keys.add(key, hash_key(raw))
    await uow.commit()
    return key, raw


class TeamAdmin:
    def __init__(self, factory: SessionFactory, keys: KeyCache | None = None, default_credits: int = 0) -> None:
        self._factory = factory
        self._keys = keys
        self._default_credits = default_credits

    async def create_team(self, name: str) -> Team:
        name = name.strip()
        if not name or len(name) > 200:
            raise InvalidArgument("a team name has 1 to 200 characters")
        async with UnitOfWork(self._factory) as uow:
            if await uow.teams.find_by_name(name) is not None:
                raise AlreadyExists(f"Team {name!r} already exists")
            team = await add_team(uow, name, self._default_credits)
            await uow.commit()
            return Team(team.id, team.name, team.created_at, self._default_credits)

    async def ensure_team(self, name: str) -> Team:
        async with UnitOfWork(self._factory) as uow:
            team = await uow.teams.find_by_name(name)
        return team if team is not None else await self.create_team(name)

    async def _team(self, uow: UnitOfWork, name: str) -> Team:
        team = await uow.teams.find_by_name(name)
        if team is None:
            raise NotFound(f"Team {name!r} not found")
        return team

    async def list_teams(self) -> list[Team]:
        async with UnitOfWork(self._factory) as uow:
            return await uow.teams.list_all()

    async def create_api_key(self, team_name: str, key_name: str) -> tuple[ApiKey, str]:
        """A new key for the team; the returned secret is shown once and never stored."""
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            key, raw = new_key(team.id, key_name)
            await uow.api_keys.add(key, hash_key(raw))
            await uow.commit()
            return key, raw

    async def create_app_key(self, document_id: str, key_name: str, team_name: str = "") -> tuple[ApiKey, str]:
        """A new app key of the app `document_id` (of `team_name`'s team when given); the
        returned secret is shown once and never stored."""
        async with UnitOfWork(self._factory) as uow:
            team_id = (await self._team(uow, team_name)).id if team_name else ""
            return await add_app_key(uow, team_id, key_name, document_id)

    async def list_api_keys(self, team_name: str, *, app_keys: bool = False) -> list[ApiKey]:
        """The team's keys (`app_keys`: its app keys instead)."""
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            return await uow.api_keys.list_team(team.id, app_keys=app_keys)

    async def revoke_api_key(self, team_name: str, key_id: str) -> ApiKey:
        """Revokes a team key or an app key of the team."""
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            key = await uow.api_keys.revoke(key_id, team.id, app_key=None)
            await uow.commit()
        if self._keys is not None:
            self._keys.forget_key(key_id)
        return key

    async def add_credits(self, team_name: str, amount: int) -> Team:
        """Add (or with a negative amount, remove) credits; written to the team's ledger."""
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            await uow.teams.take_credits(team.id, -amount, run_id="", kind="grant", require=False)
            await uow.commit()
            return await uow.teams.get(team.id)

    async def credits(self, team_name: str) -> tuple[Team, list[dict[str, Any]]]:
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            ledger = await uow.teams.ledger(team.id)
            # Each statement sees what was committed before it (PostgreSQL, read committed):
            # the balance is read after the ledger, so it includes every entry listed (a
            # charge committed between the two reads is in the balance, not yet listed).
            return await uow.teams.get(team.id), ledger
