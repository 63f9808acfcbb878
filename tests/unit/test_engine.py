"""The engine on its own: validation, scheduling, events, templates, deadlines."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from flowgate.domain.errors import InputValidationFailed, InvalidWorkflow
from flowgate.domain.events import BlockCompleted, BlockEnded, BlockStarted, Event, RunStarted
from flowgate.domain.models import BlockStatus, Graph, RunStatus
from flowgate.engine.blocks import BlockRegistry, default_registry
from flowgate.engine.blocks.end import EndBlock
from flowgate.engine.blocks.start import StartBlock
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import compile_graph
from flowgate.engine.limits import EngineLimits
from tests.blocks_for_tests import PauseBlock

LIMITS = EngineLimits()


def graph(nodes: list[dict[str, Any]], edges: list[tuple[str, str]]) -> Graph:
    return Graph.from_json({"nodes": nodes, "edges": [{"id": f"{s}->{t}", "source": s, "target": t} for s, t in edges]})


def spec(deadline: float | None = 5.0) -> RunSpec:
    return RunSpec("run-1", "doc-1", "dep-1", "1.0.0", deadline)


async def execute(
    g: Graph, inputs: dict[str, Any], registry: BlockRegistry | None = None, deadline: float = 5.0
) -> Any:
    compiled = compile_graph(g, registry or default_registry(), LIMITS)
    events: list[Event] = []
    executor = Executor(LIMITS)
    values = executor.prepare_inputs(compiled, inputs)
    done = await executor.run(compiled, spec(deadline), values, events.append)
    return done, events


def test_validation_reports_every_problem_with_block_and_field() -> None:
    g = graph(
        [
            {"id": "s", "type": "start"},
            {"id": "s2", "type": "start", "data": {"label": "Other"}},
            {"id": "t", "type": "transform", "data": {"label": "T", "template": "{{ unclosed"}},
            {"id": "u", "type": "transform", "data": {"label": "t", "mapping": {"a": "x"}}},
            {"id": "z", "type": "teleport"},
        ],
        [("s", "t"), ("t", "nowhere")],
    )
    with pytest.raises(InvalidWorkflow) as err:
        compile_graph(g, default_registry(), LIMITS)
    problems = {(v.field, v.message.split(" ")[0]) for v in err.value.violations}
    fields = {f for f, _ in problems}
    assert "nodes[t].data" in fields  # template syntax error
    assert "nodes[u].data.label" in fields  # duplicate name "t" ~ "T"
    assert "nodes[z].type" in fields
    assert "edges[t->nowhere].target" in fields
    assert any(v.message.startswith("needs exactly one start block") for v in err.value.violations)
    assert any(v.message == "needs at least one end block" for v in err.value.violations)


def test_cycles_and_unreachable_blocks_are_rejected() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "s", "type": "start"},
        {"id": "a", "type": "transform", "data": {"template": "a"}},
        {"id": "b", "type": "transform", "data": {"template": "b"}},
        {"id": "e", "type": "end"},
    ]
    with pytest.raises(InvalidWorkflow) as cyc:
        compile_graph(graph(nodes, [("s", "a"), ("a", "b"), ("b", "a"), ("b", "e")]), default_registry(), LIMITS)
    assert [v.message for v in cyc.value.violations] == [
        "the graph has a cycle (loop over items with a loop block instead)"
    ]
    with pytest.raises(InvalidWorkflow) as unreachable:
        compile_graph(graph(nodes, [("s", "a"), ("a", "e")]), default_registry(), LIMITS)
    assert [v.field for v in unreachable.value.violations] == ["nodes[b]"]


def test_graph_size_is_limited() -> None:
    nodes = [{"id": f"n{i}", "type": "transform", "data": {"template": "x"}} for i in range(10)]
    with pytest.raises(InvalidWorkflow, match="limit is 5"):
        compile_graph(graph(nodes, []), default_registry(), EngineLimits(max_nodes=5))


async def test_linear_run_emits_block_events_and_outputs() -> None:
    g = graph(
        [
            {"id": "s", "type": "start", "data": {"label": "Start", "inputs": [{"name": "n", "type": "integer"}]}},
            {"id": "t", "type": "transform", "data": {"label": "Double It", "template": "{{ inputs.n * 2 }}"}},
            {"id": "e", "type": "end", "data": {"outputs": {"result": "{{ doubleit }}!"}}},
        ],
        [("s", "t"), ("t", "e")],
    )
    done, events = await execute(g, {"n": 21})
    assert done.status is RunStatus.SUCCEEDED
    assert done.outputs == {"result": "42!"}
    assert isinstance(events[0], RunStarted)
    assert [type(e) for e in events[1:4]] == [BlockStarted, BlockCompleted, BlockEnded]
    assert [e.block_id for e in events if isinstance(e, BlockStarted)] == ["s", "t", "e"]


async def test_a_follower_woken_by_run_start_runs_before_the_first_block() -> None:
    # Quick blocks never yield to the event loop; the executor does once after run_start,
    # so a stream waiting for events sends run_start before the run goes on.
    g = graph(
        [
            {"id": "s", "type": "start"},
            {"id": "t", "type": "transform", "data": {"template": "x"}},
            {"id": "e", "type": "end"},
        ],
        [("s", "t"), ("t", "e")],
    )
    compiled = compile_graph(g, default_registry(), LIMITS)
    order: list[str] = []
    woken = asyncio.Event()

    def emit(event: Event) -> None:
        order.append(type(event).__name__)
        if isinstance(event, RunStarted):
            woken.set()

    async def follower() -> None:
        await woken.wait()
        order.append("follower")

    following = asyncio.create_task(follower())
    await asyncio.sleep(0)  # the follower is waiting
    await Executor(LIMITS).run(compiled, spec(), {}, emit)
    await following
    assert order[:3] == ["RunStarted", "follower", "BlockStarted"]


async def test_input_schema_checks_types_required_options_and_defaults() -> None:
    g = graph(
        [
            {
                "id": "s",
                "type": "input",
                "data": {
                    "inputs": [
                        {"name": "q", "type": "string", "required": True},
                        {"name": "n", "type": "number", "default": 3},
                        {"name": "mode", "type": "string", "options": ["a", "b"]},
                        {"name": "flag", "type": "boolean"},
                    ]
                },
            },
            {"id": "e", "type": "end"},
        ],
        [("s", "e")],
    )
    compiled = compile_graph(g, default_registry(), LIMITS)
    executor = Executor(LIMITS)
    assert executor.prepare_inputs(compiled, {"q": "x"}) == {"q": "x", "n": 3}
    with pytest.raises(InputValidationFailed) as err:
        executor.prepare_inputs(compiled, {"n": "three", "mode": "c", "flag": 1})
    assert {(v.field, v.message) for v in err.value.violations} == {
        ("q", "is required"),
        ("n", "must be of type number"),
        ("mode", "must be one of ['a', 'b']"),
        ("flag", "must be of type boolean"),
    }
    with pytest.raises(InputValidationFailed):
        executor.prepare_inputs(compiled, {"q": True})


def slow_registry() -> BlockRegistry:
    return BlockRegistry([StartBlock(), EndBlock(), PauseBlock()])


async def test_independent_branches_run_concurrently_and_the_join_waits_for_both() -> None:
    g = graph(
        [
            {"id": "s", "type": "start"},
            {"id": "a", "type": "pause", "data": {"label": "A", "seconds": 0.3}},
            {"id": "b", "type": "pause", "data": {"label": "B", "seconds": 0.3}},
            {"id": "e", "type": "end"},
        ],
        [("s", "a"), ("s", "b"), ("a", "e"), ("b", "e")],
    )
    done, _ = await execute(g, {}, slow_registry())
    a, b = done.outputs["A"], done.outputs["B"]
    assert a["started"] < b["ended"], "branches did not overlap"
    assert b["started"] < a["ended"], "branches did not overlap"
    assert done.status is RunStatus.SUCCEEDED


async def test_the_deadline_stops_the_run_and_marks_it_timed_out() -> None:
    g = graph(
        [
            {"id": "s", "type": "start"},
            {"id": "w", "type": "pause", "data": {"seconds": 30}},
            {"id": "e", "type": "end"},
        ],
        [("s", "w"), ("w", "e")],
    )
    started = asyncio.get_running_loop().time()
    done, events = await execute(g, {}, slow_registry(), deadline=0.2)
    assert asyncio.get_running_loop().time() - started < 5
    assert done.status is RunStatus.FAILED
    assert done.timed_out
    assert done.error_reason == "RUN_TIMED_OUT"
    ended = [e for e in events if isinstance(e, BlockEnded) and e.block_id == "w"]
    assert ended[0].status is BlockStatus.CANCELLED


async def test_a_failing_template_fails_the_run_naming_the_block() -> None:
    g = graph(
        [
            {"id": "s", "type": "start"},
            {"id": "t", "type": "transform", "data": {"template": "{{ inputs.missing.deeper }}"}},
            {"id": "e", "type": "end"},
        ],
        [("s", "t"), ("t", "e")],
    )
    done, events = await execute(g, {})
    assert done.status is RunStatus.FAILED
    assert done.error_block_id == "t"
    assert "undefined" in done.error_message
    assert not any(isinstance(e, BlockStarted) and e.block_id == "e" for e in events)


async def test_templates_are_sandboxed() -> None:
    g = graph(
        [
            {"id": "s", "type": "start"},
            {"id": "t", "type": "transform", "data": {"template": "{{ ''.__class__.__mro__[1].__subclasses__() }}"}},
            {"id": "e", "type": "end"},
        ],
        [("s", "t"), ("t", "e")],
    )
    done, _ = await execute(g, {})
    assert done.status is RunStatus.FAILED
    assert done.error_block_id == "t"
