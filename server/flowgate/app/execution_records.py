"""An execution as its run goes: status, progress and log records (`ExecutionRecord`, an
observer of the run's lifecycle, see run_lifecycle.py), and the status its watchers in
this process follow from memory (`Live`)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flowgate.domain.events import (
    AgentToolResult,
    BlockCompleted,
    BlockEnded,
    BlockStarted,
    Event,
    LoopIteration,
    RunCompleted,
    RunStarted,
    Sequenced,
)
from flowgate.domain.models import (
    BlockStatus,
    Execution,
    ExecutionLog,
    ExecutionStatus,
    LogLevel,
    RunError,
    RunStatus,
)
from flowgate.engine.graph import CompiledGraph
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.25
"""Log records and progress of a running execution are written this often (in one transaction)."""

CHECK_SECONDS = 2.0
"""How often a running execution without new records checks it was not cancelled elsewhere
(and refreshes its heartbeat; at most the liveness interval)."""

MAX_LOG_MESSAGE = 4000
"""Characters of an error text kept in a log record."""

MAX_WATCH_QUEUE = 64
"""Status changes buffered per watcher; a slow one skips intermediate ones (never the last)."""

_ENDED_BY_RUN = {
    RunStatus.SUCCEEDED: ExecutionStatus.COMPLETED,
    RunStatus.FAILED: ExecutionStatus.FAILED,
    RunStatus.CANCELLED: ExecutionStatus.CANCELLED,
}


@dataclass(frozen=True, slots=True)
class StatusView:
    """Where an execution is: what status reads, WatchExecution and the WebSocket send."""

    status: ExecutionStatus
    progress: int
    current_node: str

    @property
    def ended(self) -> bool:
        return self.status.ended


def view_of(execution: Execution) -> StatusView:
    return StatusView(execution.status, execution.progress, execution.current_node)


def clamp32(value: int) -> int:
    return max(0, min(value, 2**31 - 1))


class Live:
    """An execution of this process: its status now, its task and its watchers."""

    def __init__(self, view: StatusView) -> None:
        self.view = view
        self.started_at: datetime | None = None
        self.task: asyncio.Task[Any] | None = None
        self.closed = False
        self._watchers: set[asyncio.Queue[StatusView]] = set()

    def publish(self, view: StatusView) -> None:
        if view == self.view:
            return
        self.view = view
        for queue in self._watchers:
            if queue.full():
                queue.get_nowait()  # a slow watcher skips an intermediate status
            queue.put_nowait(view)

    def subscribe(self) -> asyncio.Queue[StatusView]:
        queue: asyncio.Queue[StatusView] = asyncio.Queue(MAX_WATCH_QUEUE)
        self._watchers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[StatusView]) -> None:
        self._watchers.discard(queue)


class _Recorder:
    """Turns one execution's engine events into log records, progress and current block."""

    def __init__(self, execution_id: str, compiled: CompiledGraph, live: Live) -> None:
        self.execution_id = execution_id
        self.top = frozenset(compiled.nodes)
        self.live = live
        self.pending: list[ExecutionLog] = []
        self.seq = 0
        self.current = ""
        self.finished: set[str] = set()
        self.types: dict[str, str] = {}
        self.starts: dict[str, list[float]] = {}
        self.dirty = asyncio.Event()
        self.writing = False  # the log writer is inside a write: let it finish, then stop
        self.stopping = False

    @property
    def progress(self) -> int:
        return len(self.finished) * 100 // max(len(self.top), 1)

    def record(
        self, level: LogLevel, message: str, node_id: str = "", node_type: str = "", duration_ms: int = 0
    ) -> None:
        self.seq += 1
        self.pending.append(
            ExecutionLog(
                id=str(uuid.uuid4()),
                execution_id=self.execution_id,
                seq=self.seq,
                node_id=node_id,
                node_type=node_type,
                level=level,
                message=message[:MAX_LOG_MESSAGE],
                timestamp=datetime.now(UTC),
                duration_ms=clamp32(duration_ms),
            )
        )
        self.dirty.set()

    def take(self) -> list[ExecutionLog]:
        taken, self.pending = self.pending, []
        return taken

    def on_event(self, event: Event) -> None:
        match event:
            case RunStarted():
                self.record(LogLevel.INFO, "Execution started")
            case BlockStarted(block_id=block_id, block_type=block_type):
                self.types[block_id] = block_type
                self.starts.setdefault(block_id, []).append(time.monotonic())
                self.current = block_id
                self.record(LogLevel.INFO, "Block started", block_id, block_type)
                self._publish()
            case BlockCompleted(block_id=block_id, truncated=True):
                self.record(
                    LogLevel.WARN, "Block output truncated (over the output size limit)", block_id, self._type(block_id)
                )
            case BlockEnded(block_id=block_id, status=status, error=error):
                self._ended(block_id, status, error)
            case LoopIteration(block_id=block_id, index=index, status=BlockStatus.FAILED, error=error):
                message = error.message if error else ""
                self.record(LogLevel.WARN, f"Iteration {index} failed: {message}", block_id, self._type(block_id))
            case AgentToolResult(block_id=block_id, name=name, error=RunError(message=message)):
                self.record(LogLevel.WARN, f"Tool {name} failed: {message}", block_id, self._type(block_id))
            case _:
                pass

    def _type(self, block_id: str) -> str:
        return self.types.get(block_id, "")

    def _ended(self, block_id: str, status: BlockStatus, failure: RunError | None) -> None:
        error = failure.message if failure else ""
        starts = self.starts.get(block_id)
        duration = int((time.monotonic() - starts.pop(0)) * 1000) if starts else 0
        kind = self._type(block_id)
        if status is BlockStatus.COMPLETED:
            self.record(LogLevel.INFO, "Block completed", block_id, kind, duration)
        elif status is BlockStatus.FAILED:
            self.record(LogLevel.ERROR, f"Block failed: {error}", block_id, kind, duration)
        elif status is BlockStatus.CANCELLED:
            self.record(LogLevel.WARN, "Block cancelled", block_id, kind, duration)
        else:
            self.record(LogLevel.DEBUG, f"Block ended ({status.value})", block_id, kind, duration)
        if block_id in self.top:
            self.finished.add(block_id)
        self._publish()

    def _publish(self) -> None:
        self.live.publish(StatusView(ExecutionStatus.RUNNING, self.progress, self.current))


