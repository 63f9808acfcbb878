"""Runs a compiled graph on asyncio and emits typed events as it goes.

Independent branches run concurrently; a block starts once every block feeding it
has finished. When only one block is ready it is awaited directly, which keeps a
linear workflow free of per-block task overhead.
"""

from __future__ import annotations

import asyncio
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
from flowgate.domain.models import BlockSession, BlockStatus, JSONValue, RunStatus
from flowgate.engine.blocks import START_TYPES
from flowgate.engine.blocks.base import BlockContext, BlockFailed
from flowgate.engine.blocks.start import StartConfig, check_inputs
from flowgate.engine.graph import CompiledGraph
from flowgate.engine.limits import EngineLimits
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


class _BlockError(Exception):
    def __init__(self, block_id: str, message: str) -> None:
        super().__init__(message)
        self.block_id = block_id
        self.message = message


class Executor:
    def __init__(self, limits: EngineLimits) -> None:
        self.limits = limits

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
        emit(RunStarted(spec.run_id, spec.document_id, spec.deployment_id, spec.version))
        run = _Run(compiled, RunState(inputs, compiled.names, compiled.upstream), self.limits, emit)
        status = RunStatus.SUCCEEDED
        timed_out = False
        error_reason = error_message = error_block = ""
        try:
            async with asyncio.timeout(spec.deadline_seconds):
                await run.schedule()
        except TimeoutError:
            status, timed_out = RunStatus.FAILED, True
            error_reason, error_message = "RUN_TIMED_OUT", f"the run exceeded its {spec.deadline_seconds:g}s deadline"
        except _BlockError as exc:
            status = RunStatus.FAILED
            error_reason, error_message, error_block = "BLOCK_FAILED", exc.message, exc.block_id
        except asyncio.CancelledError:
            status = RunStatus.CANCELLED
            error_reason, error_message = "RUN_CANCELLED", "the run was cancelled"
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
        run.close_open_sessions()
        outputs = run.final_outputs()
        return RunCompleted(
            run_id=spec.run_id,
            status=status,
            global_ctx=tuple(run.global_ctx),
            sessions=tuple(run.sessions.values()),
            duration_ms=int((time.monotonic() - started) * 1000),
            timed_out=timed_out,
            outputs=outputs,
            error_reason=error_reason,
            error_message=error_message,
            error_block_id=error_block,
        )


class _Run:
    """The mutable state of one execution."""

    def __init__(self, compiled: CompiledGraph, state: RunState, limits: EngineLimits, emit: Emit) -> None:
        self.compiled = compiled
        self.state = state
        self.limits = limits
        self.emit = emit
        self.sessions: dict[str, BlockSession] = {}
        self.global_ctx: list[BlockOutput] = []
        self.waiting = {node_id: len(c.incoming) for node_id, c in compiled.nodes.items()}
        self.end_ids: list[str] = []

    async def schedule(self) -> None:
        ready: deque[str] = deque([self.compiled.start_id])
        running: dict[asyncio.Task[None], str] = {}
        try:
            while ready or running:
                if not running and len(ready) == 1:
                    node_id = ready.popleft()
                    await self.run_block(node_id)
                    ready.extend(self.advance(node_id))
                    continue
                while ready:
                    node_id = ready.popleft()
                    running[asyncio.create_task(self.run_block(node_id))] = node_id
                done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    node_id = running.pop(task)
                    task.result()
                    ready.extend(self.advance(node_id))
        finally:
            for task in running:
                task.cancel()
            if running:
                await asyncio.gather(*running, return_exceptions=True)

    def advance(self, node_id: str) -> list[str]:
        now_ready = []
        for edge in self.compiled.nodes[node_id].outgoing:
            self.waiting[edge.target] -= 1
            if self.waiting[edge.target] == 0:
                now_ready.append(edge.target)
        return now_ready

    async def run_block(self, node_id: str) -> None:
        compiled = self.compiled.nodes[node_id]
        node = compiled.node
        self.emit(BlockStarted(node.id, node.type, node.name))
        self.sessions[node.id] = BlockSession(node.id, node.type, node.name, BlockStatus.RUNNING)
        ctx = BlockContext(
            node=node,
            config=compiled.config,
            state=self.state,
            limits=self.limits,
            emit_chunk=lambda delta: self.emit(BlockChunk(node.id, delta)),
        )
        try:
            output = await compiled.block.run(ctx)
        except BlockFailed as exc:
            self._fail(node_id, str(exc))
        except (asyncio.CancelledError, TimeoutError):
            raise
        except Exception:
            log.exception("block %s (%s) raised", node.id, node.type)
            self._fail(node_id, "internal error in block")
        else:
            self.state.outputs[node.id] = output
            self.sessions[node.id] = BlockSession(node.id, node.type, node.name, BlockStatus.COMPLETED, output)
            self.global_ctx.append(BlockOutput(node.id, node.type, node.name, output))
            self.emit(BlockCompleted(node.id, output))
            self.emit(BlockEnded(node.id, BlockStatus.COMPLETED))
            if not compiled.outgoing:
                self.end_ids.append(node.id)

    def _fail(self, node_id: str, message: str) -> None:
        s = self.sessions[node_id]
        self.sessions[node_id] = BlockSession(s.block_id, s.block_type, s.block_name, BlockStatus.FAILED, None, message)
        self.emit(BlockEnded(node_id, BlockStatus.FAILED, message))
        raise _BlockError(node_id, message)

    def close_open_sessions(self) -> None:
        for node_id, s in list(self.sessions.items()):
            if s.status is BlockStatus.RUNNING:
                self.sessions[node_id] = BlockSession(
                    s.block_id, s.block_type, s.block_name, BlockStatus.CANCELLED, None, "stopped"
                )
                self.emit(BlockEnded(node_id, BlockStatus.CANCELLED, "stopped"))

    def final_outputs(self) -> JSONValue:
        ends = [n for n in self.end_ids if self.compiled.nodes[n].node.type in ("end", "output")]
        if len(ends) == 1:
            return self.state.outputs[ends[0]]
        return {self.compiled.nodes[n].node.name: self.state.outputs[n] for n in ends}
