"""The reference's examples of the Dify family (seed 002), sent as its curl commands send
them (same method, headers and body bytes) to the real Envoy, and the answers compared
with the reference's examples: same keys in the same order, same values where the
reference's are not ids or times."""

from __future__ import annotations

import asyncio
import json
import shutil
from typing import Any

import pytest

from tests.harness import Stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

QUERY_APP: dict[str, Any] = {
    "nodes": [
        {
            "id": "start",
            "type": "start",
            "data": {
                "label": "Start",
                "inputs": [{"name": "query", "type": "string", "required": True, "label": "Query"}],
            },
        },
        {"id": "end", "type": "end", "data": {"label": "End", "outputs": {"text": "Nice to meet you."}}},
    ],
    "edges": [{"id": "e1", "source": "start", "target": "end"}],
}
OPEN_APP: dict[str, Any] = {
    "nodes": [
        {"id": "start", "type": "start", "data": {"label": "Start", "inputs": []}},
        {"id": "end", "type": "end", "data": {"label": "End", "outputs": {"text": "Nice to meet you."}}},
    ],
    "edges": [{"id": "e1", "source": "start", "target": "end"}],
}

RUN_BODY = """{
    "inputs": {},
    "response_mode": "streaming",
    "user": "abc-123"
}"""
STOP_BODY = """{
    "user": "abc-123"
}"""


async def curl(*args: str) -> tuple[int, dict[str, str], str]:
    """Run curl as the reference does (the server runs on this event loop: never block it);
    (status, headers, body)."""
    binary = shutil.which("curl")
    assert binary, "curl is needed for the reference's examples: apt-get install curl"
    proc = await asyncio.create_subprocess_exec(
        binary, "-sS", "-i", "--max-time", "60", *args, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0, out
    head, _, body = out.decode().partition("\r\n\r\n")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


async def keyed_app(stack: Stack, graph: dict[str, Any], name: str) -> tuple[Any, str]:
    release = await stack.publish(graph, team="dify-seed", name=name)
    _key, secret = await stack.server.teams.create_app_key(release.document_id, "seed", "dify-seed")
    return release, secret


async def test_the_reference_examples(stack: Stack) -> None:
    base = stack.http_base + "/v1"
    release, key = await keyed_app(stack, OPEN_APP, "open")

    # POST /workflows/run, streaming (the reference's curl).
    status, headers, body = await curl(
        "-X",
        "POST",
        f"{base}/workflows/run",
        "--header",
        f"Authorization: Bearer {key}",
        "--header",
        "Content-Type: application/json",
        "--data-raw",
        RUN_BODY,
    )
    assert status == 200, body
    assert headers["content-type"].startswith("text/event-stream")
    frames = [f for f in body.split("\n\n") if f]
    assert frames[0] == "event: ping"
    events = [json.loads(f.removeprefix("data: ")) for f in frames[1:]]
    assert [e["event"] for e in events] == [
        "workflow_started",
        "node_started",
        "node_finished",
        "node_started",
        "node_finished",
        "workflow_finished",
    ]
    started, node_started, node_finished = events[0]["data"], events[1]["data"], events[2]["data"]
    assert list(started) == ["id", "workflow_id", "sequence_number", "inputs", "created_at"]
    assert started["sequence_number"] == 1
    assert list(node_started) == [
        "id",
        "node_id",
        "node_type",
        "title",
        "index",
        "predecessor_node_id",
        "inputs",
        "created_at",
    ]
    assert (node_started["node_type"], node_started["title"], node_started["index"]) == ("start", "Start", 0)
    for key_name in ("outputs", "status", "elapsed_time", "execution_metadata", "created_at"):
        assert key_name in node_finished
    assert list(node_finished["execution_metadata"]) == ["total_tokens", "total_price", "currency"]
    finished = events[-1]["data"]
    for key_name in ("id", "workflow_id", "outputs", "status", "elapsed_time", "total_tokens", "total_steps"):
        assert key_name in finished
    assert (finished["status"], finished["outputs"]) == ("succeeded", {"text": "Nice to meet you."})
    run_id = events[0]["workflow_run_id"]

    # GET /workflows/run/:workflow_id.
    status, _, body = await curl(
        "-X",
        "GET",
        f"{base}/workflows/run/{run_id}",
        "-H",
        f"Authorization: Bearer {key}",
        "-H",
        "Content-Type: application/json",
    )
    assert status == 200, body
    detail = json.loads(body)
    assert list(detail) == [
        "id",
        "workflow_id",
        "status",
        "inputs",
        "outputs",
        "error",
        "total_steps",
        "total_tokens",
        "created_at",
        "finished_at",
        "elapsed_time",
    ]
    assert detail["inputs"] == '{"sys.files": [], "sys.user_id": "abc-123"}'
    assert (detail["workflow_id"], detail["status"], detail["error"]) == (release.deployment_id, "succeeded", None)

    # POST /workflows/tasks/:task_id/stop.
    status, _, body = await curl(
        "-X",
        "POST",
        f"{base}/workflows/tasks/{run_id}/stop",
        "-H",
        f"Authorization: Bearer {key}",
        "-H",
        "Content-Type: application/json",
        "--data-raw",
        STOP_BODY,
    )
    assert (status, json.loads(body)) == (200, {"result": "success"})

    # GET /workflows/logs?limit=1.
    status, _, body = await curl(
        "-X", "GET", f"{base}/workflows/logs?limit=1", "--header", f"Authorization: Bearer {key}"
    )
    assert status == 200, body
    logs = json.loads(body)
    assert list(logs) == ["page", "limit", "total", "has_more", "data"]
    assert (logs["page"], logs["limit"], logs["total"], logs["has_more"]) == (1, 1, 1, False)
    entry = logs["data"][0]
    assert list(entry["workflow_run"]) == [
        "id",
        "version",
        "status",
        "error",
        "elapsed_time",
        "total_tokens",
        "total_steps",
        "created_at",
        "finished_at",
    ]
    assert list(entry["created_by_end_user"]) == ["id", "type", "is_anonymous", "session_id"]
    assert (entry["created_by_end_user"]["type"], entry["created_by_end_user"]["session_id"]) == (
        "service_api",
        "abc-123",
    )

    # GET /parameters?user=abc-123: the reference's answer, for an app whose one input is a
    # required text labelled Query.
    _query_release, query_key = await keyed_app(stack, QUERY_APP, "query")
    status, _, body = await curl(
        "-X", "GET", f"{base}/parameters?user=abc-123", "--header", f"Authorization: Bearer {query_key}"
    )
    assert status == 200, body
    assert json.loads(body) == {
        "user_input_form": [{"paragraph": {"label": "Query", "variable": "query", "required": True, "default": ""}}],
        "file_upload": {
            "image": {
                "enabled": False,
                "number_limits": 3,
                "detail": "high",
                "transfer_methods": ["remote_url", "local_file"],
            }
        },
        "system_parameters": {"image_file_size_limit": "10"},
    }
