"""One run path for every kind of run: start → executor → log → observers.

A run's task runs the engine, which emits every event into the run's `RunLog`; what
happens around the run (its row and charge, an execution's log records and status,
metrics later) is an observer of that one lifecycle, in the manner of an engine's
"layers". The driver calls them in this order:

1. `on_started()` — before the engine runs (False: the run was ended before it started,
   elsewhere; it does not run);
2. `on_event(item)` — each sequenced event, as the log numbered it (only for observers
   that `follow_events`; the others cost the hot path nothing);
3. `on_ending(completed)` — the engine's end, before the log publishes it, so a reader who
   sees the end finds the result; then `on_ended(completed)` — after it;
4. `on_broken(end, error)` — instead of 3 when the run's own path failed or was cut short
   (a bug, a failed write, a cancellation outside the engine): `end` is the end the log
   gets; the observer records what it can (shielded from a second cancellation);
5. `on_closed(ran, cancelled)` — the task is gone (also when it was cancelled before it
   took a step: `ran` is False, and nothing above was called)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from flowgate.domain.events import Event, RunCompleted, Sequenced
from flowgate.domain.models import JSONValue, RunStatus
from flowgate.engine.executor import Emit, Executor, RunSpec
from flowgate.engine.graph import CompiledGraph
from flowgate.runtime import Runtime
from flowgate.runtime.eventlog import RunLog

log = logging.getLogger(__name__)

UNFINISHED = {
    RunStatus.FAILED: ("INTERNAL", "internal error: the run could not be completed"),
    RunStatus.CANCELLED: ("RUN_CANCELLED", "the run was cancelled"),
}
"""The end of a run whose task stopped without recording one."""


class RunObserver(Protocol):
    """Something that follows runs' lifecycle (see the module docstring); one per run."""

    @property
    def follows_events(self) -> bool:
        """True to get `on_event` for every event."""

    async def on_started(self) -> bool: ...

    def on_event(self, item: Sequenced) -> None: ...

    async def on_ending(self, completed: RunCompleted) -> None: ...

    async def on_ended(self, completed: RunCompleted) -> None: ...

    async def on_broken(self, end: RunCompleted, error: BaseException) -> None: ...

    def on_closed(self, ran: bool, cancelled: bool) -> None: ...


def unfinished_end(run_id: str, status: RunStatus, created_at: datetime) -> RunCompleted:
    """The end of a run whose path stopped without the engine's end (FAILED or CANCELLED)."""
    reason, message = UNFINISHED[status]
    elapsed = int((datetime.now(UTC) - created_at).total_seconds() * 1000)
    return RunCompleted(run_id, status, (), (), max(elapsed, 0), False, None, reason, message)


@dataclass(slots=True)
class StartedRun:
    log: RunLog
    task: asyncio.Task[Any]


@dataclass(slots=True)
class _State:
    ran: bool = False
    ended: set[int] = field(default_factory=set)
    """Indexes of the observers that recorded the end."""


class RunLifecycle:
    """Starts runs as tasks of the runtime and drives their observers."""

    def __init__(self, executor: Executor, runtime: Runtime) -> None:
        self.executor = executor
        self._runtime = runtime

    def start(
        self,
        compiled: CompiledGraph,
        spec: RunSpec,
        inputs: Mapping[str, JSONValue],
        observers: Sequence[RunObserver],
        created_at: datetime,
    ) -> StartedRun:
        run_log = self._runtime.logs.open(spec.run_id)
        state = _State()
        coro = self._drive(compiled, spec, inputs, run_log, tuple(observers), created_at, state)
        task = self._runtime.tasks.start(spec.run_id, coro)
        task.add_done_callback(lambda t: self._closed(spec.run_id, observers, state, t))
        return StartedRun(run_log, task)

    def _closed(self, run_id: str, observers: Sequence[RunObserver], state: _State, task: asyncio.Task[Any]) -> None:
        self._runtime.logs.ended(run_id)
        for observer in observers:
            observer.on_closed(state.ran, task.cancelled())

    @staticmethod
    def _emit(run_log: RunLog, observers: Sequence[RunObserver]) -> Emit:
        listeners = tuple(o.on_event for o in observers if o.follows_events)
        if not listeners:
            return run_log.append
        append = run_log.append

        def emit(event: Event) -> None:
            item = append(event)
            for listener in listeners:
                listener(item)

        return emit

    async def _drive(
        self,
        compiled: CompiledGraph,
        spec: RunSpec,
        inputs: Mapping[str, JSONValue],
        run_log: RunLog,
        observers: tuple[RunObserver, ...],
        created_at: datetime,
        state: _State,
    ) -> None:
        state.ran = True
        try:
            for observer in observers:
                if not await observer.on_started():
                    return
            # (looked up per run: the executor's `run` may be replaced)
            completed = await self.executor.run(compiled, spec, inputs, self._emit(run_log, observers))
            for index, observer in enumerate(observers):
                await observer.on_ending(completed)
                state.ended.add(index)
            run_log.append(completed)
            for observer in observers:
                await observer.on_ended(completed)
        except BaseException as exc:
            cancelled = isinstance(exc, asyncio.CancelledError)
            if not cancelled:
                log.exception("run %s: the server failed while running it", spec.run_id)
            if len(state.ended) < len(observers):
                end = unfinished_end(spec.run_id, RunStatus.CANCELLED if cancelled else RunStatus.FAILED, created_at)
                ender = asyncio.ensure_future(self._broken(run_log, observers, state, end, exc))
                with contextlib.suppress(asyncio.CancelledError):  # cut short again: the end is recorded
                    await asyncio.shield(ender)
            if cancelled:
                raise
        finally:
            run_log.close()

    @staticmethod
    async def _broken(
        run_log: RunLog, observers: tuple[RunObserver, ...], state: _State, end: RunCompleted, error: BaseException
    ) -> None:
        for index, observer in enumerate(observers):
            if index not in state.ended:
                try:
                    await observer.on_broken(end, error)
                except Exception:
                    log.exception("run %s: an observer could not record its end", end.run_id)
                state.ended.add(index)
        if not run_log.closed:
            run_log.append(end)
