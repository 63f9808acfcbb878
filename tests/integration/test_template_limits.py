"""Templates and conditions through the real stack: validation refuses what every render
would refuse without computing it, a run fails the block that would build a huge value
(and the server does not grow), and a long validation leaves the event loop free."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import psutil
import pytest
from google.protobuf import json_format
from grpc_health.v1 import health_pb2, health_pb2_grpc

from flowgate.v1 import execution_pb2, workflow_pb2, workflow_service_pb2, workflow_service_pb2_grpc
from tests.harness import Stack, linear, run_events
from tests.integration.mgmt import signed_in

pytestmark = pytest.mark.asyncio(loop_scope="session")


def transform(template: str, block_id: str = "t") -> dict[str, Any]:
    return {"id": block_id, "type": "transform", "data": {"label": block_id, "template": template}}


async def test_validate_refuses_a_huge_power_without_computing_it(stack: Stack) -> None:
    _name, headers = await signed_in(stack, "limits")
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=60) as client:
        answer = await client.post(
            "/api/v1/workflows/validate", json={"name": "p", **linear(transform("{{ (7**(10**7)) > 1 }}"))}
        )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["valid"] is False
    assert body["errors"] == [
        {
            "field": "nodes[t].data",
            "message": "Value error, template over its limits: a power larger than 4096 bits",
        }
    ]


async def run(stack: Stack, graph: dict[str, Any], inputs: dict[str, Any]) -> execution_pb2.RunCompleted:
    release = await stack.publish(graph, public=True, team="limits")
    events = await run_events(stack, await stack.key("limits"), deploymentId=release.deployment_id, inputs=inputs)
    assert events[-1].HasField("run_completed")
    return events[-1].run_completed


async def test_a_run_that_would_build_a_huge_string_fails_the_block(stack: Stack) -> None:
    graph = linear(
        transform("{{ ('a' * inputs.n)|length }}"), inputs=[{"name": "n", "type": "number", "required": True}]
    )
    server = psutil.Process()
    before = server.memory_info().rss
    completed = await run(stack, graph, {"n": 1_500_000_000})
    grown = server.memory_info().rss - before
    assert completed.status == execution_pb2.RUN_STATUS_FAILED
    assert completed.error.block_id == "t"
    assert completed.error.message == "template over its limits: a repeated value exceeds 10000000 bytes"
    assert grown < 200_000_000, f"the server grew by {grown} bytes"


async def test_a_condition_stops_at_its_deadline_and_names_it(stack: Stack) -> None:
    condition = {
        "id": "c",
        "type": "condition",
        "data": {"label": "c", "expression": "inputs.l.map(x, inputs.l.map(y, inputs.l.map(z, z))) == []"},
    }
    completed = await run(stack, linear(condition), {"l": list(range(2000))})
    assert completed.status == execution_pb2.RUN_STATUS_FAILED
    assert completed.error.block_id == "c"
    assert completed.error.message == "expression over its limits: it took longer than 100 ms"


async def test_the_server_answers_others_while_a_large_graph_validates(stack: Stack) -> None:
    """Six templates of 95,000 characters take seconds to compile. Health checks sent one
    after another meanwhile are answered while the validation is still under way (while
    compiling on the event loop, at most one was)."""
    rows = "".join(f"{{{{ inputs.a{i} | upper }}}} {{% if x > {i} %}}y{{% endif %}}\n" for i in range(1700))
    run = uuid.uuid4().hex
    blocks = [transform(f"{{# {run} {k} #}}" + rows, f"t{k}") for k in range(6)]  # distinct: none is cached
    graph = linear(*blocks)
    request = workflow_service_pb2.ValidateWorkflowRequest(graph=json_format.ParseDict(graph, workflow_pb2.Graph()))
    stub = workflow_service_pb2_grpc.WorkflowServiceStub(stack.channel)
    health: Any = health_pb2_grpc.HealthStub(stack.channel)
    metadata = (("authorization", f"Bearer {await stack.key('limits')}"),)
    await health.Check(health_pb2.HealthCheckRequest())  # the channel is connected

    validation = asyncio.ensure_future(stub.ValidateWorkflow(request, metadata=metadata))
    answered_meanwhile = 0
    while not validation.done():
        await health.Check(health_pb2.HealthCheckRequest())
        if not validation.done():
            answered_meanwhile += 1
    result = await validation
    assert result.valid, result.errors
    assert answered_meanwhile >= 20, answered_meanwhile
