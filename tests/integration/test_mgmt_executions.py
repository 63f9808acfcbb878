"""The management API's executions and their logs (seed 001 `/api/v1/executions`,
`/api/v1/execution-logs`) through the real Envoy, with real blocks: every endpoint and
parameter; running, progress and cancellation with a slow block; the same over gRPC,
with WatchExecution."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf import json_format, struct_pb2

from flowgate.app.executions import LOST_MESSAGE
from flowgate.domain.models import Execution, ExecutionStatus
from flowgate.store.executions import ExecutionRepository
from flowgate.store.uow import UnitOfWork
from flowgate.v1 import execution_management_service_pb2 as pb
from flowgate.v1 import execution_management_service_pb2_grpc as pb_grpc
from tests.harness import GREETER, Stack, linear
from tests.integration.mgmt import PAUSED, assert_error, create_workflow, expired_token, signed_in, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")

TICKET_KEYS = {"id", "workflow_id", "status", "task_id"}
EXECUTION_KEYS = {
    "id",
    "workflow_id",
    "workflow_version",
    "status",
    "input_data",
    "output_data",
    "error_message",
    "execution_time",
    "task_id",
    "created_at",
    "started_at",
    "finished_at",
}
STATUS_KEYS = {"status", "progress", "current_node"}
LOG_KEYS = {"id", "node_id", "node_type", "level", "message", "timestamp", "duration_ms"}
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
WAIT = 30.0
"""Upper bound for an execution to end (a bound, not a measurement)."""

SCORE_ROUTER: dict[str, Any] = {
    "nodes": [
        {
            "id": "start-1",
            "type": "start",
            "data": {
                "label": "Start",
                "inputs": [
                    {"name": "name", "type": "string", "required": True},
                    {"name": "score", "type": "number", "required": True},
                ],
            },
        },
        {"id": "condition-1", "type": "condition", "data": {"label": "Passed", "expression": "{score} >= 60"}},
        {"id": "transform-1", "type": "transform", "data": {"label": "Pass", "mapping": {"result": "pass {name}"}}},
        {"id": "transform-2", "type": "transform", "data": {"label": "Fail", "mapping": {"result": "fail {name}"}}},
        {"id": "end-1", "type": "end", "data": {"label": "End pass", "outputs": {"verdict": "{Pass.result}"}}},
        {"id": "end-2", "type": "end", "data": {"label": "End fail", "outputs": {"verdict": "{Fail.result}"}}},
    ],
    "edges": [
        {"id": "e1", "source": "start-1", "target": "condition-1"},
        {"id": "e2", "source": "condition-1", "target": "transform-1", "sourceHandle": "true"},
        {"id": "e3", "source": "condition-1", "target": "transform-2", "sourceHandle": "false"},
        {"id": "e4", "source": "transform-1", "target": "end-1"},
        {"id": "e5", "source": "transform-2", "target": "end-2"},
    ],
}

LOOP: dict[str, Any] = {
    "nodes": [
        {
            "id": "start-1",
            "type": "start",
            "data": {"label": "Start", "inputs": [{"name": "items", "type": "array", "required": True}]},
        },
        {
            "id": "loop-1",
            "type": "loop",
            "data": {
                "label": "Each",
                "items_path": "items",
                "item_variable": "item",
                "body": {
                    "nodes": [
                        {"id": "fmt-1", "type": "transform", "data": {"label": "Fmt", "template": "<{{ item }}>"}}
                    ],
                    "edges": [],
                },
            },
        },
        {"id": "end-1", "type": "end", "data": {"label": "End", "outputs": {"lines": "{Each}"}}},
    ],
    "edges": [
        {"id": "e1", "source": "start-1", "target": "loop-1"},
        {"id": "e2", "source": "loop-1", "target": "end-1"},
    ],
}

FAILING: dict[str, Any] = linear(
    {
        "id": "code-1",
        "type": "code",
        "data": {"label": "Boom", "code": "def main():\n    raise ValueError('boom-1234')\n"},
    }
)


@dataclass
class User:
    name: str
    headers: dict[str, str]
    client: httpx.AsyncClient


@pytest_asyncio.fixture(loop_scope="session")
async def user(stack: Stack) -> AsyncIterator[User]:
    name, headers = await signed_in(stack, "runner")
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=30) as client:
        yield User(name, headers, client)


def struct(value: dict[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(value)
    return out


def metadata(headers: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return (("authorization", headers["authorization"]),)


async def watch(stack: Stack, headers: dict[str, str], execution_id: str) -> list[dict[str, Any]]:
    """Every WatchExecution message of the execution, until the stream ends."""
    stub = pb_grpc.ExecutionManagementServiceStub(stack.channel)
    call = stub.WatchExecution(pb.WatchExecutionRequest(execution_id=execution_id), metadata=metadata(headers))

    async def collect() -> list[dict[str, Any]]:
        return [
            json_format.MessageToDict(m, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
            async for m in call
        ]

    return await asyncio.wait_for(collect(), WAIT)


async def run_to_end(stack: Stack, user: User, workflow_id: str, input_data: dict[str, Any]) -> dict[str, Any]:
    """Execute, follow it to its end, and answer its detail."""
    response = await user.client.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": input_data})
    assert response.status_code == 201, response.text
    execution_id = response.json()["id"]
    messages = await watch(stack, user.headers, execution_id)
    assert messages[-1]["data"]["status"] in ("completed", "failed", "cancelled"), messages
    detail = await user.client.get(f"/api/v1/executions/{execution_id}")
    assert detail.status_code == 200, detail.text
    body: dict[str, Any] = detail.json()
    return body


# -- starting ----------------------------------------------------------------------------


async def test_execute_answers_201_pending_then_completes_with_output(stack: Stack, user: User) -> None:
    workflow_id = await create_workflow(user.client, GREETER)
    response = await user.client.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {"text": "Ada"}})
    assert response.status_code == 201, response.text
    ticket = response.json()
    assert set(ticket) == TICKET_KEYS
    assert ticket["workflow_id"] == workflow_id
    assert ticket["status"] == "pending"
    assert ticket["id"]
    assert ticket["task_id"]
    assert ticket["id"] != ticket["task_id"]

    messages = await watch(stack, user.headers, ticket["id"])
    assert all(m["type"] == "status" and set(m["data"]) == STATUS_KEYS for m in messages)
    assert messages[-1]["data"] == {"status": "completed", "progress": 100, "current_node": "end-1"}
    assert all(m["data"]["status"] in ("pending", "running") for m in messages[:-1])

    detail = (await user.client.get(f"/api/v1/executions/{ticket['id']}")).json()
    assert set(detail) == EXECUTION_KEYS
    assert detail["id"] == ticket["id"]
    assert detail["task_id"] == ticket["task_id"]
    assert detail["status"] == "completed"
    assert detail["workflow_version"] == 1
    assert detail["input_data"] == {"text": "Ada"}
    assert detail["output_data"] == {"greeting": "Hello, Ada!"}
    assert detail["error_message"] == ""
    assert isinstance(detail["execution_time"], int)
    assert detail["execution_time"] >= 0
    for key in ("created_at", "started_at", "finished_at"):
        assert ISO.match(detail[key]), detail

    status = await user.client.get(f"/api/v1/executions/{ticket['id']}/status")
    assert status.status_code == 200
    assert status.json() == {"status": "completed", "progress": 100, "current_node": "end-1"}


async def test_create_execution_takes_the_workflow_in_the_body(stack: Stack, user: User) -> None:
    workflow_id = await create_workflow(user.client, GREETER)
    response = await user.client.post(
        "/api/v1/executions", json={"workflow_id": workflow_id, "input_data": {"text": "B"}}
    )
    assert response.status_code == 201, response.text
    ticket = response.json()
    assert set(ticket) == TICKET_KEYS
    assert ticket["status"] == "pending"
    assert ticket["workflow_id"] == workflow_id
    assert (await watch(stack, user.headers, ticket["id"]))[-1]["data"]["status"] == "completed"
    detail = (await user.client.get(f"/api/v1/executions/{ticket['id']}")).json()
    assert detail["output_data"] == {"greeting": "Hello, B!"}


async def test_bad_requests_are_refused_and_write_nothing(user: User) -> None:
    workflow_id = await create_workflow(user.client, GREETER)
    c = user.client
    body = assert_error(await c.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {}}), 400)
    assert body["error_code"] == "INPUT_VALIDATION_FAILED"
    assert "text" in body["detail"]
    body = assert_error(await c.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {"text": 5}}), 400)
    assert "text" in body["detail"]
    assert "string" in body["detail"]
    assert_error(await c.post("/api/v1/executions", json={"input_data": {"text": "x"}}), 422, "VALIDATION_ERROR")
    assert_error(
        await c.post("/api/v1/executions", json={"workflow_id": "no-such-workflow", "input_data": {}}), 404, "NOT_FOUND"
    )
    assert_error(await c.post("/api/v1/workflows/no-such-workflow/execute", json={"input_data": {}}), 404)
    broken = await create_workflow(c, linear({"id": "x-1", "type": "mystery", "data": {"label": "X"}}))
    body = assert_error(await c.post(f"/api/v1/workflows/{broken}/execute", json={"input_data": {}}), 400)
    assert body["error_code"] == "INVALID_WORKFLOW", body
    assert "x-1" in body["detail"], body
    # a deleted workflow cannot run
    deleted = await create_workflow(c, GREETER)
    assert (await c.delete(f"/api/v1/workflows/{deleted}")).status_code == 200
    assert_error(await c.post(f"/api/v1/workflows/{deleted}/execute", json={"input_data": {"text": "x"}}), 404)

    for wf in (workflow_id, broken, deleted):
        listed = await c.get("/api/v1/executions", params={"workflow_id": wf})
        assert listed.status_code == 200
        assert listed.json() == []


async def test_condition_skips_the_untaken_branch_and_the_loop_runs_its_body(stack: Stack, user: User) -> None:
    router = await create_workflow(user.client, SCORE_ROUTER)
    done = await run_to_end(stack, user, router, {"name": "Ada", "score": 75})
    assert done["status"] == "completed"
    assert done["output_data"] == {"verdict": "pass Ada"}
    debug = (await user.client.get(f"/api/v1/execution-logs/executions/{done['id']}", params={"level": "debug"})).json()
    assert {(r["node_id"], r["message"]) for r in debug["logs"]} == {
        ("transform-2", "Block skipped"),
        ("end-2", "Block skipped"),
    }
    assert debug["total"] == 2

    looping = await create_workflow(user.client, LOOP)
    done = await run_to_end(stack, user, looping, {"items": ["a", "b", "c"]})
    assert done["status"] == "completed"
    assert done["output_data"] == {"lines": ["<a>", "<b>", "<c>"]}
    body_logs = (
        await user.client.get(f"/api/v1/execution-logs/executions/{done['id']}", params={"node_id": "fmt-1"})
    ).json()
    assert body_logs["total"] == 6  # started and completed, per item
    assert [r["message"] for r in body_logs["logs"]] == ["Block started", "Block completed"] * 3
    assert all(r["node_type"] == "transform" for r in body_logs["logs"])


# -- logs and summary ----------------------------------------------------------------------


async def test_logs_of_a_completed_execution_with_every_parameter(stack: Stack, user: User) -> None:
    workflow_id = await create_workflow(user.client, GREETER)
    done = await run_to_end(stack, user, workflow_id, {"text": "logs"})
    url = f"/api/v1/execution-logs/executions/{done['id']}"
    c = user.client

    page = await c.get(url)
    assert page.status_code == 200, page.text
    body = page.json()
    assert set(body) == {"logs", "total", "skip", "limit"}
    assert body["total"] == 8
    assert body["skip"] == 0
    assert body["limit"] == 100
    assert all(set(r) == LOG_KEYS and ISO.match(r["timestamp"]) for r in body["logs"])
    assert [(r["node_id"], r["node_type"], r["level"], r["message"]) for r in body["logs"]] == [
        ("", "", "info", "Execution started"),
        ("start-1", "start", "info", "Block started"),
        ("start-1", "start", "info", "Block completed"),
        ("transform-1", "transform", "info", "Block started"),
        ("transform-1", "transform", "info", "Block completed"),
        ("end-1", "end", "info", "Block started"),
        ("end-1", "end", "info", "Block completed"),
        ("", "", "info", "Execution completed"),
    ]
    assert all(r["duration_ms"] == 0 for r in body["logs"] if r["message"] == "Block started")
    assert all(isinstance(r["duration_ms"], int) and r["duration_ms"] >= 0 for r in body["logs"])

    paged = (await c.get(url, params={"skip": 2, "limit": 3})).json()
    assert paged["total"] == 8
    assert paged["skip"] == 2
    assert paged["limit"] == 3
    assert [r["id"] for r in paged["logs"]] == [r["id"] for r in body["logs"][2:5]]
    one_node = (await c.get(url, params={"node_id": "transform-1", "level": "info"})).json()
    assert one_node["total"] == 2
    assert {r["node_id"] for r in one_node["logs"]} == {"transform-1"}
    assert (await c.get(url, params={"level": "error"})).json() == {"logs": [], "total": 0, "skip": 0, "limit": 100}
    assert (await c.get(url, params={"limit": 1000})).status_code == 200

    assert_error(await c.get(url, params={"level": "fatal"}), 422, "VALIDATION_ERROR")
    assert_error(await c.get(url, params={"limit": 1001}), 422, "VALIDATION_ERROR")
    assert_error(await c.get(url, params={"limit": 0}), 422)
    assert_error(await c.get(url, params={"skip": -1}), 422)
    assert_error(await c.get("/api/v1/execution-logs/executions/no-such-execution"), 404)

    summary = await c.get(f"{url}/summary")
    assert summary.status_code == 200, summary.text
    s = summary.json()
    assert set(s) == {"total_logs", "level_stats", "node_stats", "error_logs"}
    assert s["total_logs"] == 8
    assert s["level_stats"] == {"info": 8, "warn": 0, "error": 0, "debug": 0}
    assert [(n["node_id"], n["node_type"], n["log_count"]) for n in s["node_stats"]] == [
        ("start-1", "start", 2),
        ("transform-1", "transform", 2),
        ("end-1", "end", 2),
    ]
    assert all(set(n) == {"node_id", "node_type", "log_count", "total_duration_ms"} for n in s["node_stats"])
    durations = {r["node_id"]: r["duration_ms"] for r in body["logs"] if r["message"] == "Block completed"}
    assert {n["node_id"]: n["total_duration_ms"] for n in s["node_stats"]} == durations
    assert s["error_logs"] == []


async def test_a_failing_block_fails_the_execution_with_error_logs(stack: Stack, user: User) -> None:
    workflow_id = await create_workflow(user.client, FAILING)
    done = await run_to_end(stack, user, workflow_id, {})
    assert done["status"] == "failed"
    assert "boom-1234" in done["error_message"]
    assert "code-1" in done["error_message"]
    assert done["output_data"] is None
    assert done["finished_at"]
    status = (await user.client.get(f"/api/v1/executions/{done['id']}/status")).json()
    assert status == {"status": "failed", "progress": 100, "current_node": "code-1"}

    url = f"/api/v1/execution-logs/executions/{done['id']}"
    errors = (await user.client.get(url, params={"level": "error"})).json()
    assert errors["total"] == 2
    block, execution = errors["logs"]
    assert block["node_id"] == "code-1"
    assert block["node_type"] == "code"
    assert "boom-1234" in block["message"]
    assert block["message"].startswith("Block failed")
    assert execution["node_id"] == ""
    assert execution["message"].startswith("Execution failed")
    assert "boom-1234" in (execution["message"])

    s = (await user.client.get(f"{url}/summary")).json()
    assert s["level_stats"] == {"info": 4, "warn": 0, "error": 2, "debug": 0}  # the end block never ran
    assert s["total_logs"] == 6
    assert [(n["node_id"], n["node_type"], n["log_count"]) for n in s["node_stats"]] == [
        ("start", "start", 2),
        ("code-1", "code", 2),
    ]
    assert [r["id"] for r in s["error_logs"]] == [block["id"], execution["id"]]
    assert all(set(r) == LOG_KEYS for r in s["error_logs"])

    listed = (await user.client.get("/api/v1/executions", params={"search": "boom-1234"})).json()
    assert [e["id"] for e in listed] == [done["id"]]


# -- listing -------------------------------------------------------------------------------


async def test_list_filters_searches_pages_newest_first(stack: Stack, user: User) -> None:
    _name, headers = await signed_in(stack, "lister")
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=30) as c:
        lister = User("lister", headers, c)
        named = unique("Needle-")
        greeter = await create_workflow(c, GREETER, name=named)
        failing = await create_workflow(c, FAILING)
        first = await run_to_end(stack, lister, greeter, {"text": "1"})
        second = await run_to_end(stack, lister, failing, {})
        third = await run_to_end(stack, lister, greeter, {"text": "3"})

        everything = await c.get("/api/v1/executions")
        assert everything.status_code == 200
        items = everything.json()
        assert [e["id"] for e in items] == [third["id"], second["id"], first["id"]]
        assert all(set(e) == EXECUTION_KEYS for e in items)
        assert items[0] == third

        async def ids(**params: Any) -> list[str]:
            response = await c.get("/api/v1/executions", params=params)
            assert response.status_code == 200, response.text
            return [e["id"] for e in response.json()]

        assert await ids(workflow_id=greeter) == [third["id"], first["id"]]
        assert await ids(status="failed") == [second["id"]]
        assert await ids(status="completed") == [third["id"], first["id"]]
        assert await ids(status="running") == []
        assert await ids(status="pending") == []
        assert await ids(status="cancelled") == []
        assert await ids(search=first["id"][:13]) == [first["id"]]
        assert await ids(search=named.lower()) == [third["id"], first["id"]]
        assert await ids(search="boom-1234") == [second["id"]]
        assert await ids(search="nothing-like-this") == []
        assert await ids(skip=1, limit=1) == [second["id"]]
        assert await ids(skip=3) == []
        assert await ids(limit=100, workflow_id=failing, status="failed") == [second["id"]]

        assert_error(await c.get("/api/v1/executions", params={"limit": 101}), 422, "VALIDATION_ERROR")
        assert_error(await c.get("/api/v1/executions", params={"limit": 0}), 422)
        assert_error(await c.get("/api/v1/executions", params={"skip": -1}), 422)
        body = assert_error(await c.get("/api/v1/executions", params={"status": "done"}), 422, "VALIDATION_ERROR")
        assert "pending" in body["detail"]
        assert "cancelled" in body["detail"]

        # an ended execution cannot be cancelled: the answer is its status
        cancel = await c.post(f"/api/v1/executions/{first['id']}/cancel")
        assert cancel.status_code == 200
        assert cancel.json() == {"status": "completed", "progress": 100, "current_node": "end-1"}


# -- who may see what ----------------------------------------------------------------------


async def test_another_teams_execution_is_not_found_and_a_token_is_required(stack: Stack, user: User) -> None:
    workflow_id = await create_workflow(user.client, GREETER)
    done = await run_to_end(stack, user, workflow_id, {"text": "mine"})
    eid = done["id"]
    routes = [
        ("GET", f"/api/v1/executions/{eid}"),
        ("GET", f"/api/v1/executions/{eid}/status"),
        ("POST", f"/api/v1/executions/{eid}/cancel"),
        ("GET", f"/api/v1/execution-logs/executions/{eid}"),
        ("GET", f"/api/v1/execution-logs/executions/{eid}/summary"),
    ]
    _other, other_headers = await signed_in(stack, "stranger")
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as anyone:
        for method, path in routes:
            assert_error(await anyone.request(method, path, headers=other_headers), 404, "NOT_FOUND")
            assert_error(await anyone.request(method, path), 401)
            assert_error(await anyone.request(method, path, headers={"authorization": "Bearer not-a-token"}), 401)
        assert_error(
            await anyone.post(
                f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {}}, headers=other_headers
            ),
            404,
        )
        assert_error(
            await anyone.post("/api/v1/executions", json={"workflow_id": workflow_id}, headers=other_headers), 404
        )
        assert_error(await anyone.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {}}), 401)
        assert_error(await anyone.get("/api/v1/executions"), 401)
        assert (await anyone.get("/api/v1/executions", headers=other_headers)).json() == []
        user_id = (await anyone.get("/api/v1/auth/me", headers=user.headers)).json()["id"]
        expired = {"authorization": f"Bearer {expired_token(user_id)}"}
        assert_error(await anyone.get(f"/api/v1/executions/{eid}", headers=expired), 401)
    # the state is unchanged by the refused cancel
    assert (await user.client.get(f"/api/v1/executions/{eid}/status")).json()["status"] == "completed"


# -- gRPC ----------------------------------------------------------------------------------


async def test_the_same_over_grpc_with_watch(stack: Stack, user: User) -> None:
    workflow_id = await create_workflow(user.client, GREETER)
    stub = pb_grpc.ExecutionManagementServiceStub(stack.channel)
    md = metadata(user.headers)
    started = await stub.ExecuteWorkflow(
        pb.ExecuteWorkflowRequest(workflow_id=workflow_id, input_data=struct({"text": "g"})),
        metadata=md,
    )
    assert started.execution.status == "pending"
    assert started.execution.workflow_id == workflow_id
    messages = await watch(stack, user.headers, started.execution.id)
    assert messages[-1] == {"type": "status", "data": {"status": "completed", "progress": 100, "current_node": "end-1"}}
    # an ended execution: one message, then the stream ends
    assert await watch(stack, user.headers, started.execution.id) == messages[-1:]

    got = await stub.GetExecution(pb.GetExecutionRequest(execution_id=started.execution.id), metadata=md)
    assert got.execution.status == "completed"
    assert json_format.MessageToDict(got.execution.output_data) == {"greeting": "Hello, g!"}
    status = await stub.GetExecutionStatus(pb.GetExecutionStatusRequest(execution_id=started.execution.id), metadata=md)
    assert (status.status.status, status.status.progress) == ("completed", 100)
    listed = await stub.ListExecutions(pb.ListExecutionsRequest(workflow_id=workflow_id), metadata=md)
    assert [e.id for e in listed.executions] == [started.execution.id]
    created = await stub.CreateExecution(
        pb.CreateExecutionRequest(workflow_id=workflow_id, input_data=struct({"text": "h"})), metadata=md
    )
    assert (await watch(stack, user.headers, created.execution.id))[-1]["data"]["status"] == "completed"
    logs = await stub.ListExecutionLogs(
        pb.ListExecutionLogsRequest(execution_id=created.execution.id, level="info", limit=2), metadata=md
    )
    assert logs.total == 8
    assert len(logs.logs) == 2
    assert logs.limit == 2
    summary = await stub.GetExecutionLogSummary(
        pb.GetExecutionLogSummaryRequest(execution_id=created.execution.id), metadata=md
    )
    assert summary.total_logs == 8
    assert summary.level_stats.info == 8

    _other, other_headers = await signed_in(stack, "grpc-stranger")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await watch(stack, other_headers, started.execution.id)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetExecution(pb.GetExecutionRequest(execution_id=started.execution.id))
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListExecutions(pb.ListExecutionsRequest(limit=101), metadata=md)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


# -- a slow block: running, progress, current block, cancellation ---------------------------


async def until_running_at(stack: Stack, headers: dict[str, str], execution_id: str, block: str) -> Any:
    """Follows WatchExecution until the execution runs `block`; the still open call."""
    stub = pb_grpc.ExecutionManagementServiceStub(stack.channel)
    call = stub.WatchExecution(pb.WatchExecutionRequest(execution_id=execution_id), metadata=metadata(headers))
    seen: list[str] = []

    async def wait() -> None:
        async for message in call:
            seen.append(message.data.status)
            if message.data.status == "running" and message.data.current_node == block:
                return
        raise AssertionError(f"the stream ended before {block} ran: {seen}")

    await asyncio.wait_for(wait(), WAIT)
    return call


async def test_running_status_progress_and_cancel_over_http(slow_stack: Stack) -> None:
    _name, headers = await signed_in(slow_stack, "slow")
    async with httpx.AsyncClient(base_url=slow_stack.http_base, headers=headers, timeout=30) as c:
        workflow_id = await create_workflow(c, PAUSED)
        ticket = (await c.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {}})).json()
        call = await until_running_at(slow_stack, headers, ticket["id"], "pause-1")

        status = await c.get(f"/api/v1/executions/{ticket['id']}/status")
        assert status.json() == {"status": "running", "progress": 33, "current_node": "pause-1"}  # start of 3 ended
        detail = (await c.get(f"/api/v1/executions/{ticket['id']}")).json()
        assert detail["status"] == "running"
        assert ISO.match(detail["started_at"])
        assert detail["output_data"] is None
        assert detail["finished_at"] == ""
        assert detail["execution_time"] == 0
        running = (await c.get("/api/v1/executions", params={"status": "running"})).json()
        assert [e["id"] for e in running] == [ticket["id"]]

        cancel = await c.post(f"/api/v1/executions/{ticket['id']}/cancel")
        assert cancel.status_code == 200, cancel.text
        assert cancel.json() == {"status": "cancelled", "progress": 100, "current_node": "pause-1"}
        assert not slow_stack.server.run_registry.cancel(ticket["id"])  # the run has stopped

        async def rest() -> list[str]:
            return [m.data.status async for m in call]

        assert (await asyncio.wait_for(rest(), WAIT))[-1] == "cancelled"
        detail = (await c.get(f"/api/v1/executions/{ticket['id']}")).json()
        assert detail["status"] == "cancelled"
        assert detail["finished_at"]
        assert detail["output_data"] is None
        assert "cancelled" in detail["error_message"]
        logs = (await c.get(f"/api/v1/execution-logs/executions/{ticket['id']}", params={"level": "warn"})).json()
        assert [(r["node_id"], r["message"]) for r in logs["logs"]] == [
            ("pause-1", "Block cancelled"),
            ("", "Execution cancelled"),
        ]
        again = await c.post(f"/api/v1/executions/{ticket['id']}/cancel")
        assert again.json()["status"] == "cancelled"


async def test_cancel_over_grpc_and_watch_sees_every_step(slow_stack: Stack) -> None:
    _name, headers = await signed_in(slow_stack, "slow-grpc")
    async with httpx.AsyncClient(base_url=slow_stack.http_base, headers=headers, timeout=30) as c:
        workflow_id = await create_workflow(c, PAUSED)
    stub = pb_grpc.ExecutionManagementServiceStub(slow_stack.channel)
    md = metadata(headers)
    started = await stub.CreateExecution(pb.CreateExecutionRequest(workflow_id=workflow_id), metadata=md)
    call = await until_running_at(slow_stack, headers, started.execution.id, "pause-1")
    ack = await stub.CancelExecution(pb.CancelExecutionRequest(execution_id=started.execution.id), metadata=md)
    assert ack.status.status == "cancelled"
    assert not slow_stack.server.run_registry.cancel(started.execution.id)
    rest = [(m.data.status, m.data.current_node) async for m in call]
    assert rest[-1] == ("cancelled", "pause-1")
    assert all(status in ("running", "cancelled") for status, _node in rest)


async def test_a_failing_write_of_the_result_still_ends_the_execution(
    slow_stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the result cannot be written, the execution is marked failed (not left running)."""
    original = ExecutionRepository.finish

    async def broken(self: ExecutionRepository, execution_id: str, status: ExecutionStatus, **kw: Any) -> bool:
        if status is ExecutionStatus.COMPLETED:
            raise RuntimeError("disk on fire")
        return await original(self, execution_id, status, **kw)

    monkeypatch.setattr(ExecutionRepository, "finish", broken)
    _name, headers = await signed_in(slow_stack, "unlucky")
    async with httpx.AsyncClient(base_url=slow_stack.http_base, headers=headers, timeout=30) as c:
        workflow_id = await create_workflow(c, GREETER)
        ticket = (await c.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {"text": "x"}})).json()
        messages = await watch(slow_stack, headers, ticket["id"])
        assert messages[-1]["data"]["status"] == "failed"
        detail = (await c.get(f"/api/v1/executions/{ticket['id']}")).json()
        assert detail["status"] == "failed"
        assert detail["error_message"] == "internal error: the result could not be recorded"
        assert detail["finished_at"]
        errors = (await c.get(f"/api/v1/execution-logs/executions/{ticket['id']}", params={"level": "error"})).json()
        assert [r["message"] for r in errors["logs"]] == [
            "Execution failed: internal error: the result could not be recorded"
        ]


