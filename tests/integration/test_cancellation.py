"""CancelRun aborts what is in flight — an LLM stream, an HTTP call, a code process — and
the run ends cancelled, keeping the outputs of the blocks that finished."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.engine.http import OutboundHttp
from flowgate.engine.llm import OpenAICompatible, ProviderConfig
from flowgate.engine.sandbox import SandboxPool
from flowgate.engine.services import Services
from flowgate.v1 import execution_pb2, execution_service_pb2, execution_service_pb2_grpc
from tests.eventually import eventually
from tests.fakes.http_server import FakeHttpServer
from tests.fakes.openai_server import FakeOpenAI, stall
from tests.harness import Stack, linear, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")


@dataclass
class World:
    stack: Stack
    provider: FakeOpenAI
    api: FakeHttpServer
    code: SandboxPool


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    provider = await FakeOpenAI().start()
    api = FakeHttpServer().start()
    chat = OpenAICompatible({"fake": ProviderConfig(provider.base_url, api_key="sk-c")}, trust_env=False)
    http = OutboundHttp(allowed_networks=["127.0.0.1/32"])
    code = SandboxPool(1)
    services = Services(chat=chat, http=http, code=code)
    stack = await start_stack(sqlite_url(tmp_path_factory.mktemp("cancel")), with_envoy=False, services=services)
    try:
        yield World(stack, provider, api, code)
    finally:
        await stop_stack(stack)
        await chat.close()
        await http.close()
        await code.close()
        await provider.stop()
        api.close()


async def cancel_when_started(
    world: World,
    graph: dict[str, Any],
    block: str,
    *,
    started_by: Callable[[execution_pb2.RunEvent], bool] | None = None,
    going: Callable[[], bool] | None = None,
) -> list[execution_pb2.RunEvent]:
    """Run `graph`, cancel it once `block` has started (the event `started_by` picks has
    arrived, by default its block_started) and got going (`going()` holds, when given)."""
    release = await world.stack.publish(graph, public=True)
    md = (("authorization", f"Bearer {await world.stack.key('team-c')}"),)
    stub = execution_service_pb2_grpc.ExecutionServiceStub(world.stack.channel)
    call = stub.RunApp(execution_service_pb2.RunAppRequest(deployment_id=release.deployment_id), metadata=md)
    events: list[execution_pb2.RunEvent] = []
    async for response in call:
        events.append(response.event)
        if started_by(response.event) if started_by else response.event.block_started.block_id == block:
            break
    if going is not None:
        await eventually(going)
    ack = await stub.CancelRun(execution_service_pb2.CancelRunRequest(run_id=events[0].run_started.run_id), metadata=md)
    assert ack.status == execution_pb2.RUN_STATUS_RUNNING

    async def rest() -> None:
        events.extend([r.event async for r in call])

    await asyncio.wait_for(rest(), timeout=5)  # a bound, not a measurement
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_CANCELLED
    statuses = {s.block_id: s.status for s in done.sessions}
    assert statuses["first"] == execution_pb2.BLOCK_STATUS_COMPLETED
    assert statuses[block] == execution_pb2.BLOCK_STATUS_CANCELLED
    kept: dict[str, Any] = {c.block_id: json_format.MessageToDict(c.output) for c in done.global_ctx}
    assert kept["first"] == "kept"
    return events


SPIN = "import os\n\ndef main():\n    open('pid', 'w').write(str(os.getpid()))\n    while True:\n        pass\n"


def first() -> dict[str, Any]:
    return {"id": "first", "type": "transform", "data": {"label": "First", "template": "kept"}}


async def test_cancel_aborts_a_streaming_llm_call(world: World) -> None:
    world.provider.script("stalls", stall("one two three four", after=2))
    aborted = world.provider.aborted
    graph = linear(
        first(),
        {"id": "llm", "type": "llm", "data": {"label": "LLM", "provider": "fake", "model": "stalls", "prompt": "x"}},
    )
    # Its first tokens have streamed: the call is mid-stream when it is cancelled.
    events = await cancel_when_started(world, graph, "llm", started_by=lambda e: e.block_chunk.block_id == "llm")
    assert any(e.block_chunk.block_id == "llm" for e in events), "the stream had begun"
    await asyncio.wait_for(world.provider.wait_aborted(aborted + 1), timeout=5)


async def test_cancel_aborts_an_http_call(world: World) -> None:
    graph = linear(
        first(),
        {"id": "call", "type": "http", "data": {"label": "Call", "url": world.api.url("/slow?seconds=30")}},
    )
    seen = len(world.api.requests)
    await cancel_when_started(  # the request has reached the server, which holds it
        world, graph, "call", going=lambda: any(r.path.startswith("/slow") for r in world.api.requests[seen:])
    )


async def test_cancel_kills_a_code_process(world: World) -> None:
    graph = linear(
        first(),
        {
            "id": "spin",
            "type": "code",
            "data": {
                "label": "Spin",
                "code": SPIN,
                "limits": {"wall_seconds": 60, "cpu_seconds": 60},
            },
        },
    )
    before = set(world.code.idle_pids())
    await cancel_when_started(  # a worker has taken the job
        world, graph, "spin", going=lambda: not before <= set(world.code.idle_pids())
    )
    # The worker that ran the job (one of the idle ones before) is gone.
    await eventually(lambda: not [pid for pid in before if _alive(pid)], timeout=5)
    assert not [pid for pid in before if _alive(pid)], "the code process outlived the cancelled run"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
