"""Management-API executions: run a workflow's current version in the background, with
status, progress, logs and a status feed.

An execution is written `pending` and started at once on the one run path (run_lifecycle.py:
a task of the runtime, which cancels and drains it like a released-app run). While it
runs, the engine's events become log records and a status (`running`, progress, current
block) — its `ExecutionRecord` observes the run (execution_records.py) — and watchers of
this process follow the status from memory. Other replicas (and executions that ended)
are followed by polling the store."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

from flowgate.app.accounts import AccountUseCases
from flowgate.app.compiling import compile_graph_off_loop
from flowgate.app.execution_records import (
    CHECK_SECONDS,
    ExecutionRecord,
    Live,
    StatusView,
    clamp32,
    view_of,
)
from flowgate.app.liveness import SWEEP_BATCH, Liveness
from flowgate.app.run_lifecycle import RunLifecycle
from flowgate.domain.errors import (
    FieldViolation,
    InputValidationFailed,
    InvalidArgument,
    InvalidWorkflow,
    LimitExceeded,
    ValidationFailed,
)
from flowgate.domain.models import Actor, Execution, ExecutionLog, ExecutionStatus, JSONValue
from flowgate.domain.queries import ExecutionQuery, LogSummary
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.limits import EngineLimits
from flowgate.engine.services import Services
from flowgate.runtime import Runtime
from flowgate.runtime.commands import Delivery
from flowgate.store.uow import SessionFactory, UnitOfWork

__all__ = ["LOST_MESSAGE", "ExecutionInputInvalid", "ExecutionUseCases", "StatusView", "view_of"]

log = logging.getLogger(__name__)

LOST_MESSAGE = "the execution was lost: the server process running it stopped"
"""The error of an open execution whose heartbeat stopped (see liveness.py): reading it,
or the sweeper, ends it as failed."""

POLL_SECONDS = 0.5
"""How often a watcher of an execution that runs elsewhere reads the store."""

CANCEL_WAIT_SECONDS = 5.0
"""How long CancelExecution waits for a run of this process to stop."""


class ExecutionInputInvalid(InvalidArgument):
    """The input data do not satisfy the workflow's start block (400)."""

    reason = "INPUT_VALIDATION_FAILED"


def _described(problems: tuple[FieldViolation, ...]) -> str:
    return "; ".join(f"{p.field}: {p.message}" for p in problems)


class ExecutionUseCases:
    def __init__(
        self,
        factory: SessionFactory,
        accounts: AccountUseCases,
        registry: BlockRegistry,
        limits: EngineLimits,
        services: Services,
        runtime: Runtime,
        timeout_seconds: float,
        max_running_per_team: int = 32,
        liveness: Liveness | None = None,
    ) -> None:
        self._factory = factory
        self._accounts = accounts
        self._registry = registry
        self._limits = limits
        self._executor = Executor(limits, services)
        self._runtime = runtime
        self._lifecycle = RunLifecycle(self._executor, runtime)
        self._timeout = timeout_seconds
        self._live: dict[str, Live] = {}
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
        live = self._live[execution.id] = Live(view_of(execution))
        spec = RunSpec(execution.id, "", "", str(workflow.version), self._timeout, actor.team_id)
        self._running[actor.team_id] = self._running.get(actor.team_id, 0) + 1
        record = ExecutionRecord(
            self._factory,
            execution,
            compiled,
            live,
            self._stored_view,
            lambda: self._forget(execution.id, live, actor.team_id),
            check_seconds=self._check,
        )
        live.task = self._lifecycle.start(compiled, spec, inputs, (record,), execution.created_at).task
        return execution

    def _forget(self, execution_id: str, live: Live, team_id: str) -> None:
        left = self._running.get(team_id, 1) - 1
        if left > 0:
            self._running[team_id] = left
        else:
            self._running.pop(team_id, None)
        live.closed = True
        if self._live.get(execution_id) is live:
            del self._live[execution_id]

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
        delivery = await self._runtime.commands.cancel(execution_id)
        if delivery is Delivery.DONE and live is not None and live.task is not None:
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
                execution_time_ms=clamp32(elapsed),
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
