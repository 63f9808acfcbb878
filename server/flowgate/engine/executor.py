"""Runs a compiled graph on asyncio and emits typed events as it goes.

- Independent branches run concurrently; a block starts once every edge into it is
  resolved, and runs if at least one of them is live (a join waits for its live inputs
  only). A block whose inputs are all dead (an untaken branch) is skipped, not failed.
- When only one block is ready it is awaited directly: a linear workflow pays no task
  per block.
- Per block: timeout, retries with backoff, and an error strategy (fail / continue with
  a default output / follow the "error" edges). Per run: a deadline, and cancellation
  (cancel the task running `Executor.run`).
- Streamed deltas are coalesced into one chunk per interval; outputs over the cap are
  truncated and flagged; a run that emits too many events fails.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flowgate.domain.errors import InputValidationFailed
from flowgate.domain.events import (
    BlockChunk,
    BlockCompleted,
    BlockEnded,
    BlockOutput,
    BlockStarted,
    Event,
    RunCompleted,
    RunStarted,
)
from flowgate.domain.models import BlockSession, BlockStatus, JSONValue, RunError, RunStatus
from flowgate.engine.blocks import END_TYPES, START_TYPES
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed
from flowgate.engine.blocks.start import StartConfig, check_inputs
from flowgate.engine.graph import CompiledGraph
from flowgate.engine.limits import EngineLimits
from flowgate.engine.services import Services
from flowgate.engine.state import RunState

log = logging.getLogger(__name__)

Emit = Callable[[Event], object]
"""Publishes one event; whatever it returns is ignored."""


@dataclass(frozen=True, slots=True)
class RunSpec:
    run_id: str
    document_id: str
    deployment_id: str
    version: str
    deadline_seconds: float | None = None
    team_id: str = ""
    """The caller's team (whose key started the run)."""


class _BlockError(Exception):
    def __init__(self, block_id: str, message: str) -> None:
        super().__init__(message)
        self.block_id = block_id
        self.message = message


class _RunAborted(Exception):
    """The run broke a run-wide limit; it ends at once."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class Executor:
    def __init__(self, limits: EngineLimits, services: Services | None = None) -> None:
        self.limits = limits
        self.services = services or Services()

    def prepare_inputs(self, compiled: CompiledGraph, inputs: Mapping[str, JSONValue]) -> dict[str, JSONValue]:
        """Check run inputs against the start block's schema, before anything runs."""
        start = compiled.nodes[compiled.start_id]
        if start.node.type not in START_TYPES or not isinstance(start.config, StartConfig):
            return dict(inputs)
        values, problems = check_inputs(start.config, inputs)
        if problems:
            raise InputValidationFailed(problems)
        return values

    async def run(
        self, compiled: CompiledGraph, spec: RunSpec, inputs: Mapping[str, JSONValue], emit: Emit
    ) -> RunCompleted:
        """Execute the graph, emitting every event but the last; the RunCompleted is returned so the
        caller can persist the result before publishing it (a caller who sees it can read the run)."""
        started = time.monotonic()
        counter = _EventCounter(emit, self.limits.max_events)
        counter(RunStarted(spec.run_id, spec.document_id, spec.deployment_id, spec.version))
        state = RunState(inputs, compiled.names, compiled.upstream)
        run = _Run(compiled, state, self.limits, self.services, counter, spec.run_id, spec.team_id)
        status = RunStatus.SUCCEEDED
        timed_out = False
        error_reason = error_message = error_block = ""
        try:
            async with asyncio.timeout(spec.deadline_seconds):
                # Let whoever follows the run send run_start now: quick blocks never yield,
                # so without this the first event would wait for the whole run.
                await asyncio.sleep(0)
                await run.schedule()
        except TimeoutError:
            status, timed_out = RunStatus.FAILED, True
            error_reason, error_message = "RUN_TIMED_OUT", f"the run exceeded its {spec.deadline_seconds:g}s deadline"
        except _BlockError as exc:
            status = RunStatus.FAILED
            error_reason, error_message, error_block = "BLOCK_FAILED", exc.message, exc.block_id
        except _RunAborted as exc:
            status = RunStatus.FAILED
            error_reason, error_message = exc.reason, exc.message
        except asyncio.CancelledError:
            status = RunStatus.CANCELLED
            error_reason, error_message = "RUN_CANCELLED", "the run was cancelled"
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
        counter.unlimited = True
        run.close_open_sessions()
        return RunCompleted(
            run_id=spec.run_id,
            status=status,
            global_ctx=tuple(run.global_ctx),
            sessions=tuple(run.sessions.values()),
            duration_ms=int((time.monotonic() - started) * 1000),
            timed_out=timed_out,
            outputs=run.final_outputs(),
            error_reason=error_reason,
            error_message=error_message,
            error_block_id=error_block,
        )


class _EventCounter:
    """Counts events and stops the run when it emits more than allowed."""

    __slots__ = ("count", "emit", "limit", "unlimited")

    def __init__(self, emit: Emit, limit: int) -> None:
        self.emit = emit
        self.limit = limit
        self.count = 0
        self.unlimited = False

    def __call__(self, event: Event) -> None:
        self.count += 1
        if self.count > self.limit and not self.unlimited:
            raise _RunAborted("EVENT_LIMIT", f"the run emitted more than {self.limit} events")
        self.emit(event)