async def test_a_cancel_through_another_replica_stops_the_run_here(slow_stack: Stack) -> None:
    """Another replica can only end the row; the replica running the block notices at its
    next check and stops the block (its log records the block's cancellation)."""
    _name, headers = await signed_in(slow_stack, "two-replicas")
    async with httpx.AsyncClient(base_url=slow_stack.http_base, headers=headers, timeout=30) as c:
        workflow_id = await create_workflow(c, PAUSED)
        ticket = (await c.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {}})).json()
        call = await until_running_at(slow_stack, headers, ticket["id"], "pause-1")
        async with UnitOfWork(slow_stack.server.factory) as uow:  # what the other replica's cancel writes
            assert await uow.executions.finish(
                ticket["id"],
                ExecutionStatus.CANCELLED,
                output_data=None,
                error_message="the execution was cancelled",
                execution_time_ms=1,
                progress=100,
                current_node="pause-1",
                finished_at=datetime.now(UTC),
            )
            await uow.commit()

        async def rest() -> list[str]:
            return [m.data.status async for m in call]

        assert (await asyncio.wait_for(rest(), WAIT))[-1] == "cancelled"
        logs = (await c.get(f"/api/v1/execution-logs/executions/{ticket['id']}", params={"node_id": "pause-1"})).json()
        assert [r["message"] for r in logs["logs"]] == ["Block started", "Block cancelled"]
        detail = (await c.get(f"/api/v1/executions/{ticket['id']}")).json()
        assert detail["status"] == "cancelled"
        assert detail["execution_time"] == 1  # the other replica's write stands


