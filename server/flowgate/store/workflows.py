"""Workflows: the workflow row (its current version, status and soft deletion) and its
version history. Released apps read a workflow as a `Workflow` (`get`); the management
API reads it with its status as a `ManagedWorkflow` (`get_managed`, `list_team`) and
changes it one version at a time (`change`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound
from flowgate.domain.models import Graph, ManagedWorkflow, Workflow, WorkflowStatus, WorkflowVersion
from flowgate.domain.queries import WorkflowQuery
from flowgate.store.search import contains
from flowgate.store.tables import WorkflowRow, WorkflowVersionRow


def _workflow(row: Any) -> Workflow:
    """From an ORM row or a Core row of the workflows table (same attribute names)."""
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


def _managed(row: Any) -> ManagedWorkflow:
    """From an ORM row or a Core row of the workflows table."""
    return ManagedWorkflow(_workflow(row), WorkflowStatus(row.status))


def _version(row: WorkflowVersionRow) -> WorkflowVersion:
    return WorkflowVersion(
        row.workflow_id,
        row.version,
        row.name,
        row.description,
        Graph.from_json(row.graph),
        row.comment,
        row.created_by,
        row.created_at,
    )


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
        """The team's workflow (its current version) to release or run."""
        row = await self._s.get(WorkflowRow, workflow_id)
        if row is None or row.team_id != team_id or row.deleted_at is not None:
            raise NotFound(f"Workflow {workflow_id!r} not found")
        return _workflow(row)

    async def get_managed(self, workflow_id: str, team_id: str) -> ManagedWorkflow:
        """The team's workflow with its status, as the management API shows it."""
        # A Core select: no identity map or ORM objects for a read.
        table = WorkflowRow.__table__
        row = (await self._s.execute(select(table).where(table.c.id == workflow_id))).first()
        if row is None or row.team_id != team_id or row.deleted_at is not None:
            raise NotFound("Workflow not found")
        return _managed(row)

    async def list_team(self, team_id: str, query: WorkflowQuery) -> list[ManagedWorkflow]:
        stmt = select(WorkflowRow).where(WorkflowRow.team_id == team_id, WorkflowRow.deleted_at.is_(None))
        if query.search:
            stmt = stmt.where(
                or_(contains(WorkflowRow.name, query.search), contains(WorkflowRow.description, query.search))
            )
        if query.status:
            stmt = stmt.where(WorkflowRow.status == query.status)
        column: Any = {"name": func.lower(WorkflowRow.name), "updated_at": WorkflowRow.updated_at}.get(
            query.sort_by, WorkflowRow.created_at
        )
        order = column.desc() if query.descending else column.asc()
        tie = WorkflowRow.id.desc() if query.descending else WorkflowRow.id.asc()
        stmt = stmt.order_by(order, tie).offset(query.skip).limit(query.limit)
        rows = (await self._s.execute(stmt.with_only_columns(*WorkflowRow.__table__.c))).all()
        return [_managed(r) for r in rows]

    async def change(
        self,
        workflow_id: str,
        team_id: str,
        *,
        name: str,
        description: str,
        graph: Graph,
        status: WorkflowStatus,
        comment: str,
        created_by: str,
        now: datetime,
    ) -> ManagedWorkflow:
        """Writes a new current version (the row is locked, so concurrent changes queue)."""
        row = await self._row(workflow_id, team_id, lock=True)
        row.version += 1
        row.name = name
        row.description = description
        row.graph = graph.to_json()
        row.status = status.value
        row.updated_at = now
        self._s.add(
            WorkflowVersionRow(
                workflow_id=row.id,
                version=row.version,
                name=name,
                description=description,
                graph=row.graph,
                comment=comment,
                created_by=created_by,
                created_at=now,
            )
        )
        await self._s.flush()
        return _managed(row)

    async def soft_delete(self, workflow_id: str, team_id: str, now: datetime) -> None:
        row = await self._row(workflow_id, team_id, lock=True)
        row.deleted_at = now
        await self._s.flush()

    async def versions(self, workflow_id: str, team_id: str) -> list[WorkflowVersion]:
        await self._row(workflow_id, team_id)
        stmt = (
            select(WorkflowVersionRow)
            .where(WorkflowVersionRow.workflow_id == workflow_id)
            .order_by(WorkflowVersionRow.version.desc())
        )
        return [_version(r) for r in (await self._s.execute(stmt)).scalars()]

    async def version(self, workflow_id: str, team_id: str, version: int) -> WorkflowVersion:
        await self._row(workflow_id, team_id)
        row = await self._s.get(WorkflowVersionRow, (workflow_id, version))
        if row is None:
            raise NotFound(f"Version {version} of the workflow not found")
        return _version(row)

    async def _row(self, workflow_id: str, team_id: str, *, lock: bool = False) -> WorkflowRow:
        stmt = select(WorkflowRow).where(WorkflowRow.id == workflow_id)
        if lock:
            stmt = stmt.with_for_update()
        row = (await self._s.execute(stmt)).scalar_one_or_none()
        if row is None or row.team_id != team_id or row.deleted_at is not None:
            raise NotFound("Workflow not found")
        return row
