"""The run seams' contracts: `RunLog` (through `RunLogs`) and `CommandChannel`, written
against the protocols and run against every implementation (one row per runtime in
RUNTIMES; a scaled-out runtime is one more row), and the one run path that drives a
run's observers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from flowgate.app.run_lifecycle import RunLifecycle
from flowgate.domain.events import BlockStarted, Event, Heartbeat, RunCompleted, RunStarted, Sequenced
from flowgate.domain.models import Graph, RunStatus
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.blocks.end import EndBlock
from flowgate.engine.blocks.start import StartBlock
from flowgate.engine.executor import Emit, Executor, RunSpec
from flowgate.engine.graph import CompiledGraph, compile_graph
from flowgate.engine.limits import EngineLimits
from flowgate.runtime import Runtime
from flowgate.runtime.commands import Delivery
from flowgate.runtime.eventlog import RunLog
from tests.blocks_for_tests import PauseBlock

RUNTIMES: list[Any] = [pytest.param(lambda: Runtime.in_process(60.0), id="in-process")]

LIMITS = EngineLimits()


@pytest.fixture(params=RUNTIMES)
async def runtime(request: pytest.FixtureRequest) -> AsyncIterator[Runtime]:
    make: Callable[[], Runtime] = request.param
    made = make()
    try:
        yield made
    finally:
        await made.tasks.drain(grace=1.0)


async def finished(task: asyncio.Task[Any]) -> None:
    """The run's task ended and its done callbacks (on_closed) ran."""
    await asyncio.wait_for(task, 10)
    await asyncio.sleep(0)


async def read(log: RunLog, after_seq: int = 0) -> list[Sequenced]:
    return [item async for batch in log.subscribe(after_seq) for item in batch]


def paused(seconds: float) -> CompiledGraph:
    graph = Graph.from_json(
        {
            "nodes": [
                {"id": "s", "type": "start"},
                {"id": "p", "type": "pause", "data": {"label": "P", "seconds": seconds}},
                {"id": "e", "type": "end"},
            ],
            "edges": [{"id": "s-p", "source": "s", "target": "p"}, {"id": "p-e", "source": "p", "target": "e"}],
        }
    )
    return compile_graph(graph, BlockRegistry([StartBlock(), EndBlock(), PauseBlock()]), LIMITS)


# -- RunLog ---------------------------------------------------------------------------------


async def test_events_are_numbered_from_one(runtime: Runtime) -> None:
    log = runtime.logs.open("run-seq")
    items = [log.append(RunStarted("run-seq", "doc", "dep", "1.0.0")), log.append(Heartbeat())]
    assert [item.seq for item in items] == [1, 2]
    assert runtime.logs.get("run-seq") is not None


async def test_a_reader_starts_after_any_seq(runtime: Runtime) -> None:
    log = runtime.logs.open("run-from")
    for _ in range(5):
        log.append(Heartbeat())
    log.close()
    assert [item.seq for item in await read(log, 0)] == [1, 2, 3, 4, 5]
    assert [item.seq for item in await read(log, 3)] == [4, 5]
    assert await read(log, 5) == []


async def test_every_reader_gets_every_event_and_the_end_closes_the_log(runtime: Runtime) -> None:
    log = runtime.logs.open("run-all")
    readers = [asyncio.create_task(read(log)) for _ in range(3)]
    await asyncio.sleep(0)
    sent: list[Event] = [RunStarted("run-all", "doc", "dep", "1.0.0")]
    for event in sent:
        log.append(event)
    for _ in range(50):
        sent.append(Heartbeat())
        log.append(sent[-1])
        if len(sent) % 10 == 0:
            await asyncio.sleep(0)  # readers take what is there, then wait for more
    end = RunCompleted("run-all", RunStatus.SUCCEEDED, (), (), 1, False, None)
    sent.append(end)
    log.append(end)
    assert log.closed
    for reader in readers:
        got = await asyncio.wait_for(reader, 5)
        assert [item.event for item in got] == sent
        assert [item.seq for item in got] == list(range(1, len(sent) + 1))
    with pytest.raises(RuntimeError):
        log.append(Heartbeat())


async def test_closing_wakes_a_waiting_reader(runtime: Runtime) -> None:
    log = runtime.logs.open("run-close")
    log.append(Heartbeat())
    reader = asyncio.create_task(read(log))
    await asyncio.sleep(0.05)
    assert not reader.done()  # waiting for more
    log.close()
    assert [item.seq for item in await asyncio.wait_for(reader, 5)] == [1]


async def test_an_idle_reader_gets_empty_batches_as_heartbeats(runtime: Runtime) -> None:
    log = runtime.logs.open("run-idle")
    batches = log.subscribe(0, heartbeat_seconds=0.05)
    assert await asyncio.wait_for(anext(batches), 5) == []
    log.append(Heartbeat())
    assert [item.seq for item in await asyncio.wait_for(anext(batches), 5)] == [1]
    log.close()
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(anext(batches), 5)


async def test_an_ended_run_keeps_its_log_for_readers(runtime: Runtime) -> None:
    log = runtime.logs.open("run-kept")
    log.append(Heartbeat())
    runtime.logs.ended("run-kept")
    kept = runtime.logs.get("run-kept")
    assert kept is not None
    assert kept.closed
    assert [item.seq for item in await read(kept)] == [1]
    assert runtime.logs.get("run-never") is None


