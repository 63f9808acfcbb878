"""The management API's WebSocket (seed 001 `ws://HOST/api/v1/ws/executions/{id}?token=`)
through the real Envoy: status messages until the execution ends, then a normal close;
refusals before the upgrade (401 / 404 with the family's error body)."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from flowgate.domain.models import Execution, ExecutionStatus
from flowgate.store.uow import UnitOfWork
from flowgate.v1 import execution_management_service_pb2 as pb
from flowgate.v1 import execution_management_service_pb2_grpc as pb_grpc
from tests.harness import GREETER, Stack
from tests.integration import mgmt
from tests.integration.mgmt import ERROR_KEYS, PAUSED, expired_token, signed_in, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")

WAIT = 30.0
"""Upper bound for an execution to end (a bound, not a measurement)."""

ENDED = ("completed", "failed", "cancelled")


def ws_url(stack: Stack, execution_id: str, token: str | None) -> str:
    base = stack.http_base.replace("http://", "ws://")
    url = f"{base}/api/v1/ws/executions/{execution_id}"
    return url if token is None else f"{url}?token={token}"


async def create_workflow(stack: Stack, headers: dict[str, str], graph: dict[str, Any]) -> str:
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=30) as c:
        return await mgmt.create_workflow(c, graph, unique("ws-"))


async def execute(stack: Stack, headers: dict[str, str], workflow_id: str, input_data: dict[str, Any]) -> str:
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=30) as c:
        response = await c.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": input_data})
        assert response.status_code == 201, response.text
        execution_id: str = response.json()["id"]
        return execution_id


async def until_ended(stack: Stack, headers: dict[str, str], execution_id: str) -> None:
    """Follows WatchExecution (gRPC) until the execution has ended."""
    stub = pb_grpc.ExecutionManagementServiceStub(stack.channel)
    call = stub.WatchExecution(
        pb.WatchExecutionRequest(execution_id=execution_id), metadata=(("authorization", headers["authorization"]),)
    )

    async def drain() -> str:
        last = ""
        async for message in call:
            last = message.data.status
        return last

    assert await asyncio.wait_for(drain(), WAIT) in ENDED


async def receive_all(ws: ClientConnection) -> list[dict[str, Any]]:
    """Every message until the server closes the connection."""

    async def collect() -> list[dict[str, Any]]:
        return [json.loads(m) async for m in ws]

    return await asyncio.wait_for(collect(), WAIT)


async def refusal(url: str) -> tuple[int, dict[str, Any]]:
    with pytest.raises(InvalidStatus) as caught:
        async with connect(url, open_timeout=10):
            pass
    response = caught.value.response
    assert response.headers["Content-Type"].startswith("application/json")
    body: dict[str, Any] = json.loads(response.body)
    assert set(body) == ERROR_KEYS
    assert body["status_code"] == response.status_code
    return response.status_code, body


async def test_a_finished_execution_sends_its_status_once_and_closes(stack: Stack) -> None:
    name, headers = await signed_in(stack, "ws")
    workflow_id = await create_workflow(stack, headers, GREETER)
    execution_id = await execute(stack, headers, workflow_id, {"text": "ws"})
    await until_ended(stack, headers, execution_id)

    async with connect(ws_url(stack, execution_id, await stack.token(name))) as ws:
        messages = await receive_all(ws)
        assert ws.close_code == 1000
    assert messages == [{"type": "status", "data": {"status": "completed", "progress": 100, "current_node": "end-1"}}]


async def test_a_new_execution_is_followed_to_its_end(stack: Stack) -> None:
    name, headers = await signed_in(stack, "ws-live")
    workflow_id = await create_workflow(stack, headers, GREETER)
    execution_id = await execute(stack, headers, workflow_id, {"text": "live"})
    async with connect(ws_url(stack, execution_id, await stack.token(name))) as ws:
        messages = await receive_all(ws)
        assert ws.close_code == 1000
    assert all(m["type"] == "status" and set(m["data"]) == {"status", "progress", "current_node"} for m in messages)
    assert messages[-1]["data"] == {"status": "completed", "progress": 100, "current_node": "end-1"}
    assert all(m["data"]["status"] in ("pending", "running") for m in messages[:-1])
    progress = [m["data"]["progress"] for m in messages]
    assert progress == sorted(progress)


async def test_a_team_api_key_is_a_token_too(stack: Stack) -> None:
    _name, headers = await signed_in(stack, "ws-key")
    workflow_id = await create_workflow(stack, headers, GREETER)
    execution_id = await execute(stack, headers, workflow_id, {"text": "key"})
    actor = await stack.server.accounts.authenticate(headers["authorization"])
    _key, secret = await stack.server.accounts.create_api_key(headers["authorization"], actor.team_id, "ws")
    async with connect(ws_url(stack, execution_id, secret)) as ws:
        messages = await receive_all(ws)
    assert messages[-1]["data"]["status"] == "completed"


async def test_refused_before_the_upgrade(stack: Stack) -> None:
    name, headers = await signed_in(stack, "ws-owner")
    workflow_id = await create_workflow(stack, headers, GREETER)
    execution_id = await execute(stack, headers, workflow_id, {"text": "x"})
    await until_ended(stack, headers, execution_id)

    status, body = await refusal(ws_url(stack, execution_id, None))
    assert status == 401
    status, body = await refusal(ws_url(stack, execution_id, "not-a-token"))
    assert status == 401
    actor = await stack.server.accounts.authenticate(headers["authorization"])
    status, body = await refusal(ws_url(stack, execution_id, expired_token(actor.user_id)))
    assert status == 401
    assert body["error_code"] == "UNAUTHENTICATED"

    other, _other_headers = await signed_in(stack, "ws-stranger")
    status, body = await refusal(ws_url(stack, execution_id, await stack.token(other)))
    assert (status, body["error_code"]) == (404, "NOT_FOUND")
    status, body = await refusal(ws_url(stack, "no-such-execution", await stack.token(name)))
    assert status == 404
    status, body = await refusal(ws_url(stack, "", await stack.token(name)))
    assert status == 404


# -- a running execution (a slow block) ------------------------------------------------------


async def running_at(ws: ClientConnection, block: str) -> list[dict[str, Any]]:
    """Messages until one says the execution runs `block`."""
    seen: list[dict[str, Any]] = []

    async def wait() -> None:
        async for raw in ws:
            seen.append(json.loads(raw))
            data = seen[-1]["data"]
            if data["status"] == "running" and data["current_node"] == block:
                return
        raise AssertionError(f"closed before {block} ran: {seen}")

    await asyncio.wait_for(wait(), WAIT)
    return seen


async def test_running_then_cancelled_then_closed(slow_stack: Stack) -> None:
    name, headers = await signed_in(slow_stack, "ws-slow")
    workflow_id = await create_workflow(slow_stack, headers, PAUSED)
    execution_id = await execute(slow_stack, headers, workflow_id, {})
    async with connect(ws_url(slow_stack, execution_id, await slow_stack.token(name))) as ws:
        seen = await running_at(ws, "pause-1")
        assert seen[-1]["data"] == {"status": "running", "progress": 33, "current_node": "pause-1"}
        async with httpx.AsyncClient(base_url=slow_stack.http_base, headers=headers, timeout=30) as c:
            cancel = await c.post(f"/api/v1/executions/{execution_id}/cancel")
            assert cancel.status_code == 200, cancel.text
        rest = await receive_all(ws)
        assert ws.close_code == 1000
    assert rest[-1] == {"type": "status", "data": {"status": "cancelled", "progress": 100, "current_node": "pause-1"}}


async def test_a_client_that_sends_too_much_is_disconnected(slow_stack: Stack) -> None:
    name, headers = await signed_in(slow_stack, "ws-noisy")
    workflow_id = await create_workflow(slow_stack, headers, PAUSED)
    execution_id = await execute(slow_stack, headers, workflow_id, {})
    try:
        async with connect(ws_url(slow_stack, execution_id, await slow_stack.token(name))) as ws:
            await running_at(ws, "pause-1")
            await ws.send("x" * 100_000)
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(receive_all(ws), WAIT)
            assert ws.close_code == 1009  # message too big
    finally:
        async with httpx.AsyncClient(base_url=slow_stack.http_base, headers=headers, timeout=30) as c:
            assert (await c.post(f"/api/v1/executions/{execution_id}/cancel")).json()["status"] == "cancelled"
        assert not slow_stack.server.run_registry.cancel(execution_id)  # its run has stopped


async def running_elsewhere(stack: Stack, headers: dict[str, str]) -> Execution:
    """An execution that another replica runs: a `running` row, no task in this process."""
    workflow_id = await create_workflow(stack, headers, GREETER)
    actor = await stack.server.accounts.authenticate(headers["authorization"])
    now = datetime.now(UTC)
    execution = Execution(
        id=str(uuid.uuid4()),
        team_id=actor.team_id,
        workflow_id=workflow_id,
        workflow_version=1,
        status=ExecutionStatus.RUNNING,
        input_data={"text": "elsewhere"},
        task_id=str(uuid.uuid4()),
        created_by=actor.label,
        created_at=now,
        progress=33,
        current_node="transform-1",
        started_at=now,
    )
    async with UnitOfWork(stack.server.factory) as uow:
        await uow.executions.add(execution)
        await uow.commit()
    return execution


async def test_an_execution_of_another_replica_is_followed_from_the_store(stack: Stack) -> None:
    name, headers = await signed_in(stack, "ws-replica")
    execution = await running_elsewhere(stack, headers)
    async with connect(ws_url(stack, execution.id, await stack.token(name))) as ws:
        first = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        assert first == {"type": "status", "data": {"status": "running", "progress": 33, "current_node": "transform-1"}}
        async with UnitOfWork(stack.server.factory) as uow:  # the other replica ends it
            await uow.executions.finish(
                execution.id,
                ExecutionStatus.COMPLETED,
                output_data={"greeting": "Hello, elsewhere!"},
                error_message="",
                execution_time_ms=5,
                progress=100,
                current_node="end-1",
                finished_at=datetime.now(UTC),
            )
            await uow.commit()
        rest = await receive_all(ws)
        assert ws.close_code == 1000
    assert rest == [{"type": "status", "data": {"status": "completed", "progress": 100, "current_node": "end-1"}}]


async def test_cancelling_an_execution_of_another_replica_ends_it_in_the_store(stack: Stack) -> None:
    name, headers = await signed_in(stack, "ws-replica-cancel")
    execution = await running_elsewhere(stack, headers)
    async with connect(ws_url(stack, execution.id, await stack.token(name))) as ws:
        first = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        assert first["data"]["status"] == "running"
        async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=30) as c:
            cancel = await c.post(f"/api/v1/executions/{execution.id}/cancel")
            assert cancel.status_code == 200, cancel.text
            assert cancel.json() == {"status": "cancelled", "progress": 100, "current_node": "transform-1"}
            detail = (await c.get(f"/api/v1/executions/{execution.id}")).json()
            assert detail["status"] == "cancelled"
            assert detail["finished_at"]
        rest = await receive_all(ws)
        assert ws.close_code == 1000
    assert rest[-1]["data"]["status"] == "cancelled"