async def test_a_team_has_a_cap_on_running_executions(slow_stack: Stack) -> None:
    slow_stack.server.executions._max_per_team = 2
    _name, mine = await signed_in(slow_stack, "busy")
    _other, theirs = await signed_in(slow_stack, "calm")
    base = slow_stack.http_base
    async with (
        httpx.AsyncClient(base_url=base, headers=mine, timeout=30) as c,
        httpx.AsyncClient(base_url=base, headers=theirs, timeout=30) as o,
    ):
        try:
            workflow_id = await create_workflow(c, PAUSED)
            execute = f"/api/v1/workflows/{workflow_id}/execute"
            first = await c.post(execute, json={"input_data": {}})
            second = await c.post(execute, json={"input_data": {}})
            assert (first.status_code, second.status_code) == (201, 201)
            third = await c.post(execute, json={"input_data": {}})
            assert third.status_code == 429, third.text
            assert third.json()["error_code"] == "LIMIT_EXCEEDED"
            listed = (await c.get("/api/v1/executions", params={"workflow_id": workflow_id})).json()
            assert len(listed) == 2  # the refused one wrote nothing

            # Another team is not affected; an ended execution frees its place.
            other_workflow = await create_workflow(o, PAUSED)
            ok = await o.post(f"/api/v1/workflows/{other_workflow}/execute", json={"input_data": {}})
            assert ok.status_code == 201
            await c.post(f"/api/v1/executions/{first.json()['id']}/cancel")
            fourth = await c.post(execute, json={"input_data": {}})
            assert fourth.status_code == 201, fourth.text
            await c.post(f"/api/v1/executions/{second.json()['id']}/cancel")
            await c.post(f"/api/v1/executions/{fourth.json()['id']}/cancel")
            await o.post(f"/api/v1/executions/{ok.json()['id']}/cancel")
        finally:
            slow_stack.server.executions._max_per_team = 32


