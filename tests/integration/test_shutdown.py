"""Graceful shutdown: open streams finish, new calls are refused."""

from __future__ import annotations

import asyncio
from pathlib import Path

import grpc
import pytest
from google.protobuf import json_format

from flowgate.config import Settings
from flowgate.engine.blocks import default_registry
from flowgate.server import FlowgateServer
from flowgate.v1 import execution_pb2, execution_service_pb2, execution_service_pb2_grpc
from tests.blocks_for_tests import PauseBlock
from tests.eventually import eventually
from tests.harness import Stack, sqlite_url

pytestmark = pytest.mark.asyncio(loop_scope="session")


SLOW = {
    "nodes": [
        {"id": "s", "type": "start"},
        {"id": "p", "type": "pause", "data": {"label": "Pause", "seconds": 1.0}},
        {"id": "e", "type": "end"},
    ],
    "edges": [{"id": "1", "source": "s", "target": "p"}, {"id": "2", "source": "p", "target": "e"}],
}


async def test_stop_drains_open_streams_and_refuses_new_calls(tmp_path: Path) -> None:
    blocks = default_registry(PauseBlock())
    settings = Settings(database_url=sqlite_url(tmp_path), grpc_port=0, ws_port=0, log_level="WARNING", _env_file=None)
    server = FlowgateServer(settings, blocks=blocks)
    await server.migrate()
    await server.start()
    stack = Stack(server=server, channel=grpc.aio.insecure_channel(f"127.0.0.1:{server.port}"))
    try:
        release = await stack.publish(SLOW, public=True)
        key = await stack.key("team-a")
        stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
        request = json_format.ParseDict({"deploymentId": release.deployment_id}, execution_service_pb2.RunAppRequest())
        call = stub.RunApp(request, metadata=(("authorization", f"Bearer {key}"),))
        events: list[execution_pb2.RunEvent] = []
        async for response in call:
            events.append(response.event)
            if response.event.block_started.block_id == "p":
                break  # the pause block is running now

        stopping = asyncio.create_task(server.stop(grace=10))
        late = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")

        async def refused() -> grpc.aio.AioRpcError:  # once the stop has begun
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await execution_service_pb2_grpc.ExecutionServiceStub(late).RunApp(request, timeout=2).read()
            assert refused.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
            return refused.value

        await eventually(refused)
        await late.close(None)

        events.extend([response.event async for response in call])
        await stopping
        assert events[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
    finally:
        await stack.channel.close(None)
