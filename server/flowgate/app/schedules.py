"""Cron schedules (operator commands): each runs one deployment of its team with fixed inputs.

A schedule has a token (`st-…`, shown once, stored as SHA-256) bound to its deployment;
the scheduler runs it as the schedule's principal, and so can a cron job of your own
through the released-app HTTP route."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from croniter import CroniterError, croniter  # type: ignore[import-untyped]

from flowgate.auth.keys import SCHEDULE_PREFIX, hash_key, new_secret
from flowgate.domain.errors import DeploymentNotFound, FieldViolation, InvalidArgument, NotFound
from flowgate.domain.models import JSONValue, Principal, Schedule, Team
from flowgate.store.uow import SessionFactory, UnitOfWork

CRON_FIELDS = ("minute", "hour", "day of month", "month", "day of week")


def _invalid_cron(message: str) -> InvalidArgument:
    return InvalidArgument(f"cron: {message}", violations=[FieldViolation("cron", message)])


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime (SQLite hands back naive UTC values)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def validate_cron(expression: str) -> str:
    """The expression, normalized to single spaces, if it is a 5-field cron expression
    (minute hour day-of-month month day-of-week) that fires at all."""
    fields = expression.split()
    if len(fields) != len(CRON_FIELDS):
        raise _invalid_cron(f"expected 5 fields ({', '.join(CRON_FIELDS)}), got {len(fields)}: {expression.strip()!r}")
    normalized = " ".join(fields)
    if not croniter.is_valid(normalized):
        raise _invalid_cron(f"not a valid cron expression: {normalized!r}")
    try:
        croniter(normalized, datetime.now(UTC)).get_next(datetime)
    except CroniterError as exc:
        raise _invalid_cron(f"{normalized!r} never fires") from exc
    return normalized


def next_fire(expression: str, after: datetime) -> datetime:
    """The first time strictly after `after` (UTC) at which `expression` fires."""
    nxt: datetime = croniter(expression, as_utc(after)).get_next(datetime)
    return as_utc(nxt)


def schedule_principal(schedule: Schedule) -> Principal:
    """Who a schedule runs as: its team, bound to its deployment."""
    return Principal(schedule.team_id, f"schedule:{schedule.id}", schedule_deployment_id=schedule.deployment_id)


def _inputs(raw: object) -> dict[str, JSONValue]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise InvalidArgument(
            "inputs: a JSON object", violations=[FieldViolation("inputs", "a JSON object of input values")]
        )
    try:
        decoded: dict[str, JSONValue] = json.loads(json.dumps(raw))
    except (TypeError, ValueError) as exc:
        raise InvalidArgument("inputs: not JSON", violations=[FieldViolation("inputs", "JSON values only")]) from exc
    return decoded


class ScheduleAdmin:
    def __init__(self, factory: SessionFactory) -> None:
        self._factory = factory

    @staticmethod
    async def _team(uow: UnitOfWork, name: str) -> Team:
        team = await uow.teams.find_by_name(name)
        if team is None:
            raise NotFound(f"Team {name!r} not found")
        return team

    async def create(
        self,
        team_name: str,
        deployment_id: str,
        cron: str,
        *,
        name: str = "",
        inputs: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> tuple[Schedule, str]:
        """A new, enabled schedule of the team's live deployment, and its token (shown once,
        only its hash is stored). Its first run is the first cron time after `now`."""
        expression = validate_cron(cron)
        name = name.strip() or "schedule"
        if len(name) > 200:
            raise InvalidArgument("name: at most 200 characters", violations=[FieldViolation("name", "at most 200")])
        values = _inputs({} if inputs is None else inputs)
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            release = await uow.releases.get(deployment_id)
            if release.team_id != team.id or release.retired_at is not None:
                raise DeploymentNotFound()
            token = new_secret(SCHEDULE_PREFIX)
            created = datetime.now(UTC)
            schedule = Schedule(
                id=str(uuid.uuid4()),
                team_id=team.id,
                deployment_id=release.deployment_id,
                name=name,
                cron=expression,
                inputs=values,
                token_prefix=token[:10],
                enabled=True,
                created_at=created,
                next_run_at=next_fire(expression, now or created),
            )
            await uow.schedules.add(schedule, hash_key(token))
            await uow.commit()
            return schedule, token

    async def list(self, team_name: str) -> list[Schedule]:
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            return await uow.schedules.list_team(team.id)

    async def get(self, team_name: str, schedule_id: str) -> Schedule:
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            return await uow.schedules.get(schedule_id, team.id)

    async def set_enabled(
        self, team_name: str, schedule_id: str, enabled: bool, *, now: datetime | None = None
    ) -> Schedule:
        """Enable (next run: the first cron time after `now`) or disable (no next run)."""
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            schedule = await uow.schedules.get(schedule_id, team.id)
            next_run_at = next_fire(schedule.cron, now or datetime.now(UTC)) if enabled else None
            await uow.schedules.set_enabled(schedule_id, team.id, enabled, next_run_at)
            await uow.commit()
        return await self.get(team_name, schedule_id)

    async def enable(self, team_name: str, schedule_id: str, *, now: datetime | None = None) -> Schedule:
        return await self.set_enabled(team_name, schedule_id, True, now=now)

    async def disable(self, team_name: str, schedule_id: str) -> Schedule:
        return await self.set_enabled(team_name, schedule_id, False)

    async def delete(self, team_name: str, schedule_id: str) -> None:
        async with UnitOfWork(self._factory) as uow:
            team = await self._team(uow, team_name)
            await uow.schedules.delete(schedule_id, team.id)
            await uow.commit()
