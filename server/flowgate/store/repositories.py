"""One repository per aggregate. They translate rows to domain models and back."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import AlreadyExists, DeploymentNotFound, NotFound
from flowgate.domain.models import (
    ApiKey,
    Graph,
    Release,
    ReleaseAlias,
    Route,
    Schedule,
    Team,
    Visibility,
    Workflow,
)
from flowgate.store.tables import (
    ApiKeyRow,
    CreditEntryRow,
    IdempotencyKeyRow,
    ReleaseAliasRow,
    ReleaseRow,
    ScheduleRow,
    TeamRow,
    WorkflowRow,
    WorkflowVersionRow,
)


def _team(row: TeamRow) -> Team:
    return Team(row.id, row.name, row.created_at, row.credits)


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, team: Team) -> None:
        self._s.add(TeamRow(id=team.id, name=team.name, created_at=team.created_at, credits=team.credits))
        await self._s.flush()

    async def find_by_name(self, name: str) -> Team | None:
        row = (await self._s.execute(select(TeamRow).where(TeamRow.name == name))).scalar_one_or_none()
        return None if row is None else _team(row)

    async def get(self, team_id: str) -> Team:
        row = await self._s.get(TeamRow, team_id)
        if row is None:
            raise NotFound(f"Team {team_id!r} not found")
        return _team(row)

    async def list_all(self) -> list[Team]:
        return [_team(r) for r in (await self._s.execute(select(TeamRow).order_by(TeamRow.name))).scalars()]

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


class WorkflowRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, wf: Workflow, *, created_by: str = "", comment: str = "") -> None:
        """The workflow and its first version (two INSERTs, no ORM flush)."""
        graph = wf.graph.to_json()
        await self._s.execute(
            insert(WorkflowRow).values(
                id=wf.id,
                team_id=wf.team_id,
                name=wf.name,
                description=wf.description,
                graph=graph,
                version=wf.version,
                created_at=wf.created_at,
                updated_at=wf.updated_at,
                status="draft",
            )
        )
        await self._s.execute(
            insert(WorkflowVersionRow).values(
                workflow_id=wf.id,
                version=wf.version,
                name=wf.name,
                description=wf.description,
                graph=graph,
                comment=comment,
                created_by=created_by,
                created_at=wf.created_at,
            )
        )

    async def mark_published(self, workflow_id: str) -> None:
        await self._s.execute(update(WorkflowRow).where(WorkflowRow.id == workflow_id).values(status="published"))

    async def get(self, workflow_id: str, team_id: str) -> Workflow:
        row = await self._s.get(WorkflowRow, workflow_id)
        if row is None or row.team_id != team_id or row.deleted_at is not None:
            raise NotFound(f"Workflow {workflow_id!r} not found")
        return Workflow(
            row.id,
            row.team_id,
            row.name,
            row.description,
            Graph.from_json(row.graph),
            row.version,
            row.created_at,
            row.updated_at,
        )


def _routes(raw: dict[str, Any] | None) -> tuple[Route, ...]:
    return tuple(Route(r["name"], r["method"], r["path"], r.get("deployment_id")) for r in (raw or {}).get("items", []))


def _release(row: ReleaseRow) -> Release:
    return Release(
        deployment_id=row.deployment_id,
        document_id=row.document_id,
        workflow_id=row.workflow_id,
        workflow_version=row.workflow_version,
        team_id=row.team_id,
        version=row.version,
        visibility=Visibility(row.visibility),
        content_hash=row.content_hash,
        created_at=row.created_at,
        routes=_routes(row.routes),
        retired_at=row.retired_at,
    )


class ReleaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, release: Release, snapshot: dict[str, Any], semver: tuple[int, int, int]) -> None:
        self._s.add(
            ReleaseRow(
                deployment_id=release.deployment_id,
                document_id=release.document_id,
                workflow_id=release.workflow_id,
                workflow_version=release.workflow_version,
                team_id=release.team_id,
                version=release.version,
                major=semver[0],
                minor=semver[1],
                patch=semver[2],
                visibility=release.visibility.value,
                snapshot=snapshot,
                content_hash=release.content_hash,
                created_at=release.created_at,
                routes={
                    "items": [
                        {"name": r.name, "method": r.method, "path": r.path, "deployment_id": r.deployment_id}
                        for r in release.routes
                    ]
                },
                retired_at=None,
            )
        )
        await self._s.flush()

    async def retire(self, deployment_id: str) -> Release:
        row = await self._s.get(ReleaseRow, deployment_id)
        if row is None:
            raise DeploymentNotFound()
        if row.retired_at is None:
            row.retired_at = datetime.now(UTC)
            await self._s.flush()
        return _release(row)

    async def list_team(self, team_id: str, document_id: str = "") -> list[Release]:
        stmt = select(ReleaseRow).where(ReleaseRow.team_id == team_id)
        if document_id:
            stmt = stmt.where(ReleaseRow.document_id == document_id)
        stmt = stmt.order_by(ReleaseRow.created_at.desc())
        return [_release(r) for r in (await self._s.execute(stmt)).scalars()]

    async def get(self, deployment_id: str) -> Release:
        row = await self._s.get(ReleaseRow, deployment_id)
        if row is None:
            raise DeploymentNotFound()
        return _release(row)

    async def get_with_snapshot(self, deployment_id: str) -> tuple[Release, dict[str, Any]]:
        row = await self._s.get(ReleaseRow, deployment_id)
        if row is None:
            raise DeploymentNotFound()
        return _release(row), row.snapshot

    async def list_document(self, document_id: str, *, live_only: bool = True) -> list[Release]:
        """The document's releases, newest version first (retired ones only if asked)."""
        stmt = (
            select(ReleaseRow)
            .where(ReleaseRow.document_id == document_id)
            .where(ReleaseRow.retired_at.is_(None) if live_only else true())
            .order_by(ReleaseRow.major.desc(), ReleaseRow.minor.desc(), ReleaseRow.patch.desc())
        )
        return [_release(r) for r in (await self._s.execute(stmt)).scalars()]

    async def document_of_workflow(self, workflow_id: str) -> str | None:
        stmt = select(ReleaseRow.document_id).where(ReleaseRow.workflow_id == workflow_id).limit(1)
        return (await self._s.execute(stmt)).scalar_one_or_none()


class AliasRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, alias: str) -> ReleaseAlias | None:
        row = await self._s.get(ReleaseAliasRow, alias)
        return None if row is None else ReleaseAlias(row.alias, row.document_id, row.team_id)

    async def set(self, alias: ReleaseAlias) -> None:
        """Point `alias` at a document; an alias another team holds is a conflict."""
        row = await self._s.get(ReleaseAliasRow, alias.alias)
        if row is None:
            self._s.add(
                ReleaseAliasRow(
                    alias=alias.alias,
                    document_id=alias.document_id,
                    team_id=alias.team_id,
                    created_at=datetime.now(UTC),
                )
            )
        elif row.team_id != alias.team_id:
            raise AlreadyExists(f"Release alias {alias.alias!r} belongs to another team")
        else:
            row.document_id = alias.document_id
        await self._s.flush()

    async def list_team(self, team_id: str) -> list[ReleaseAlias]:
        stmt = select(ReleaseAliasRow).where(ReleaseAliasRow.team_id == team_id).order_by(ReleaseAliasRow.alias)
        return [ReleaseAlias(r.alias, r.document_id, r.team_id) for r in (await self._s.execute(stmt)).scalars()]


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
