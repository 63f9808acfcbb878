"""Released-app runs: rows written in batches, heartbeats, and ending runs whose process died."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound
from flowgate.domain.models import BlockSession, BlockStatus, Run, RunError, RunStatus
from flowgate.store.tables import RunRow

BEAT_CHUNK = 500
"""Run ids per heartbeat UPDATE (SQLite allows 999 bound values on old builds)."""


def _session_json(s: BlockSession) -> dict[str, Any]:
    return {
        "blockId": s.block_id,
        "blockType": s.block_type,
        "blockName": s.block_name,
        "status": s.status.value,
        "output": s.output,
        "error": s.error.message if s.error else "",
        "errorReason": s.error.reason if s.error else "",
    }


def _new_run_values(run: Run, now: datetime | None) -> dict[str, Any]:
    return {
        "id": run.id,
        "deployment_id": run.deployment_id,
        "document_id": run.document_id,
        "team_id": run.team_id,
        "caller_team_id": run.caller_team_id,
        "inputs": run.inputs,
        "created_at": run.created_at,
        "heartbeat_at": now or run.created_at,
        "end_user": run.end_user,
        **_run_values(run),
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


def _silent(silent_since: datetime) -> Any:
    return or_(RunRow.heartbeat_at < silent_since, RunRow.heartbeat_at.is_(None))


class RunRepository:
    """Runs are written with Core statements (one INSERT or UPDATE each): they are the
    hot path of every run, and need none of the ORM's change tracking."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, run: Run, now: datetime | None = None) -> None:
        """Insert a run's row; its heartbeat is `now` (default: when it was created)."""
        await self._s.execute(insert(RunRow).values(**_new_run_values(run, now)))

    async def add_many(self, runs: Sequence[Run], now: datetime | None = None) -> None:
        """One INSERT of several rows."""
        await self._s.execute(insert(RunRow), [_new_run_values(run, now) for run in runs])

    async def save_result(self, run: Run) -> None:
        result = await self._s.execute(update(RunRow).where(RunRow.id == run.id).values(**_run_values(run)))
        if getattr(result, "rowcount", 1) == 0:
            raise NotFound(f"Run {run.id!r} not found")

    async def save_results(self, runs: Sequence[Run]) -> None:
        """The results of several runs: one UPDATE by primary key, executed for each."""
        await self._s.execute(update(RunRow), [{"id": run.id, **_run_values(run)} for run in runs])

    async def remove_running(self, run_id: str) -> None:
        """Delete the running row of a run that never started."""
        await self._s.execute(delete(RunRow).where(RunRow.id == run_id, RunRow.status == RunStatus.RUNNING.value))

    async def beat(self, run_ids: Iterable[str], now: datetime) -> None:
        """Refresh the heartbeat of these running runs: one UPDATE per BEAT_CHUNK ids."""
        ids = list(run_ids)
        for i in range(0, len(ids), BEAT_CHUNK):
            chunk = ids[i : i + BEAT_CHUNK]
            await self._s.execute(
                update(RunRow)
                .where(RunRow.id.in_(chunk), RunRow.status == RunStatus.RUNNING.value)
                .values(heartbeat_at=now)
                .execution_options(synchronize_session=False)
            )

    async def silent(self, silent_since: datetime, limit: int) -> list[Run]:
        """Running runs whose heartbeat is older than `silent_since` (at most `limit`)."""
        stmt = (
            select(RunRow)
            .where(RunRow.status == RunStatus.RUNNING.value, _silent(silent_since))
            .order_by(RunRow.heartbeat_at)
            .limit(limit)
        )
        return [run_from_row(row) for row in (await self._s.execute(stmt)).scalars()]

    async def end_if_lost(self, run: Run, silent_since: datetime, reason: str, message: str, now: datetime) -> bool:
        """End (failed, with `reason`) a running run whose heartbeat is still older than
        `silent_since`: its process is gone. False when it is alive or already ended (safe
        when several replicas try at once: exactly one ends it)."""
        beat = run.heartbeat_at or run.created_at
        result = await self._s.execute(
            update(RunRow)
            .where(RunRow.id == run.id, RunRow.status == RunStatus.RUNNING.value, _silent(silent_since))
            .values(
                status=RunStatus.FAILED.value,
                outputs={"value": None},
                sessions={"items": []},
                duration_ms=max(0, int((_aware(beat) - _aware(run.created_at)).total_seconds() * 1000)),
                error_reason=reason,
                error_message=message,
                ended_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def get(self, run_id: str) -> Run:
        row = await self._s.get(RunRow, run_id)
        if row is None:
            raise NotFound(f"Run {run_id!r} not found")
        return run_from_row(row)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC values."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _session_error(s: dict[str, Any]) -> RunError | None:
    """A stored session's error: rows written before reasons were stored name none; a
    failed block's error is BLOCK_FAILED, a stopped one's BLOCK_CANCELLED."""
    message = s.get("error") or ""
    if not message:
        return None
    reason = s.get("errorReason") or (
        "BLOCK_CANCELLED" if s.get("status") == BlockStatus.CANCELLED.value else "BLOCK_FAILED"
    )
    return RunError(reason, message, s["blockId"])


def run_from_row(row: RunRow) -> Run:
    sessions = tuple(
        BlockSession(
            block_id=s["blockId"],
            block_type=s["blockType"],
            block_name=s["blockName"],
            status=BlockStatus(s["status"]),
            output=s.get("output"),
            error=_session_error(s),
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
        heartbeat_at=row.heartbeat_at,
        end_user=row.end_user or "",
    )