class _Chunks:
    """Coalesces one block's streamed deltas: one chunk per interval, or when large."""

    __slots__ = ("_block_id", "_emit", "_handle", "_interval", "_max", "_parts", "_size")

    def __init__(self, block_id: str, emit: Emit, interval: float, max_bytes: int) -> None:
        self._block_id = block_id
        self._emit = emit
        self._interval = interval
        self._max = max_bytes
        self._parts: list[str] = []
        self._size = 0
        self._handle: asyncio.TimerHandle | None = None

    def add(self, delta: str) -> None:
        if not delta:
            return
        if self._interval <= 0:
            self._emit(BlockChunk(self._block_id, delta))
            return
        self._parts.append(delta)
        self._size += len(delta)
        if self._size >= self._max:
            self.flush()
        elif self._handle is None:
            self._handle = asyncio.get_running_loop().call_later(self._interval, self._timer)

    def _timer(self) -> None:
        self._handle = None
        try:
            self.flush()
        except _RunAborted:
            log.warning("event limit reached while flushing chunks of %s", self._block_id)

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._parts:
            text = "".join(self._parts)
            self._parts.clear()
            self._size = 0
            self._emit(BlockChunk(self._block_id, text))


def _cap(output: JSONValue, max_bytes: int) -> tuple[JSONValue, bool]:
    """The output, or a cut-down version of it and True when it is over `max_bytes` as JSON."""
    if isinstance(output, str):
        raw = output.encode()
        if len(raw) <= max_bytes:
            return output, False
        return raw[:max_bytes].decode(errors="ignore"), True
    text = json.dumps(output, ensure_ascii=False, default=str)
    if len(text.encode()) <= max_bytes:
        return output, False
    return text.encode()[:max_bytes].decode(errors="ignore"), True