async def test_a_workflow_with_hundreds_of_problems_is_a_bounded_400(stack: Stack, user: User) -> None:
    nodes = [{"id": f"n{i}", "type": "no-such-type", "data": {}} for i in range(300)]
    async with httpx.AsyncClient(base_url=stack.http_base, headers=user.headers, timeout=30) as c:
        workflow_id = await create_workflow(c, {"nodes": nodes, "edges": []})
        answer = await c.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {}})
        assert answer.status_code == 400, answer.text
        body = answer.json()
        assert body["error_code"] == "INVALID_WORKFLOW"
        assert "more" in body["detail"]
        assert len(answer.content) < 8192


async def test_an_execution_whose_process_died_is_ended_when_read(stack: Stack, user: User) -> None:
    """A process that dies abruptly leaves its execution open; its heartbeat stops. Reading
    it (detail, list, status, a watcher on another replica) ends it as failed — but an
    execution with a recent heartbeat is left alone."""
    async with httpx.AsyncClient(base_url=stack.http_base, headers=user.headers, timeout=30) as c:
        workflow_id = await create_workflow(c, GREETER)
        team_id = (await stack.server.accounts.authenticate(user.headers["authorization"])).team_id
        now = datetime.now(UTC)
        rows = {}
        for name, age in (("lost", stack.server.settings.run_lost_after_seconds + 5), ("alive", 1.0)):
            beat = now - timedelta(seconds=age)
            rows[name] = Execution(
                id=unique(f"{name}-"),
                team_id=team_id,
                workflow_id=workflow_id,
                workflow_version=1,
                status=ExecutionStatus.RUNNING,
                input_data={"text": "x"},
                task_id=unique("task-"),
                created_by="test",
                created_at=beat,
                started_at=beat,
            )
            async with UnitOfWork(stack.server.factory) as uow:  # what a replica that then died wrote
                await uow.executions.add(rows[name])
                await uow.executions.mark_running(rows[name].id, beat)
                await uow.commit()

        detail = (await c.get(f"/api/v1/executions/{rows['lost'].id}")).json()
        assert detail["status"] == "failed"
        assert detail["error_message"] == LOST_MESSAGE
        assert detail["finished_at"]
        status = (await c.get(f"/api/v1/executions/{rows['alive'].id}/status")).json()
        assert status["status"] == "running"
        listed = (await c.get("/api/v1/executions", params={"workflow_id": workflow_id})).json()
        assert {e["id"]: e["status"] for e in listed} == {rows["lost"].id: "failed", rows["alive"].id: "running"}
        await c.post(f"/api/v1/executions/{rows['alive'].id}/cancel")
