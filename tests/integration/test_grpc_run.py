"""RunApp and friends over native gRPC, against the real server and database."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import grpc
import pytest
from google.protobuf import json_format
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc

from flowgate.v1 import (
    execution_pb2,
    execution_service_pb2,
    execution_service_pb2_grpc,
    release_pb2,
    release_service_pb2,
    release_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from tests.harness import GREETER, Stack, run_events
from tests.integration.test_released_app_api import schedule_token

pytestmark = pytest.mark.asyncio(loop_scope="session")


def auth(key: str) -> tuple[tuple[str, str]]:
    return (("authorization", f"Bearer {key}"),)


run_app = run_events  # RunApp over gRPC: every event of the stream


def trailer(err: grpc.aio.AioRpcError, key: str) -> str | bytes | None:
    metadata: Any = err.trailing_metadata() or ()
    for k, v in metadata:
        if k == key:
            return cast(str | bytes, v)
    return None


def error_details(err: grpc.aio.AioRpcError) -> tuple[str, list[str]]:
    """(ErrorInfo.reason, BadRequest fields) from grpc-status-details-bin."""
    raw = trailer(err, "grpc-status-details-bin")
    assert isinstance(raw, bytes), "error carries no google.rpc.Status details"
    status = status_pb2.Status.FromString(raw)
    reason, fields = "", []
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason = info.reason
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields = [v.field for v in bad.field_violations]
    return reason, fields


async def test_run_app_streams_typed_events_in_seq_order(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    events = await run_app(
        stack, await stack.key("team-a"), deploymentId=release.deployment_id, inputs={"text": "world"}
    )

    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    kinds = [e.WhichOneof("kind") for e in events]
    per_block = ["block_started", "block_completed", "block_ended"]
    assert kinds == ["run_started", *per_block * 3, "run_completed"]
    assert [e.block_started.block_id for e in events if e.HasField("block_started")] == [
        "start-1",
        "transform-1",
        "end-1",
    ]
    started = events[0].run_started
    assert started.deployment_id == release.deployment_id
    assert started.document_id == release.document_id
    assert started.version == "1.0.0"
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert json_format.MessageToDict(done.outputs) == {"greeting": "Hello, world!"}
    assert [s.block_name for s in done.sessions] == ["Start", "Greet", "End"]
    assert all(s.status == execution_pb2.BLOCK_STATUS_COMPLETED for s in done.sessions)
    assert done.run_id == started.run_id


async def test_get_run_returns_the_stored_result(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    events = await run_app(stack, key, deploymentId=release.deployment_id, inputs={"text": "again"})
    run_id = events[0].run_started.run_id

    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    run = (await stub.GetRun(execution_service_pb2.GetRunRequest(run_id=run_id), metadata=auth(key))).run
    assert run.status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert json_format.MessageToDict(run.inputs) == {"text": "again"}
    assert json_format.MessageToDict(run.outputs) == {"greeting": "Hello, again!"}
    assert [s.block_id for s in run.sessions] == ["start-1", "transform-1", "end-1"]
    assert run.HasField("end_time")

    other = await stack.key("team-other")
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.GetRun(execution_service_pb2.GetRunRequest(run_id=run_id), metadata=auth(other))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(
    ("key_kind", "target", "inputs", "code", "reason", "fields"),
    [
        ("bad", "deployment", {"text": "x"}, grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED", []),
        ("none", "deployment", {"text": "x"}, grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED", []),
        ("owner", "missing", {"text": "x"}, grpc.StatusCode.NOT_FOUND, "DEPLOYMENT_NOT_FOUND", []),
        ("other", "deployment", {"text": "x"}, grpc.StatusCode.PERMISSION_DENIED, "PRIVATE_APP", []),
        ("owner", "deployment", {}, grpc.StatusCode.INVALID_ARGUMENT, "INPUT_VALIDATION_FAILED", ["text"]),
        ("owner", "deployment", {"text": 5}, grpc.StatusCode.INVALID_ARGUMENT, "INPUT_VALIDATION_FAILED", ["text"]),
    ],
)
async def test_run_app_errors_map_to_status_with_error_info(
    stack: Stack,
    key_kind: str,
    target: str,
    inputs: dict[str, Any],
    code: grpc.StatusCode,
    reason: str,
    fields: list[str],
) -> None:
    release = await stack.publish(GREETER, public=False)
    keys = {
        "owner": await stack.key("team-a"),
        "other": await stack.key("team-b"),
        "bad": "wn-not-a-real-key",
        "none": "",
    }
    deployment = release.deployment_id if target == "deployment" else "00000000-0000-0000-0000-000000000000"
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await run_app(stack, keys[key_kind], deploymentId=deployment, inputs=inputs)
    assert err.value.code() == code
    assert error_details(err.value) == (reason, fields)
    assert trailer(err.value, "x-http-status") is not None


async def test_version_selectors_resolve_within_a_document(stack: Stack) -> None:
    key = await stack.key("team-v")
    md = auth(key)
    wf_stub = workflow_service_pb2_grpc.WorkflowServiceStub(stack.channel)
    created = await wf_stub.CreateWorkflow(
        workflow_service_pb2.CreateWorkflowRequest(
            workflow=workflow_pb2.Workflow(name="versioned", graph=json_format.ParseDict(GREETER, workflow_pb2.Graph()))
        ),
        metadata=md,
    )

    rel_stub = release_service_pb2_grpc.ReleaseServiceStub(stack.channel)
    releases = {}
    for version in ("1.0.0", "1.2.0", "1.10.1", "2.0.0"):
        resp = await rel_stub.PublishRelease(
            release_service_pb2.PublishReleaseRequest(
                workflow_id=created.workflow.id, version=version, visibility=release_pb2.VISIBILITY_PRIVATE
            ),
            metadata=md,
        )
        releases[version] = resp.release
    documents = {r.document_id for r in releases.values()}
    assert len(documents) == 1, "a workflow keeps one stable document id across publishes"
    document = documents.pop()

    async def version_of(selector: str) -> str:
        events = await run_app(stack, key, documentId=document, version=selector, inputs={"text": "v"})
        return events[0].run_started.version

    assert await version_of("") == "2.0.0"
    assert await version_of("^1.0") == "1.10.1"
    assert await version_of("1.2") == "1.2.0"
    assert await version_of("1.0") == "1.0.0"
    assert await version_of("1.2.0") == "1.2.0"
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await version_of("^3.0")
    assert err.value.code() == grpc.StatusCode.NOT_FOUND

    with pytest.raises(grpc.aio.AioRpcError) as dup:
        await rel_stub.PublishRelease(
            release_service_pb2.PublishReleaseRequest(workflow_id=created.workflow.id, version="1.2.0"), metadata=md
        )
    assert dup.value.code() == grpc.StatusCode.ALREADY_EXISTS


async def test_create_workflow_rejects_an_invalid_graph_naming_each_problem(stack: Stack) -> None:
    key = await stack.key("team-a")
    graph = {
        "nodes": [
            {"id": "start-1", "type": "start"},
            {"id": "t1", "type": "transform", "data": {"label": "T"}},
            {"id": "x1", "type": "no-such-block"},
        ],
        "edges": [{"id": "e1", "source": "start-1", "target": "t1"}, {"id": "e2", "source": "t1", "target": "ghost"}],
    }
    stub = workflow_service_pb2_grpc.WorkflowServiceStub(stack.channel)
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.CreateWorkflow(
            workflow_service_pb2.CreateWorkflowRequest(
                workflow=workflow_pb2.Workflow(name="bad", graph=json_format.ParseDict(graph, workflow_pb2.Graph()))
            ),
            metadata=auth(key),
        )
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    reason, fields = error_details(err.value)
    assert reason == "INVALID_WORKFLOW"
    assert "nodes[t1].data" in fields  # transform needs a template or a mapping
    assert "nodes[x1].type" in fields
    assert "edges[e2].target" in fields
    assert "nodes" in fields  # no end block


async def test_workflows_are_private_to_their_team(stack: Stack) -> None:
    key = await stack.key("team-a")
    stub = workflow_service_pb2_grpc.WorkflowServiceStub(stack.channel)
    created = await stub.CreateWorkflow(
        workflow_service_pb2.CreateWorkflowRequest(
            workflow=workflow_pb2.Workflow(name="mine", graph=json_format.ParseDict(GREETER, workflow_pb2.Graph()))
        ),
        metadata=auth(key),
    )
    got = await stub.GetWorkflow(workflow_service_pb2.GetWorkflowRequest(id=created.workflow.id), metadata=auth(key))
    assert got.workflow.name == "mine"
    assert [n.id for n in got.workflow.graph.nodes] == ["start-1", "transform-1", "end-1"]
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.GetWorkflow(
            workflow_service_pb2.GetWorkflowRequest(id=created.workflow.id), metadata=auth(await stack.key("team-b"))
        )
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as unauth:
        await stub.GetWorkflow(workflow_service_pb2.GetWorkflowRequest(id=created.workflow.id))
    assert unauth.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_health_reports_serving(stack: Stack) -> None:
    stub: Any = health_pb2_grpc.HealthStub(stack.channel)
    for service in ("", "flowgate.v1.ExecutionService"):
        resp = await stub.Check(health_pb2.HealthCheckRequest(service=service))
        assert resp.status == health_pb2.HealthCheckResponse.SERVING


async def test_validate_workflow_reports_errors_and_warnings_without_storing(stack: Stack) -> None:
    stub = workflow_service_pb2_grpc.WorkflowServiceStub(stack.channel)
    md = auth(await stack.key("team-a"))

    async def validate(graph: dict[str, Any]) -> workflow_service_pb2.ValidateWorkflowResponse:
        request = workflow_service_pb2.ValidateWorkflowRequest(graph=json_format.ParseDict(graph, workflow_pb2.Graph()))
        return await stub.ValidateWorkflow(request, metadata=md)

    ok = await validate(GREETER)
    assert ok.valid
    assert list(ok.errors) == []
    assert list(ok.warnings) == []

    dangling = {
        "nodes": [
            {"id": "s", "type": "start"},
            {"id": "c", "type": "condition", "data": {"expression": "1 > 0"}},
            {"id": "t", "type": "transform", "data": {"template": "x"}},
            {"id": "orphan", "type": "transform", "data": {"template": "y"}},
            {"id": "e", "type": "end"},
        ],
        "edges": [
            {"id": "1", "source": "s", "target": "c"},
            {"id": "2", "source": "c", "target": "t", "sourceHandle": "true"},
            {"id": "3", "source": "t", "target": "e"},
            {"id": "4", "source": "s", "target": "orphan"},
        ],
    }
    warned = await validate(dangling)
    assert warned.valid
    assert {(w.field, w.message.split(":")[0]) for w in warned.warnings} == {
        ("nodes[c]", "branch 'false' has no edge"),
        ("nodes[orphan]", "its output is not used"),
    }

    broken = await validate({"nodes": [{"id": "x", "type": "nope"}], "edges": []})
    assert not broken.valid
    assert "nodes[x].type" in [e.field for e in broken.errors]


async def test_run_app_idempotency_key_over_grpc(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    idem = f"k-{release.deployment_id}"
    first = await run_app(stack, key, deploymentId=release.deployment_id, inputs={"text": "a"}, idempotencyKey=idem)
    again = await run_app(stack, key, deploymentId=release.deployment_id, inputs={"text": "a"}, idempotencyKey=idem)
    assert first[0].run_started.run_id == again[0].run_started.run_id
    assert [e.seq for e in again] == [e.seq for e in first]
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await run_app(stack, key, deploymentId=release.deployment_id, inputs={"text": "b"}, idempotencyKey=idem)
    assert err.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert error_details(err.value)[0] == "IDEMPOTENCY_KEY_REUSED"


async def test_schedule_tokens_and_credits_over_grpc(stack: Stack) -> None:
    private = await stack.publish(GREETER, team="team-g", public=False)
    other = await stack.publish(GREETER, team="team-g", public=False)
    token = await schedule_token(stack, "team-g", private.deployment_id)
    ok = await run_app(stack, token, deploymentId=private.deployment_id, inputs={"text": "s"})
    assert ok[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED
    for fields, code, reason in [
        ({"deploymentId": other.deployment_id}, grpc.StatusCode.PERMISSION_DENIED, "DEPLOYMENT_MISMATCH"),
        ({"documentId": private.document_id}, grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED"),
    ]:
        with pytest.raises(grpc.aio.AioRpcError) as err:
            await run_app(stack, token, inputs={"text": "s"}, **fields)
        assert err.value.code() == code
        assert error_details(err.value)[0] == reason

    team = "team-poor"
    release = await stack.publish(GREETER, team=team, public=True)
    balance = (await stack.server.teams.credits(team))[0].credits
    await stack.server.teams.add_credits(team, -balance)
    with pytest.raises(grpc.aio.AioRpcError) as poor:
        await run_app(stack, await stack.key(team), deploymentId=release.deployment_id, inputs={"text": "s"})
    assert poor.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert error_details(poor.value)[0] == "INSUFFICIENT_CREDITS"
    assert trailer(poor.value, "x-http-status") == "402"


async def test_concurrent_calls_with_one_idempotency_key_share_one_run(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    idem = f"race-{release.deployment_id}"
    results = await asyncio.gather(
        *(
            run_app(stack, key, deploymentId=release.deployment_id, inputs={"text": "r"}, idempotencyKey=idem)
            for _ in range(4)
        )
    )
    assert len({events[0].run_started.run_id for events in results}) == 1