class _Run:
    """The mutable state of one execution of a graph (the run, or one loop iteration)."""

    def __init__(
        self,
        compiled: CompiledGraph,
        state: RunState,
        limits: EngineLimits,
        services: Services,
        emit: Emit,
        run_id: str,
        team_id: str = "",
        sessions: dict[str, BlockSession] | None = None,
        global_ctx: list[BlockOutput] | None = None,
    ) -> None:
        self.compiled = compiled
        self.state = state
        self.limits = limits
        self.services = services
        self.emit = emit
        self.run_id = run_id
        self.team_id = team_id
        self.sessions: dict[str, BlockSession] = {} if sessions is None else sessions
        self.global_ctx: list[BlockOutput] = [] if global_ctx is None else global_ctx
        self.waiting = {node_id: len(c.incoming) for node_id, c in compiled.nodes.items()}
        self.live = dict.fromkeys(compiled.nodes, 0)
        self.sinks: list[str] = []

    # -- scheduling -----------------------------------------------------------------

    async def schedule(self) -> None:
        ready: deque[str] = deque(self.compiled.entries)
        running: dict[asyncio.Task[tuple[str, str | None, bool]], str] = {}
        try:
            while ready or running:
                if not running and len(ready) == 1:
                    node_id, handle, failed = await self.run_block(ready.popleft())
                    ready.extend(self.advance(node_id, handle, failed))
                    continue
                while ready:
                    node_id = ready.popleft()
                    running[asyncio.create_task(self.run_block(node_id))] = node_id
                done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    running.pop(task)
                    node_id, handle, failed = task.result()
                    ready.extend(self.advance(node_id, handle, failed))
        finally:
            for task in running:
                task.cancel()
            if running:
                await asyncio.gather(*running, return_exceptions=True)

    def advance(self, node_id: str, handle: str | None, failed: bool) -> list[str]:
        """Resolve the edges leaving `node_id`; the blocks that can now run."""
        now_ready: list[str] = []
        pending = [(node_id, handle, failed, False)]
        while pending:
            source, taken, did_fail, dead = pending.pop()
            for edge in self.compiled.nodes[source].outgoing:
                edge_handle = edge.source_handle
                if dead:
                    live = False
                elif did_fail:
                    live = edge_handle == "error"
                elif edge_handle == "error":
                    live = False
                else:
                    live = taken is None or edge_handle in ("", taken)
                target = edge.target
                self.waiting[target] -= 1
                if live:
                    self.live[target] += 1
                if self.waiting[target] == 0:
                    if self.live[target] > 0:
                        now_ready.append(target)
                    else:
                        self.skip(target)
                        pending.append((target, None, False, True))
        return now_ready

    def skip(self, node_id: str) -> None:
        node = self.compiled.nodes[node_id].node
        self.sessions[node_id] = BlockSession(node.id, node.type, node.name, BlockStatus.SKIPPED)

    # -- one block --------------------------------------------------------------------

    async def run_block(self, node_id: str) -> tuple[str, str | None, bool]:
        """Run one block (with retries); (id, route handle, failed-and-branching)."""
        compiled = self.compiled.nodes[node_id]
        node = compiled.node
        config: BlockConfig = compiled.config
        self.emit(BlockStarted(node.id, node.type, node.name))
        self.sessions[node.id] = BlockSession(node.id, node.type, node.name, BlockStatus.RUNNING)
        chunks = _Chunks(node.id, self.emit, self.limits.chunk_interval_seconds, self.limits.max_chunk_bytes)
        ctx = BlockContext(
            node=node,
            config=config,
            state=self.state,
            limits=self.limits,
            services=self.services,
            emit_chunk=chunks.add,
            emit=self.emit,
            run_id=self.run_id,
            team_id=self.team_id,
            body=compiled.body,
            run_subgraph=self.run_subgraph,
        )
        attempts = min(config.retries, self.limits.max_retries) + 1
        message = ""
        for attempt in range(attempts):
            if attempt:
                await asyncio.sleep(min(config.retry_backoff_seconds * 2 ** (attempt - 1), 60.0))
            try:
                async with asyncio.timeout(config.timeout_seconds):
                    output = await compiled.block.run(ctx)
            except BlockFailed as exc:
                message = str(exc)
            except TimeoutError:
                if config.timeout_seconds is None:
                    raise  # the run's deadline, not this block's
                message = f"timed out after {config.timeout_seconds:g}s"
            except (asyncio.CancelledError, _RunAborted, _BlockError):
                chunks.flush()
                raise
            except Exception:
                log.exception("block %s (%s) raised", node.id, node.type)
                message = "internal error in block"
            else:
                chunks.flush()
                self.complete(node_id, output)
                route = getattr(compiled.block, "route", None)
                return node_id, (route(config, output) if route is not None else None), False
            chunks.flush()
        return self.fail(node_id, message)

    def complete(self, node_id: str, output: JSONValue, status: BlockStatus = BlockStatus.COMPLETED) -> None:
        node = self.compiled.nodes[node_id].node
        output, truncated = _cap(output, self.limits.max_output_bytes)
        self.state.outputs[node.id] = output
        self.sessions[node.id] = BlockSession(node.id, node.type, node.name, status, output)
        self.global_ctx.append(BlockOutput(node.id, node.type, node.name, output))
        self.emit(BlockCompleted(node.id, output, truncated))
        self.emit(BlockEnded(node.id, status))
        if not self.compiled.nodes[node_id].outgoing:
            self.sinks.append(node.id)

    def fail(self, node_id: str, message: str) -> tuple[str, str | None, bool]:
        compiled = self.compiled.nodes[node_id]
        node, config = compiled.node, compiled.config
        error = RunError("BLOCK_FAILED", message, node.id)
        if config.on_error == "continue":
            output, _ = _cap(config.default_output, self.limits.max_output_bytes)
            self.state.outputs[node.id] = output
            self.sessions[node.id] = BlockSession(node.id, node.type, node.name, BlockStatus.FAILED, output, error)
            self.emit(BlockEnded(node.id, BlockStatus.FAILED, error))
            if not compiled.outgoing:
                self.sinks.append(node.id)
            return node_id, None, False
        self.sessions[node.id] = BlockSession(node.id, node.type, node.name, BlockStatus.FAILED, None, error)
        self.emit(BlockEnded(node.id, BlockStatus.FAILED, error))
        if config.on_error == "branch":
            self.state.outputs[node.id] = {"error": message}
            return node_id, None, True
        raise _BlockError(node_id, message)

    # -- sub-graphs (loop bodies) ------------------------------------------------------

    async def run_subgraph(self, body: CompiledGraph, local: Mapping[str, JSONValue]) -> JSONValue:
        child = _Run(
            body,
            self.state.child(body.names, body.upstream, local),
            self.limits,
            self.services,
            self.emit,
            self.run_id,
            self.team_id,
            self.sessions,
            self.global_ctx,
        )
        try:
            await child.schedule()
        except _BlockError as exc:
            raise BlockFailed(f"block {exc.block_id!r} failed: {exc.message}") from None
        return child.output_of_sinks()

    def output_of_sinks(self) -> JSONValue:
        sinks = [n for n in self.sinks if n in self.state.outputs]
        if len(sinks) == 1:
            return self.state.outputs[sinks[0]]
        return {self.compiled.nodes[n].node.name: self.state.outputs[n] for n in sinks}

    # -- the end ----------------------------------------------------------------------

    def close_open_sessions(self) -> None:
        for node_id, s in list(self.sessions.items()):
            if s.status is BlockStatus.RUNNING:
                stopped = RunError("BLOCK_CANCELLED", "stopped", node_id)
                self.sessions[node_id] = BlockSession(
                    s.block_id, s.block_type, s.block_name, BlockStatus.CANCELLED, None, stopped
                )
                self.emit(BlockEnded(node_id, BlockStatus.CANCELLED, stopped))

    def final_outputs(self) -> JSONValue:
        ends = [n for n in self.sinks if self.compiled.nodes[n].node.type in END_TYPES and n in self.state.outputs]
        if len(ends) == 1:
            return self.state.outputs[ends[0]]
        return {self.compiled.nodes[n].node.name: self.state.outputs[n] for n in ends}