# -- CommandChannel -------------------------------------------------------------------------


async def test_cancelling_an_unknown_run_reaches_nothing(runtime: Runtime) -> None:
    delivery = await runtime.commands.cancel("no-such-run")
    assert delivery is Delivery.NOT_FOUND
    assert not delivery.reached


class Seen:
    """An observer that notes what the lifecycle told it."""

    follows_events = True

    def __init__(self, start: bool = True) -> None:
        self.start = start
        self.calls: list[str] = []
        self.events: list[Sequenced] = []
        self.end: RunCompleted | None = None
        self.block_started = asyncio.Event()

    async def on_started(self) -> bool:
        self.calls.append("started")
        return self.start

    def on_event(self, item: Sequenced) -> None:
        self.events.append(item)
        if isinstance(item.event, BlockStarted):
            self.block_started.set()

    async def on_ending(self, completed: RunCompleted) -> None:
        self.calls.append("ending")
        self.end = completed

    async def on_ended(self, completed: RunCompleted) -> None:
        self.calls.append("ended")

    async def on_broken(self, end: RunCompleted, error: BaseException) -> None:
        self.calls.append(f"broken:{type(error).__name__}")
        self.end = end

    def on_closed(self, ran: bool, cancelled: bool) -> None:
        self.calls.append(f"closed:{ran}:{cancelled}")


def spec(run_id: str) -> RunSpec:
    return RunSpec(run_id, "doc", "dep", "1.0.0", 30.0)


async def test_cancelling_a_live_run_ends_it_cancelled(runtime: Runtime) -> None:
    seen = Seen()
    lifecycle = RunLifecycle(Executor(LIMITS), runtime)
    started = lifecycle.start(paused(30.0), spec("run-cancel"), {}, (seen,), datetime.now(UTC))
    reader = asyncio.create_task(read(started.log))
    await asyncio.wait_for(seen.block_started.wait(), 10)
    delivery = await runtime.commands.cancel("run-cancel")
    assert delivery.reached
    events = await asyncio.wait_for(reader, 10)
    end = events[-1].event
    assert isinstance(end, RunCompleted)
    assert end.status is RunStatus.CANCELLED
    assert end.error_reason == "RUN_CANCELLED"
    await finished(started.task)
    assert seen.calls == ["started", "ending", "ended", "closed:True:False"]
    assert seen.end == end
    assert (await runtime.commands.cancel("run-cancel")) is Delivery.NOT_FOUND  # it is over


# -- the run path ---------------------------------------------------------------------------


async def test_observers_see_every_event_as_the_log_numbered_it_then_the_end(runtime: Runtime) -> None:
    seen = Seen()
    started = RunLifecycle(Executor(LIMITS), runtime).start(
        paused(0.01), spec("run-path"), {}, (seen,), datetime.now(UTC)
    )
    events = await asyncio.wait_for(read(started.log), 10)
    await finished(started.task)
    assert seen.events == events[:-1]  # the end is the observers' before it is the log's
    assert seen.end is not None
    assert seen.end.status is RunStatus.SUCCEEDED
    assert events[-1].event == seen.end
    assert seen.calls == ["started", "ending", "ended", "closed:True:False"]


class BrokenExecutor(Executor):
    """An engine with a bug: it raises instead of ending the run."""

    async def run(self, compiled: CompiledGraph, spec: RunSpec, inputs: Mapping[str, Any], emit: Emit) -> RunCompleted:
        emit(RunStarted(spec.run_id, spec.document_id, spec.deployment_id, spec.version))
        await asyncio.sleep(0)
        raise RuntimeError("a bug")


async def test_a_run_whose_path_breaks_still_ends(runtime: Runtime) -> None:
    seen = Seen()
    started = RunLifecycle(BrokenExecutor(LIMITS), runtime).start(
        paused(0.01), spec("run-broken"), {}, (seen,), datetime.now(UTC)
    )
    events = await asyncio.wait_for(read(started.log), 10)
    await finished(started.task)
    end = events[-1].event
    assert isinstance(end, RunCompleted)
    assert (end.status, end.error_reason) == (RunStatus.FAILED, "INTERNAL")
    assert seen.calls == ["started", "broken:RuntimeError", "closed:True:False"]


async def test_a_run_an_observer_refuses_does_not_run(runtime: Runtime) -> None:
    seen = Seen(start=False)
    started = RunLifecycle(Executor(LIMITS), runtime).start(
        paused(0.01), spec("run-refused"), {}, (seen,), datetime.now(UTC)
    )
    assert await asyncio.wait_for(read(started.log), 10) == []
    await finished(started.task)
    assert seen.calls == ["started", "closed:True:False"]


async def test_a_run_cancelled_before_it_took_a_step_tells_its_observers(runtime: Runtime) -> None:
    seen = Seen()
    started = RunLifecycle(Executor(LIMITS), runtime).start(
        paused(0.01), spec("run-early"), {}, (seen,), datetime.now(UTC)
    )
    assert runtime.tasks.cancel("run-early")  # this process's task, before its first step
    assert await asyncio.wait_for(read(started.log), 10) == []
    with pytest.raises(asyncio.CancelledError):
        await finished(started.task)
    await asyncio.sleep(0)  # the task's done callbacks
    assert seen.calls == ["closed:False:True"]
