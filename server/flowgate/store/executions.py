"""Management-API executions and their log records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound
from flowgate.domain.models import Execution, ExecutionLog, ExecutionStatus, JSONValue, LogLevel
from flowgate.domain.queries import ExecutionQuery, LogSummary, NodeLogCount
from flowgate.store.search import contains
from flowgate.store.tables import ExecutionLogRow, ExecutionRow, WorkflowRow

OPEN = (ExecutionStatus.PENDING.value, ExecutionStatus.RUNNING.value)
"""Statuses of executions that have not ended."""


def _execution(row: ExecutionRow) -> Execution:
    return Execution(
        id=row.id,
        team_id=row.team_id,
        workflow_id=row.workflow_id,
        workflow_version=row.workflow_version,
        status=ExecutionStatus(row.status),
        input_data=row.input_data,
        task_id=row.task_id,
        created_by=row.created_by,
        created_at=row.created_at,
        output_data=row.output_data,
        error_message=row.error_message,
        execution_time_ms=row.execution_time_ms,
        progress=row.progress,
        current_node=row.current_node,
        started_at=row.started_at,
        finished_at=row.finished_at,
        heartbeat_at=row.heartbeat_at,
    )


def _log(row: ExecutionLogRow) -> ExecutionLog:
    return ExecutionLog(
        id=row.id,
        execution_id=row.execution_id,
        seq=row.seq,
        node_id=row.node_id,
        node_type=row.node_type,
        level=LogLevel(row.level),
        message=row.message,
        timestamp=row.timestamp,
        duration_ms=row.duration_ms,
    )


class ExecutionRepository:
    """Executions are written with Core statements (one INSERT or UPDATE each); status
    changes are conditional on the execution not having ended, so a cancellation made
    elsewhere is never overwritten."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    # -- executions ------------------------------------------------------------------------

    async def add(self, execution: Execution) -> None:
        await self._s.execute(
            insert(ExecutionRow).values(
                id=execution.id,
                team_id=execution.team_id,
                workflow_id=execution.workflow_id,
                workflow_version=execution.workflow_version,
                status=execution.status.value,
                input_data=execution.input_data,
                output_data=execution.output_data,
                error_message=execution.error_message,
                execution_time_ms=execution.execution_time_ms,
                progress=execution.progress,
                current_node=execution.current_node,
                task_id=execution.task_id,
                created_by=execution.created_by,
                created_at=execution.created_at,
                started_at=execution.started_at,
                finished_at=execution.finished_at,
                heartbeat_at=execution.created_at,
            )
        )

    async def get(self, execution_id: str, team_id: str) -> Execution:
        """The team's execution; NotFound for an unknown one or another team's."""
        row = await self._s.get(ExecutionRow, execution_id)
        if row is None or row.team_id != team_id:
            raise NotFound("Execution not found")
        return _execution(row)

    async def list_team(self, team_id: str, query: ExecutionQuery) -> list[Execution]:
        stmt = select(ExecutionRow).where(ExecutionRow.team_id == team_id)
        if query.workflow_id:
            stmt = stmt.where(ExecutionRow.workflow_id == query.workflow_id)
        if query.status:
            stmt = stmt.where(ExecutionRow.status == query.status)
        if query.search:
            names = select(WorkflowRow.id).where(
                WorkflowRow.team_id == team_id, contains(WorkflowRow.name, query.search)
            )
            stmt = stmt.where(
                or_(
                    contains(ExecutionRow.id, query.search),
                    contains(ExecutionRow.error_message, query.search),
                    ExecutionRow.workflow_id.in_(names),
                )
            )
        stmt = stmt.order_by(ExecutionRow.created_at.desc(), ExecutionRow.id.desc())
        stmt = stmt.offset(query.skip).limit(query.limit)
        return [_execution(r) for r in (await self._s.execute(stmt)).scalars()]

    async def mark_running(self, execution_id: str, started_at: datetime) -> bool:
        """pending → running; False when it is no longer pending (cancelled meanwhile)."""
        result = await self._s.execute(
            update(ExecutionRow)
            .where(ExecutionRow.id == execution_id, ExecutionRow.status == ExecutionStatus.PENDING.value)
            .values(status=ExecutionStatus.RUNNING.value, started_at=started_at, heartbeat_at=started_at)
        )
        return bool(getattr(result, "rowcount", 1))

    async def set_progress(self, execution_id: str, progress: int, current_node: str) -> bool:
        """Records where a running execution is; False when it is no longer running (it
        was cancelled by another replica)."""
        result = await self._s.execute(
            update(ExecutionRow)
            .where(ExecutionRow.id == execution_id, ExecutionRow.status == ExecutionStatus.RUNNING.value)
            .values(progress=progress, current_node=current_node, heartbeat_at=datetime.now(UTC))
        )
        return bool(getattr(result, "rowcount", 1))

    async def silent(self, silent_since: datetime, limit: int) -> list[Execution]:
        """Open executions (of any team) whose heartbeat is older than `silent_since`."""
        stmt = (
            select(ExecutionRow)
            .where(
                ExecutionRow.status.in_(OPEN),
                or_(ExecutionRow.heartbeat_at < silent_since, ExecutionRow.heartbeat_at.is_(None)),
            )
            .limit(limit)
        )
        return [_execution(r) for r in (await self._s.execute(stmt)).scalars()]

    async def end_if_lost(self, execution_id: str, silent_since: datetime, message: str, now: datetime) -> bool:
        """Ends (failed) an open execution whose heartbeat is older than `silent_since`: the
        process running it is gone. False when it is alive or already ended."""
        result = await self._s.execute(
            update(ExecutionRow)
            .where(
                ExecutionRow.id == execution_id,
                ExecutionRow.status.in_(OPEN),
                or_(ExecutionRow.heartbeat_at < silent_since, ExecutionRow.heartbeat_at.is_(None)),
            )
            .values(status=ExecutionStatus.FAILED.value, error_message=message, progress=100, finished_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    async def finish(
        self,
        execution_id: str,
        status: ExecutionStatus,
        *,
        output_data: JSONValue,
        error_message: str,
        execution_time_ms: int,
        progress: int,
        current_node: str,
        finished_at: datetime,
    ) -> bool:
        """Writes the end of an execution that has not ended yet; False when it had."""
        result = await self._s.execute(
            update(ExecutionRow)
            .where(ExecutionRow.id == execution_id, ExecutionRow.status.in_(OPEN))
            .values(
                status=status.value,
                output_data=output_data,
                error_message=error_message,
                execution_time_ms=execution_time_ms,
                progress=progress,
                current_node=current_node,
                finished_at=finished_at,
            )
        )
        return bool(getattr(result, "rowcount", 1))

    # -- log records -------------------------------------------------------------------------

    async def add_logs(self, logs: Sequence[ExecutionLog]) -> None:
        if not logs:
            return
        await self._s.execute(
            insert(ExecutionLogRow),
            [
                {
                    "id": r.id,
                    "execution_id": r.execution_id,
                    "seq": r.seq,
                    "node_id": r.node_id,
                    "node_type": r.node_type,
                    "level": r.level.value,
                    "message": r.message,
                    "duration_ms": r.duration_ms,
                    "timestamp": r.timestamp,
                }
                for r in logs
            ],
        )

    async def list_logs(
        self, execution_id: str, *, level: str = "", node_id: str = "", skip: int = 0, limit: int = 100
    ) -> tuple[list[ExecutionLog], int]:
        """One page of an execution's records (oldest first) and how many match in all."""
        where = [ExecutionLogRow.execution_id == execution_id]
        if level:
            where.append(ExecutionLogRow.level == level)
        if node_id:
            where.append(ExecutionLogRow.node_id == node_id)
        total = (await self._s.execute(select(func.count()).select_from(ExecutionLogRow).where(*where))).scalar_one()
        stmt = select(ExecutionLogRow).where(*where).order_by(ExecutionLogRow.seq).offset(skip).limit(limit)
        return [_log(r) for r in (await self._s.execute(stmt)).scalars()], int(total)

    async def summary(self, execution_id: str, max_errors: int = 1000) -> LogSummary:
        of_execution = ExecutionLogRow.execution_id == execution_id
        per_level = dict.fromkeys(LogLevel, 0)
        levels = select(ExecutionLogRow.level, func.count()).where(of_execution).group_by(ExecutionLogRow.level)
        for level, count in (await self._s.execute(levels)).all():
            per_level[LogLevel(level)] = int(count)
        nodes = (
            select(
                ExecutionLogRow.node_id,
                func.max(ExecutionLogRow.node_type),
                func.count(),
                func.coalesce(func.sum(ExecutionLogRow.duration_ms), 0),
                func.min(ExecutionLogRow.seq),
            )
            .where(of_execution, ExecutionLogRow.node_id != "")
            .group_by(ExecutionLogRow.node_id)
            .order_by(func.min(ExecutionLogRow.seq))
        )
        per_node = [
            NodeLogCount(node_id, node_type or "", int(count), int(duration))
            for node_id, node_type, count, duration, _first in (await self._s.execute(nodes)).all()
        ]
        errors = (
            select(ExecutionLogRow)
            .where(of_execution, ExecutionLogRow.level == LogLevel.ERROR.value)
            .order_by(ExecutionLogRow.seq)
            .limit(max_errors)
        )
        return LogSummary(
            total=sum(per_level.values()),
            per_level=per_level,
            per_node=per_node,
            errors=[_log(r) for r in (await self._s.execute(errors)).scalars()],
        )
