"""Management-API executions: run a workflow's current version in the background, with
status, progress, logs and a status feed.

An execution is written `pending` and started at once as a task of the process's
RunRegistry (which cancels and drains it like a released-app run). While it runs, the
engine's events become log records and a status (`running`, progress, current block);
records and status are written in batches every FLUSH_SECONDS, and watchers of this
process follow the status from memory. Other replicas (and executions that ended) are
followed by polling the store."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from flowgate.app.accounts import AccountUseCases
from flowgate.app.compiling import compile_graph_off_loop
from flowgate.app.liveness import SWEEP_BATCH, Liveness
from flowgate.domain.errors import (
    FieldViolation,
    InputValidationFailed,
    InvalidArgument,
    InvalidWorkflow,
    LimitExceeded,
    ValidationFailed,
)
from flowgate.domain.events import (
    AgentToolResult,
    BlockCompleted,
    BlockEnded,
    BlockStarted,
    Event,
    LoopIteration,
    RunCompleted,
    RunStarted,
)
from flowgate.domain.models import (
    Actor,
    BlockStatus,
    Execution,
    ExecutionLog,
    ExecutionStatus,
    JSONValue,
    LogLevel,
    RunStatus,
)
from flowgate.domain.queries import ExecutionQuery, LogSummary
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import CompiledGraph
from flowgate.engine.limits import EngineLimits
from flowgate.engine.services import Services
from flowgate.runtime.registry import RunRegistry
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.25
"""Log records and progress of a running execution are written this often (in one transaction)."""

CHECK_SECONDS = 2.0
"""How often a running execution without new records checks it was not cancelled elsewhere
(and refreshes its heartbeat; at most the liveness interval)."""

LOST_MESSAGE = "the execution was lost: the server process running it stopped"
"""The error of an open execution whose heartbeat stopped (see liveness.py): reading it,
or the sweeper, ends it as failed."""

POLL_SECONDS = 0.5
"""How often a watcher of an execution that runs elsewhere reads the store."""

CANCEL_WAIT_SECONDS = 5.0
"""How long CancelExecution waits for a run of this process to stop."""

MAX_LOG_MESSAGE = 4000
"""Characters of an error text kept in a log record."""

MAX_WATCH_QUEUE = 64
"""Status changes buffered per watcher; a slow one skips intermediate ones (never the last)."""

_ENDED_BY_RUN = {
    RunStatus.SUCCEEDED: ExecutionStatus.COMPLETED,
    RunStatus.FAILED: ExecutionStatus.FAILED,
    RunStatus.CANCELLED: ExecutionStatus.CANCELLED,
}


class ExecutionInputInvalid(InvalidArgument):
    """The input data do not satisfy the workflow's start block (400)."""

    reason = "INPUT_VALIDATION_FAILED"


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


def _described(problems: tuple[FieldViolation, ...]) -> str:
    return "; ".join(f"{p.field}: {p.message}" for p in problems)


def _clamp32(value: int) -> int:
    return max(0, min(value, 2**31 - 1))


class _Live:
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

    def __init__(self, execution_id: str, compiled: CompiledGraph, live: _Live) -> None:
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
                duration_ms=_clamp32(duration_ms),
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
                self.record(LogLevel.WARN, f"Iteration {index} failed: {error}", block_id, self._type(block_id))
            case AgentToolResult(block_id=block_id, name=name, error=error) if error:
                self.record(LogLevel.WARN, f"Tool {name} failed: {error}", block_id, self._type(block_id))
            case _:
                pass

    def _type(self, block_id: str) -> str:
        return self.types.get(block_id, "")

    def _ended(self, block_id: str, status: BlockStatus, error: str) -> None:
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


