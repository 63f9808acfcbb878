"""Every engine rule through RunApp over real gRPC: branches, loops, retries, timeouts,
error strategies, deadlines, cancellation, caps and limits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.domain.errors import NotFound
from flowgate.domain.models import RunStatus
from flowgate.engine.blocks import default_registry
from flowgate.store.db import session_factory
from flowgate.store.uow import UnitOfWork
from flowgate.v1 import (
    execution_pb2,
    execution_service_pb2,
    execution_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from tests.blocks_for_tests import ChattyBlock, FlakyBlock, PauseBlock
from tests.eventually import eventually
from tests.harness import Stack, linear, run_events, sqlite_url, start_stack, stop_stack
from tests.integration.test_grpc_run import error_details

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    path = tmp_path_factory.mktemp("rules")
    s = await start_stack(
        sqlite_url(path),
        with_envoy=False,
        blocks=default_registry(PauseBlock(), FlakyBlock(), ChattyBlock()),
        max_block_output_bytes=2000,
        max_loop_iterations=50,
        max_run_events=400,
        max_graph_nodes=60,
    )
    yield s
    await stop_stack(s)


async def run(stack: Stack, graph: dict[str, Any], inputs: dict[str, Any] | None = None, **kw: Any) -> list[Any]:
    release = await stack.publish(graph, public=True)
    return await run_events(
        stack, await stack.key("rules"), deploymentId=release.deployment_id, inputs=inputs or {}, **kw
    )


def completed(events: list[execution_pb2.RunEvent]) -> execution_pb2.RunCompleted:
    assert events[-1].HasField("run_completed")
    return events[-1].run_completed


def value_of(message: Any) -> Any:
    """A google.protobuf.Value as plain JSON data."""
    result: Any = json_format.MessageToDict(message)
    return result


def outputs(events: list[execution_pb2.RunEvent]) -> Any:
    return value_of(completed(events).outputs)


def sessions(events: list[execution_pb2.RunEvent]) -> dict[str, str]:
    return {s.block_id: execution_pb2.BlockStatus.Name(s.status) for s in completed(events).sessions}


def node(node_id: str, type_: str, **data: Any) -> dict[str, Any]:
    return {"id": node_id, "type": type_, "data": {"label": node_id, **data}}


def edge(source: str, target: str, handle: str = "") -> dict[str, Any]:
    return {"id": f"{source}->{target}", "source": source, "target": target, "sourceHandle": handle}


async def create_error(stack: Stack, graph: dict[str, Any]) -> list[str]:
    """The field violations CreateWorkflow reports for `graph`."""
    stub = workflow_service_pb2_grpc.WorkflowServiceStub(stack.channel)
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.CreateWorkflow(
            workflow_service_pb2.CreateWorkflowRequest(
                workflow=workflow_pb2.Workflow(name="bad", graph=json_format.ParseDict(graph, workflow_pb2.Graph()))
            ),
            metadata=(("authorization", f"Bearer {await stack.key('rules')}"),),
        )
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return error_details(err.value)[1]


# -- branches -------------------------------------------------------------------------

BRANCHY = {
    "nodes": [
        node("start", "start", inputs=[{"name": "value", "type": "number", "required": True}]),
        node("cond", "condition", expression="{value} > 10"),
        node("big", "transform", template="big {value}"),
        node("small", "transform", template="small {value}"),
        node("end", "end"),
    ],
    "edges": [
        edge("start", "cond"),
        edge("cond", "big", "true"),
        edge("cond", "small", "false"),
        edge("big", "end"),
        edge("small", "end"),
    ],
}


@pytest.mark.parametrize(
    ("value", "taken", "skipped"), [(12, "big", "small"), (3, "small", "big"), (10.5, "big", "small")]
)
async def test_condition_takes_one_branch_and_skips_the_other(
    stack: Stack, value: float, taken: str, skipped: str
) -> None:
    events = await run(stack, BRANCHY, {"value": value})
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED
    status = sessions(events)
    assert status[taken] == "BLOCK_STATUS_COMPLETED"
    assert status[skipped] == "BLOCK_STATUS_SKIPPED"
    assert status["end"] == "BLOCK_STATUS_COMPLETED"
    assert outputs(events) == f"{taken} {value:g}"
    started = [e.block_started.block_id for e in events if e.HasField("block_started")]
    assert skipped not in started


async def test_if_elif_else_picks_the_first_condition_that_holds(stack: Stack) -> None:
    graph = {
        "nodes": [
            node("start", "start", inputs=[{"name": "n", "type": "integer"}]),
            node(
                "cond",
                "condition",
                conditions=[
                    {"id": "neg", "expression": "{n} < 0"},
                    {"id": "small", "expression": "{n} < 10"},
                    {"id": "also_small", "expression": "{n} < 100"},
                ],
            ),
            node("a", "transform", template="negative"),
            node("b", "transform", template="small"),
            node("c", "transform", template="medium"),
            node("d", "transform", template="large"),
            node("end", "end"),
        ],
        "edges": [
            edge("start", "cond"),
            edge("cond", "a", "neg"),
            edge("cond", "b", "small"),
            edge("cond", "c", "also_small"),
            edge("cond", "d", "else"),
            *(edge(x, "end") for x in "abcd"),
        ],
    }
    for n, expected in [(-5, "negative"), (5, "small"), (50, "medium"), (500, "large")]:
        assert outputs(await run(stack, graph, {"n": n})) == expected


async def test_a_non_boolean_condition_fails_the_run(stack: Stack) -> None:
    graph = linear(node("cond", "condition", expression="{inputs.x} + 1"))
    events = await run(stack, graph, {"x": 1})
    assert completed(events).status == execution_pb2.RUN_STATUS_FAILED
    assert "not true or false" in completed(events).error.message


# -- validation -----------------------------------------------------------------------


async def test_validation_names_unknown_handles_references_and_bad_expressions(stack: Stack) -> None:
    graph = {
        "nodes": [
            node("start", "start", inputs=[{"name": "q", "type": "string"}]),
            node("cond", "condition", expression="{q} =="),
            node("t", "transform", template="{Later.text} and {nothing}"),
            node("later", "transform", template="x"),
            node("end", "end"),
        ],
        "edges": [edge("start", "cond"), edge("cond", "t", "maybe"), edge("t", "later"), edge("later", "end")],
    }
    fields = await create_error(stack, graph)
    assert "nodes[cond].data" in fields or "nodes[cond].data.expression" in fields
    assert "nodes[t].data.template" in fields


async def test_references_to_downstream_blocks_and_undeclared_names_are_rejected(stack: Stack) -> None:
    graph = linear(
        node("first", "transform", template="{second}"),
        node("second", "transform", template="{q} {nope}"),
        inputs=[{"name": "q", "type": "string"}],
    )
    fields = await create_error(stack, graph)
    assert fields.count("nodes[first].data.template") == 1
    assert fields.count("nodes[second].data.template") == 1


async def test_graph_size_is_limited(stack: Stack) -> None:
    many = [node(f"t{i}", "transform", template="x") for i in range(70)]
    assert "nodes" in await create_error(stack, linear(*many))


# -- references -----------------------------------------------------------------------


async def test_seed_reference_examples_work_as_written(stack: Stack) -> None:
    graph = linear(
        node("Prep Text", "transform", template="  {inputs.text}  "),
        node("ask", "transform", template="请回答:{input}"),
        node("shout", "transform", template="{{ preptext }}|{PrepText}|{prep text}|{prep-text}"),
        inputs=[{"name": "text", "type": "string"}],
    )
    graph["nodes"][1]["id"] = "prep-text"
    graph["edges"][0]["target"] = "prep-text"
    graph["edges"][1]["source"] = "prep-text"
    events = await run(stack, graph, {"text": "hi"})
    done = {c.block_id: value_of(c.output) for c in completed(events).global_ctx}
    assert done["ask"] == "请回答:  hi  "
    assert done["shout"] == "  hi  |  hi  |  hi  |  hi  "


async def test_mapping_keeps_types_and_reaches_nested_fields(stack: Stack) -> None:
    graph = linear(
        node(
            "shape",
            "transform",
            mapping={"count": "{inputs.items[1].n}", "all": "{inputs.items}", "text": "n={inputs.items[0].n}"},
        ),
        inputs=[{"name": "items", "type": "array"}],
    )
    events = await run(stack, graph, {"items": [{"n": 1}, {"n": 2}]})
    assert outputs(events) == {"count": 2, "all": [{"n": 1}, {"n": 2}], "text": "n=1"}


# -- loops ----------------------------------------------------------------------------


def loop_graph(**loop: Any) -> dict[str, Any]:
    body = loop.pop("body", None) or {
        "nodes": [node("each", "transform", template="{index}:{item.name}")],
        "edges": [],
    }
    return linear(node("loop", "loop", items_path="inputs.items", body=body, **loop))


async def test_loop_runs_its_body_per_item_with_iteration_events(stack: Stack) -> None:
    events = await run(stack, loop_graph(), {"items": [{"name": "a"}, {"name": "b"}, {"name": "c"}]})
    assert outputs(events) == ["0:a", "1:b", "2:c"]
    iterations = [(e.loop_iteration.index, e.loop_iteration.status) for e in events if e.HasField("loop_iteration")]
    running, done = execution_pb2.BLOCK_STATUS_RUNNING, execution_pb2.BLOCK_STATUS_COMPLETED
    assert iterations == [(0, running), (0, done), (1, running), (1, done), (2, running), (2, done)]
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


async def test_loop_error_handling_continue_and_stop(stack: Stack) -> None:
    items = {"items": [{"name": "a"}, {"nope": 1}, {"name": "c"}]}
    goes_on = await run(stack, loop_graph(error_handling="continue"), items)
    result = outputs(goes_on)
    assert result[0] == "0:a"
    assert result[2] == "2:c"
    assert "name" in result[1]["error"]
    failed = [e.loop_iteration for e in goes_on if e.loop_iteration.status == execution_pb2.BLOCK_STATUS_FAILED]
    assert [(i.index, i.error.reason, i.error.block_id) for i in failed] == [(1, "ITERATION_FAILED", "loop")]
    assert "name" in failed[0].error.message
    stops = await run(stack, loop_graph(error_handling="stop"), items)
    assert completed(stops).status == execution_pb2.RUN_STATUS_FAILED
    assert completed(stops).error.block_id == "loop"
    assert "iteration 1" in completed(stops).error.message


async def test_parallel_loop_overlaps_iterations(stack: Stack) -> None:
    body = {"nodes": [node("wait", "pause", seconds=0.3)], "edges": []}
    events = await run(stack, loop_graph(body=body, parallelism=3), {"items": [1, 2, 3]})
    spans = outputs(events)
    assert len(spans) == 3
    assert max(s["started"] for s in spans) < min(s["ended"] for s in spans), "iterations did not overlap"


async def test_loop_iteration_cap(stack: Stack) -> None:
    events = await run(stack, loop_graph(), {"items": [{"name": str(i)} for i in range(51)]})
    assert completed(events).status == execution_pb2.RUN_STATUS_FAILED
    assert "at most 50 iterations" in completed(events).error.message


# -- retries, timeouts, error strategies ------------------------------------------------


async def test_retries_with_backoff_recover_a_flaky_block(stack: Stack) -> None:
    ok = await run(stack, linear(node("f", "flaky", failures=2, retries=2, retry_backoff_seconds=0.01)))
    assert outputs(ok) == {"attempts": 3}
    failing = await run(stack, linear(node("f", "flaky", failures=2, retries=1, retry_backoff_seconds=0.01)))
    assert completed(failing).status == execution_pb2.RUN_STATUS_FAILED
    assert completed(failing).error.message == "attempt 2 failed"


async def test_block_timeout_and_error_strategies(stack: Stack) -> None:
    slow = {"seconds": 30, "timeout_seconds": 0.2}
    failed = await run(stack, linear(node("w", "pause", **slow)))
    assert completed(failed).status == execution_pb2.RUN_STATUS_FAILED
    assert completed(failed).error.message == "timed out after 0.2s"
    assert completed(failed).error.block_id == "w"

    carry_on = await run(stack, linear(node("w", "pause", **slow, on_error="continue", default_output="fallback")))
    assert completed(carry_on).status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert outputs(carry_on) == "fallback"
    assert sessions(carry_on)["w"] == "BLOCK_STATUS_FAILED"

    branching = {
        "nodes": [
            node("start", "start"),
            node("w", "pause", **slow, on_error="branch"),
            node("ok", "transform", template="fine"),
            node("recover", "transform", template="recovered from: {w.error}"),
            node("end", "end"),
        ],
        "edges": [
            edge("start", "w"),
            edge("w", "ok"),
            edge("w", "recover", "error"),
            edge("ok", "end"),
            edge("recover", "end"),
        ],
    }
    events = await run(stack, branching)
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert outputs(events) == "recovered from: timed out after 0.2s"
    assert sessions(events)["ok"] == "BLOCK_STATUS_SKIPPED"


async def test_run_deadline_ends_the_run_timed_out_with_partial_outputs(stack: Stack) -> None:
    graph = linear(node("first", "transform", template="done"), node("w", "pause", seconds=30))
    events = await run(stack, graph, timeoutSeconds=0.3)
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.timed_out
    assert sessions(events) == {
        "start": "BLOCK_STATUS_COMPLETED",
        "first": "BLOCK_STATUS_COMPLETED",
        "w": "BLOCK_STATUS_CANCELLED",
    }


async def test_cancel_run_stops_it_and_keeps_partial_outputs(stack: Stack) -> None:
    graph = linear(node("first", "transform", template="kept"), node("w", "pause", seconds=60))
    release = await stack.publish(graph, public=True)
    key = await stack.key("rules")
    md = (("authorization", f"Bearer {key}"),)
    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    call = stub.RunApp(
        json_format.ParseDict({"deploymentId": release.deployment_id}, execution_service_pb2.RunAppRequest()),
        metadata=md,
    )
    events: list[execution_pb2.RunEvent] = []
    async for response in call:
        events.append(response.event)
        if response.event.block_started.block_id == "w":
            break
    run_id = events[0].run_started.run_id
    ack = await stub.CancelRun(execution_service_pb2.CancelRunRequest(run_id=run_id), metadata=md)
    assert ack.status == execution_pb2.RUN_STATUS_RUNNING

    async def rest() -> list[execution_pb2.RunEvent]:
        return [r.event async for r in call]

    events += await asyncio.wait_for(rest(), timeout=5)  # a bound, not a measurement
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_CANCELLED
    assert sessions(events)["first"] == "BLOCK_STATUS_COMPLETED"
    assert sessions(events)["w"] == "BLOCK_STATUS_CANCELLED"
    stored = await stub.GetRun(execution_service_pb2.GetRunRequest(run_id=run_id), metadata=md)
    assert stored.run.status == execution_pb2.RUN_STATUS_CANCELLED
    again = await stub.CancelRun(execution_service_pb2.CancelRunRequest(run_id=run_id), metadata=md)
    assert again.status == execution_pb2.RUN_STATUS_CANCELLED


# -- caps and limits --------------------------------------------------------------------


async def test_large_outputs_are_truncated_with_a_flag(stack: Stack) -> None:
    events = await run(stack, linear(node("big", "transform", template="{{ 'x' * 5000 }}")))
    block = next(e.block_completed for e in events if e.block_completed.block_id == "big")
    assert block.truncated
    assert value_of(block.output) == "x" * 2000


async def test_fast_deltas_are_coalesced_into_few_chunks(stack: Stack) -> None:
    events = await run(stack, linear(node("talk", "chatty", deltas=300)))
    chunks = [e.block_chunk.delta for e in events if e.HasField("block_chunk")]
    assert "".join(chunks) == "".join(str(i % 10) for i in range(300))
    assert 1 <= len(chunks) < 30


async def test_event_volume_is_limited(stack: Stack) -> None:
    body = {
        "nodes": [node("a", "transform", template="{item}"), node("b", "transform", template="{a}")],
        "edges": [edge("a", "b")],
    }  # 50 iterations x (2 loop events + 2 blocks x 3 events) > 400
    events = await run(stack, loop_graph(body=body), {"items": list(range(50))})
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.reason == "EVENT_LIMIT"
    assert done.outputs.WhichOneof("kind") == "struct_value"  # no end block ran: an empty object, still a Value
    assert value_of(done.outputs) == {}


async def test_every_run_event_has_a_distinct_increasing_seq(tmp_path: Path, stack: Stack) -> None:
    events = await run(stack, BRANCHY, {"value": 1})
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


async def test_a_long_run_is_stored_as_running_then_finished_and_readable_throughout(stack: Stack) -> None:
    graph = linear(node("w", "pause", seconds=3))
    release = await stack.publish(graph, public=True)
    md = (("authorization", f"Bearer {await stack.key('rules')}"),)
    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    call = stub.RunApp(execution_service_pb2.RunAppRequest(deployment_id=release.deployment_id), metadata=md)
    stream = call.__aiter__()
    first = await stream.__anext__()
    run_id = first.event.run_started.run_id
    live = await stub.GetRun(execution_service_pb2.GetRunRequest(run_id=run_id), metadata=md)
    assert live.run.status == execution_pb2.RUN_STATUS_RUNNING  # from memory, before any row exists

    async def stored_status() -> RunStatus | None:
        async with UnitOfWork(session_factory(stack.server.db)) as uow:
            try:
                return (await uow.runs.get(run_id)).status
            except NotFound:
                return None

    first_seen = await eventually(stored_status)  # the row is written a second in
    assert first_seen is RunStatus.RUNNING  # a run going on for a second has its row
    rest = [r.event async for r in stream]
    assert rest[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED
    done = await stub.GetRun(execution_service_pb2.GetRunRequest(run_id=run_id), metadata=md)
    assert done.run.status == execution_pb2.RUN_STATUS_SUCCEEDED

    async def stored_succeeded() -> bool:
        return await stored_status() is RunStatus.SUCCEEDED

    await eventually(stored_succeeded)
    assert await stored_status() is RunStatus.SUCCEEDED
    await eventually(lambda: run_id not in stack.server.runs._live)  # once its row is written, memory lets go
    assert run_id not in stack.server.runs._live
