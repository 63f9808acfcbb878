"""One repository per aggregate. They translate rows to domain models and back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import DeploymentNotFound, NotFound
from flowgate.domain.models import (
    ApiKey,
    BlockSession,
    BlockStatus,
    Graph,
    Release,
    Run,
    RunStatus,
    Team,
    Visibility,
    Workflow,
)
from flowgate.store.tables import ApiKeyRow, ReleaseRow, RunRow, TeamRow, WorkflowRow


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, team: Team) -> None:
        self._s.add(TeamRow(id=team.id, name=team.name, created_at=team.created_at))
        await self._s.flush()

    async def find_by_name(self, name: str) -> Team | None:
        row = (await self._s.execute(select(TeamRow).where(TeamRow.name == name))).scalar_one_or_none()
        return None if row is None else Team(row.id, row.name, row.created_at)


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

    async def find_active_by_hash(self, key_hash: str) -> ApiKey | None:
        stmt = select(ApiKeyRow).where(ApiKeyRow.key_hash == key_hash, ApiKeyRow.revoked_at.is_(None))
        row = (await self._s.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        return ApiKey(row.id, row.team_id, row.name, row.prefix, row.created_at, row.revoked_at)


class WorkflowRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, wf: Workflow) -> None:
        self._s.add(
            WorkflowRow(
                id=wf.id,
                team_id=wf.team_id,
                name=wf.name,
                description=wf.description,
                graph=wf.graph.to_json(),
                version=wf.version,
                created_at=wf.created_at,
                updated_at=wf.updated_at,
            )
        )
        await self._s.flush()

    async def get(self, workflow_id: str, team_id: str) -> Workflow:
        row = await self._s.get(WorkflowRow, workflow_id)
        if row is None or row.team_id != team_id:
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
            )
        )
        await self._s.flush()

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

    async def list_document(self, document_id: str) -> list[Release]:
        stmt = (
            select(ReleaseRow)
            .where(ReleaseRow.document_id == document_id)
            .order_by(ReleaseRow.major.desc(), ReleaseRow.minor.desc(), ReleaseRow.patch.desc())
        )
        return [_release(r) for r in (await self._s.execute(stmt)).scalars()]

    async def document_of_workflow(self, workflow_id: str) -> str | None:
        stmt = select(ReleaseRow.document_id).where(ReleaseRow.workflow_id == workflow_id).limit(1)
        return (await self._s.execute(stmt)).scalar_one_or_none()


def _session_json(s: BlockSession) -> dict[str, Any]:
    return {
        "blockId": s.block_id,
        "blockType": s.block_type,
        "blockName": s.block_name,
        "status": s.status.value,
        "output": s.output,
        "error": s.error,
    }


def _run_values(run: Run) -> dict[str, Any]:
    done = run.status is not RunStatus.RUNNING
    return {
        "status": run.status.value,
        "outputs": {"value": run.outputs} if done else None,
        "sessions": {"items": [_session_json(s) for s in run.sessions]} if done else None,
        "duration_ms": run.duration_ms,
        "timed_out": run.timed_out,
        "error_reason": run.error_reason,
        "error_message": run.error_message,
        "ended_at": run.ended_at,
    }


class RunRepository:
    """Runs are written with Core statements (one INSERT or UPDATE each): they are the
    hot path of every run, and need none of the ORM's change tracking."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, run: Run) -> None:
        await self._s.execute(
            insert(RunRow).values(
                id=run.id,
                deployment_id=run.deployment_id,
                document_id=run.document_id,
                team_id=run.team_id,
                caller_team_id=run.caller_team_id,
                inputs=run.inputs,
                created_at=run.created_at,
                **_run_values(run),
            )
        )

    async def save_result(self, run: Run) -> None:
        result = await self._s.execute(update(RunRow).where(RunRow.id == run.id).values(**_run_values(run)))
        if getattr(result, "rowcount", 1) == 0:
            raise NotFound(f"Run {run.id!r} not found")

    async def get(self, run_id: str) -> Run:
        row = await self._s.get(RunRow, run_id)
        if row is None:
            raise NotFound(f"Run {run_id!r} not found")
        sessions = tuple(
            BlockSession(
                block_id=s["blockId"],
                block_type=s["blockType"],
                block_name=s["blockName"],
                status=BlockStatus(s["status"]),
                output=s.get("output"),
                error=s.get("error", ""),
            )
            for s in (row.sessions or {}).get("items", [])
        )
        return Run(
            id=row.id,
            deployment_id=row.deployment_id,
            document_id=row.document_id,
            team_id=row.team_id,
            caller_team_id=row.caller_team_id,
            status=RunStatus(row.status),
            inputs=row.inputs,
            created_at=row.created_at,
            outputs=(row.outputs or {}).get("value"),
            sessions=sessions,
            duration_ms=row.duration_ms,
            timed_out=row.timed_out,
            error_reason=row.error_reason,
            error_message=row.error_message,
            ended_at=row.ended_at,
        )