class ExecutionUseCases:
    def __init__(
        self,
        factory: SessionFactory,
        accounts: AccountUseCases,
        registry: BlockRegistry,
        limits: EngineLimits,
        services: Services,
        runs: RunRegistry,
        timeout_seconds: float,
        max_running_per_team: int = 32,
        liveness: Liveness | None = None,
    ) -> None:
        self._factory = factory
        self._accounts = accounts
        self._registry = registry
        self._limits = limits
        self._executor = Executor(limits, services)
        self._runs = runs
        self._timeout = timeout_seconds
        self._live: dict[str, _Live] = {}
        self._max_per_team = max_running_per_team
        self._liveness = liveness or Liveness()
        self._check = min(CHECK_SECONDS, self._liveness.beat_seconds)
        self._running: dict[str, int] = {}
        """Executions pending or running in this process, per team."""

    # -- reading -----------------------------------------------------------------------------

    async def _actor(self, authorization: str | None, team_id: str) -> Actor:
        return await self._accounts.authenticate(authorization, team_id)

    def _overlay(self, execution: Execution) -> Execution:
        """The execution with the fresher status of its run in this process, if any."""
        live = self._live.get(execution.id)
        if live is None or execution.status.ended:
            return execution
        view = live.view
        return replace(
            execution,
            status=view.status,
            progress=view.progress,
            current_node=view.current_node,
            started_at=execution.started_at or live.started_at,
        )

    async def _settle(self, uow: UnitOfWork, execution: Execution) -> Execution:
        """The execution, ended as failed first if its process is gone (an open execution
        not running here whose heartbeat stopped). Replica-safe: the update is conditional
        on the heartbeat still being old."""
        if execution.status.ended or execution.id in self._live:
            return execution
        now = datetime.now(UTC)
        if not self._liveness.is_lost(execution.heartbeat_at, execution.created_at, now):
            return execution
        if await uow.executions.end_if_lost(execution.id, self._liveness.silent_since(now), LOST_MESSAGE, now):
            await uow.commit()
            log.warning("execution %s was lost with its process; marked failed", execution.id)
        return await uow.executions.get(execution.id, execution.team_id)

    # -- heartbeats and lost executions (see liveness.py) ------------------------------------

    async def beat(self, uow: UnitOfWork, now: datetime) -> None:
        """Nothing to do: a running execution refreshes its heartbeat with its own writes."""

    async def sweep(self, uow: UnitOfWork, silent_since: datetime, now: datetime) -> int:
        """End the open executions whose heartbeat stopped (none of this process's)."""
        ended = 0
        for execution in await uow.executions.silent(silent_since, SWEEP_BATCH):
            if execution.id not in self._live:
                ended += await uow.executions.end_if_lost(execution.id, silent_since, LOST_MESSAGE, now)
        return ended

    async def _get(self, actor: Actor, execution_id: str) -> Execution:
        async with UnitOfWork(self._factory) as uow:
            found = await self._settle(uow, await uow.executions.get(execution_id, actor.team_id))
            return self._overlay(found)

    async def get(self, authorization: str | None, team_id: str, execution_id: str) -> Execution:
        return await self._get(await self._actor(authorization, team_id), execution_id)

    async def list_executions(self, authorization: str | None, team_id: str, query: ExecutionQuery) -> list[Execution]:
        actor = await self._actor(authorization, team_id)
        async with UnitOfWork(self._factory) as uow:
            found = [await self._settle(uow, e) for e in await uow.executions.list_team(actor.team_id, query)]
        return [self._overlay(e) for e in found]

    async def logs(
        self,
        authorization: str | None,
        team_id: str,
        execution_id: str,
        *,
        level: str,
        node_id: str,
        skip: int,
        limit: int,
    ) -> tuple[list[ExecutionLog], int]:
        actor = await self._actor(authorization, team_id)
        async with UnitOfWork(self._factory) as uow:
            await uow.executions.get(execution_id, actor.team_id)
            return await uow.executions.list_logs(execution_id, level=level, node_id=node_id, skip=skip, limit=limit)

    async def log_summary(self, authorization: str | None, team_id: str, execution_id: str) -> LogSummary:
        actor = await self._actor(authorization, team_id)
        async with UnitOfWork(self._factory) as uow:
            await uow.executions.get(execution_id, actor.team_id)
            return await uow.executions.summary(execution_id)

    # -- starting ----------------------------------------------------------------------------

    async def start(
        self, authorization: str | None, team_id: str, workflow_id: str, input_data: dict[str, JSONValue]
    ) -> Execution:
        """Checks the workflow and the inputs, writes the execution `pending` and starts it
        in the background. Nothing is written when a check fails."""
        actor = await self._actor(authorization, team_id)
        workflow_id = workflow_id.strip()
        if not workflow_id:
            raise ValidationFailed("workflow_id is required", violations=[FieldViolation("workflow_id", "required")])
        async with UnitOfWork(self._factory) as uow:
            workflow = (await uow.workflows.get_managed(workflow_id, actor.team_id)).workflow
        try:
            compiled = await compile_graph_off_loop(workflow.graph, self._registry, self._limits)
        except InvalidWorkflow as exc:
            shown = exc.violations[:20]  # a huge graph's every problem would not fit an error body
            more = len(exc.violations) - len(shown)
            detail = _described(shown) + (f"; and {more} more" if more else "")
            raise InvalidWorkflow(
                f"The workflow cannot run: {exc.message}" + (f": {detail}" if detail else ""),
                violations=shown,
            ) from None
        try:
            inputs = self._executor.prepare_inputs(compiled, input_data)
        except InputValidationFailed as exc:
            raise ExecutionInputInvalid(
                f"Input validation failed: {_described(exc.violations)}",
                violations=[FieldViolation(f"input_data.{v.field}", v.message) for v in exc.violations],
            ) from None
        if self._running.get(actor.team_id, 0) >= self._max_per_team:
            raise LimitExceeded(
                f"The team already has {self._max_per_team} executions running; wait for one to end or cancel one"
            )
        execution = Execution(
            id=str(uuid.uuid4()),
            team_id=actor.team_id,
            workflow_id=workflow.id,
            workflow_version=workflow.version,
            status=ExecutionStatus.PENDING,
            input_data=inputs,
            task_id=str(uuid.uuid4()),
            created_by=actor.label,
            created_at=datetime.now(UTC),
        )
        async with UnitOfWork(self._factory) as uow:
            await uow.executions.add(execution)
            await uow.commit()
        live = self._live[execution.id] = _Live(view_of(execution))
        spec = RunSpec(execution.id, "", "", str(workflow.version), self._timeout, actor.team_id)
        self._running[actor.team_id] = self._running.get(actor.team_id, 0) + 1
        task = self._runs.start(execution.id, self._execute(execution, compiled, spec, inputs, live))
        live.task = task
        task.add_done_callback(lambda _t: self._forget(execution.id, live, actor.team_id))
        return execution

    def _forget(self, execution_id: str, live: _Live, team_id: str) -> None:
        left = self._running.get(team_id, 1) - 1
        if left > 0:
            self._running[team_id] = left
        else:
            self._running.pop(team_id, None)
        live.closed = True
        if self._live.get(execution_id) is live:
            del self._live[execution_id]

    # -- running -----------------------------------------------------------------------------

    async def _execute(
        self, execution: Execution, compiled: CompiledGraph, spec: RunSpec, inputs: dict[str, JSONValue], live: _Live
    ) -> None:
        recorder = _Recorder(execution.id, compiled, live)
        flusher: asyncio.Task[None] | None = None
        started = time.monotonic()
        try:
            now = datetime.now(UTC)
            async with UnitOfWork(self._factory) as uow:
                running = await uow.executions.mark_running(execution.id, now)
                await uow.commit()
            if not running:  # cancelled before it started
                live.publish(await self._stored_view(execution))
                return
            live.started_at = now
            live.publish(StatusView(ExecutionStatus.RUNNING, 0, ""))
            flusher = asyncio.create_task(self._flush_loop(recorder, live), name=f"execution-flush-{execution.id}")
            completed = await self._executor.run(compiled, spec, inputs, recorder.on_event)
            await _stop(flusher, recorder)
            await self._finish(execution, recorder, completed, live)
        except BaseException as exc:
            cancelled = isinstance(exc, asyncio.CancelledError)
            if not cancelled:
                log.exception("execution %s: could not record the run", execution.id)
            status = ExecutionStatus.CANCELLED if cancelled else ExecutionStatus.FAILED
            message = "the execution was cancelled" if cancelled else "internal error: the result could not be recorded"
            ender = asyncio.ensure_future(self._end_anyway(execution, status, message, recorder, started, live))
            with contextlib.suppress(asyncio.CancelledError):  # cut short again: the write goes on
                await asyncio.shield(ender)
            if cancelled:
                raise
        finally:
            if flusher is not None:
                await _stop(flusher, recorder)

    async def _flush_loop(self, recorder: _Recorder, live: _Live) -> None:
        """Writes the pending records and the progress every FLUSH_SECONDS while there are
        any (else every CHECK_SECONDS, the heartbeat); stops the run when the execution was ended elsewhere
        (cancelled through another replica)."""
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

    async def _finish(self, execution: Execution, recorder: _Recorder, completed: RunCompleted, live: _Live) -> None:
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
                execution_time_ms=_clamp32(completed.duration_ms),
                progress=100,
                current_node=recorder.current,
                finished_at=datetime.now(UTC),
            )
            await uow.commit()
        if ended_here:
            live.publish(StatusView(status, 100, recorder.current))
        else:  # ended elsewhere meanwhile (cancelled by another replica): that stands
            live.publish(await self._stored_view(execution))

    async def _end_anyway(
        self,
        execution: Execution,
        status: ExecutionStatus,
        message: str,
        recorder: _Recorder,
        started: float,
        live: _Live,
    ) -> None:
        """The run's own path to its end failed (or was cut short): write the end as best we
        can (a few attempts), so that the execution does not stay `running`."""
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
                        execution_time_ms=_clamp32(int((time.monotonic() - started) * 1000)),
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

    async def _stored_view(self, execution: Execution) -> StatusView:
        async with UnitOfWork(self._factory) as uow:
            return view_of(await self._settle(uow, await uow.executions.get(execution.id, execution.team_id)))

    # -- cancelling --------------------------------------------------------------------------

    async def cancel(self, authorization: str | None, team_id: str, execution_id: str) -> StatusView:
        """Stops a pending or running execution (it ends `cancelled`); an ended one answers
        its status."""
        actor = await self._actor(authorization, team_id)
        execution = await self._get(actor, execution_id)
        if execution.status.ended:
            return view_of(execution)
        live = self._live.get(execution_id)
        if live is not None and live.task is not None and self._runs.cancel(execution_id):
            await asyncio.wait({live.task}, timeout=CANCEL_WAIT_SECONDS)
        # Not running here (another replica's, or never started): end it in the store; a
        # replica running it notices at its next write and stops.
        async with UnitOfWork(self._factory) as uow:
            elapsed = 0
            if execution.started_at is not None:
                started_at = execution.started_at
                if started_at.tzinfo is None:
                    started_at = started_at.replace(tzinfo=UTC)
                elapsed = int((datetime.now(UTC) - started_at).total_seconds() * 1000)
            await uow.executions.finish(
                execution_id,
                ExecutionStatus.CANCELLED,
                output_data=None,
                error_message="the execution was cancelled",
                execution_time_ms=_clamp32(elapsed),
                progress=100,
                current_node=execution.current_node,
                finished_at=datetime.now(UTC),
            )
            await uow.commit()
        return view_of(await self._get(actor, execution_id))

    # -- watching ----------------------------------------------------------------------------

    async def open_watch(self, authorization: str | None, team_id: str, execution_id: str) -> Execution:
        """Checks the caller may watch the execution (before a stream or a WebSocket opens)."""
        return await self.get(authorization, team_id, execution_id)

    async def feed(self, execution: Execution) -> AsyncIterator[StatusView]:
        """The status now, then every change, ending with the terminal status."""
        view = view_of(self._overlay(execution))
        yield view
        live = self._live.get(execution.id)
        if live is not None and not view.ended:
            queue = live.subscribe()
            try:
                if live.view != view:
                    view = live.view
                    yield view
                while not view.ended:
                    try:
                        async with asyncio.timeout(1.0):
                            view = await queue.get()
                    except TimeoutError:
                        if live.closed:  # the task is gone without a last word: ask the store
                            break
                        continue
                    yield view
            finally:
                live.unsubscribe(queue)
        while not view.ended:
            await asyncio.sleep(POLL_SECONDS)
            current = await self._stored_view(execution)
            if current != view:
                view = current
                yield view


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