class ExecutionRecord:
    """One execution's status, progress and log records as an observer of its run's
    lifecycle: written `running` when the run starts, its records and progress written in
    batches every FLUSH_SECONDS while it runs (a write that finds the execution ended
    elsewhere stops the run), its end written when it ends."""

    follows_events = True

    def __init__(
        self,
        factory: SessionFactory,
        execution: Execution,
        compiled: CompiledGraph,
        live: Live,
        stored_view: Callable[[Execution], Awaitable[StatusView]],
        closed: Callable[[], None],
        *,
        check_seconds: float = CHECK_SECONDS,
    ) -> None:
        self._factory = factory
        self._execution = execution
        self._live = live
        self._recorder = _Recorder(execution.id, compiled, live)
        self._stored_view = stored_view
        self._closed = closed
        self._check = check_seconds
        self._flusher: asyncio.Task[None] | None = None
        self._started = time.monotonic()

    async def on_started(self) -> bool:
        """False when the execution was cancelled before it started."""
        self._started = time.monotonic()
        now = datetime.now(UTC)
        async with UnitOfWork(self._factory) as uow:
            running = await uow.executions.mark_running(self._execution.id, now)
            await uow.commit()
        if not running:
            self._live.publish(await self._stored_view(self._execution))
            return False
        self._live.started_at = now
        self._live.publish(StatusView(ExecutionStatus.RUNNING, 0, ""))
        self._flusher = asyncio.create_task(self._flush_loop(), name=f"execution-flush-{self._execution.id}")
        return True

    def on_event(self, item: Sequenced) -> None:
        self._recorder.on_event(item.event)

    async def on_ending(self, completed: RunCompleted) -> None:
        await self._stop_flusher()
        await self._finish(completed)

    async def on_ended(self, completed: RunCompleted) -> None:
        """Nothing more: the end is written."""

    async def on_broken(self, end: RunCompleted, error: BaseException) -> None:
        await self._stop_flusher()
        if isinstance(error, asyncio.CancelledError):
            await self._end_anyway(ExecutionStatus.CANCELLED, "the execution was cancelled")
        else:
            await self._end_anyway(ExecutionStatus.FAILED, "internal error: the result could not be recorded")

    def on_closed(self, ran: bool, cancelled: bool) -> None:
        self._closed()

    async def _stop_flusher(self) -> None:
        if self._flusher is not None:
            await _stop(self._flusher, self._recorder)

    async def _flush_loop(self) -> None:
        """Writes the pending records and the progress every FLUSH_SECONDS while there are
        any (else every CHECK_SECONDS, the heartbeat); stops the run when the execution was ended elsewhere
        (cancelled through another replica)."""
        recorder, live = self._recorder, self._live
        while True:
            # New records, or a quiet while (a long block): check the row is still running.
            # (asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
            # that arrives as the event is set, and this loop would never stop.)
            try:
                async with asyncio.timeout(self._check):
                    await recorder.dirty.wait()
            except TimeoutError:
                pass
            else:
                await asyncio.sleep(FLUSH_SECONDS)
            recorder.dirty.clear()
            batch = recorder.take()
            recorder.writing = True  # not cancelled in here (see _stop): a batch is never half lost
            try:
                async with UnitOfWork(self._factory) as uow:
                    await uow.executions.add_logs(batch)
                    still_running = await uow.executions.set_progress(
                        recorder.execution_id, recorder.progress, recorder.current
                    )
                    await uow.commit()
            except Exception:
                log.exception("execution %s: could not write %d log records", recorder.execution_id, len(batch))
                recorder.pending[:0] = batch  # with the next batch
                recorder.dirty.set()
                if recorder.stopping:
                    return
                continue
            finally:
                recorder.writing = False
            if recorder.stopping:
                return
            if not still_running and live.task is not None:
                live.task.cancel()
                return

    async def _finish(self, completed: RunCompleted) -> None:
        execution, recorder, live = self._execution, self._recorder, self._live
        status = _ENDED_BY_RUN[completed.status]
        for session in completed.sessions:
            if session.status is BlockStatus.SKIPPED:
                recorder.record(LogLevel.DEBUG, "Block skipped", session.block_id, session.block_type)
        error = completed.error_message
        if completed.error_block_id:
            error = f"Block '{completed.error_block_id}' failed: {error}"
        if status is ExecutionStatus.COMPLETED:
            recorder.record(LogLevel.INFO, "Execution completed", duration_ms=completed.duration_ms)
        elif status is ExecutionStatus.FAILED:
            recorder.record(LogLevel.ERROR, f"Execution failed: {error}", duration_ms=completed.duration_ms)
        else:
            recorder.record(LogLevel.WARN, "Execution cancelled", duration_ms=completed.duration_ms)
        async with UnitOfWork(self._factory) as uow:
            await uow.executions.add_logs(recorder.take())
            ended_here = await uow.executions.finish(
                execution.id,
                status,
                output_data=completed.outputs if status is ExecutionStatus.COMPLETED else None,
                error_message=error if status is not ExecutionStatus.COMPLETED else "",
                execution_time_ms=clamp32(completed.duration_ms),
                progress=100,
                current_node=recorder.current,
                finished_at=datetime.now(UTC),
            )
            await uow.commit()
        if ended_here:
            live.publish(StatusView(status, 100, recorder.current))
        else:  # ended elsewhere meanwhile (cancelled by another replica): that stands
            live.publish(await self._stored_view(execution))

    async def _end_anyway(self, status: ExecutionStatus, message: str) -> None:
        """The run's own path to its end failed (or was cut short): write the end as best we
        can (a few attempts), so that the execution does not stay `running`."""
        execution, recorder, live, started = self._execution, self._recorder, self._live, self._started
        recorder.record(
            LogLevel.ERROR if status is ExecutionStatus.FAILED else LogLevel.WARN,
            f"Execution {status.value}: {message}",
        )
        logs = recorder.take()
        for attempt in range(3):
            try:
                async with UnitOfWork(self._factory) as uow:
                    if logs:
                        await uow.executions.add_logs(logs)
                    await uow.executions.finish(
                        execution.id,
                        status,
                        output_data=None,
                        error_message=message,
                        execution_time_ms=clamp32(int((time.monotonic() - started) * 1000)),
                        progress=100,
                        current_node=recorder.current,
                        finished_at=datetime.now(UTC),
                    )
                    await uow.commit()
                break
            except Exception:
                log.exception("execution %s: could not record its end (attempt %d)", execution.id, attempt + 1)
                logs = []  # the records may be what failed; the status matters
                await asyncio.sleep(0.2 * (attempt + 1))
        live.publish(StatusView(status, 100, recorder.current))


async def _stop(task: asyncio.Task[None], recorder: _Recorder) -> None:
    """Stops the log writer and waits (a bounded while) until it has. A writer waiting for
    records is cancelled; one inside a write finishes it first (cancelled there, its batch
    could be lost, or written when the caller thinks it was not)."""
    recorder.stopping = True
    if not task.done() and not recorder.writing:
        task.cancel()
    done, _ = await asyncio.wait({task}, timeout=5.0)
    if not done:
        log.error("an execution's log writer did not stop")
    elif not task.cancelled() and task.exception() is not None:
        log.error("an execution's log writer failed", exc_info=task.exception())
