"""The released-app HTTP family (seed 000) through the real Envoy: exact shapes and errors."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from tests.harness import GREETER, Stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

NO_INPUTS: dict[str, Any] = {
    "nodes": [
        {"id": "s", "type": "start", "data": {"label": "Start"}},
        {"id": "t", "type": "transform", "data": {"label": "Fixed", "template": "constant"}},
        {"id": "e", "type": "end", "data": {"label": "End"}},
    ],
    "edges": [{"id": "1", "source": "s", "target": "t"}, {"id": "2", "source": "t", "target": "e"}],
}

FIELDS = {
    "run_start": {"type", "runId", "documentId"},
    "block_start": {"type", "blockId", "blockType"},
    "block_chunk": {"type", "blockId", "delta"},
    "block_complete": {"type", "blockId", "output"},
    "block_end": {"type", "blockId"},
    "run_complete": {"type", "runId", "globalCtx", "sessions", "duration"},
}


async def post(stack: Stack, path: str, key: str | None, body: bytes | str | None = None, **kw: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    headers.update(kw.pop("headers", {}))
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        return await client.post(path, content=body, headers=headers, **kw)


def run_path(deployment_id: str) -> str:
    return f"/api/released-app/{deployment_id}/run"


async def test_ndjson_is_the_default_stream_with_the_documented_events(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    resp = await post(
        stack, run_path(release.deployment_id), await stack.key("team-a"), '{"inputs": {"text": "hello"}}'
    )
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "application/x-ndjson"
    assert not any(h.startswith("grpc-") for h in resp.headers), "gRPC headers leak to HTTP callers"
    assert resp.text.endswith("\n")
    lines = [json.loads(line) for line in resp.text.splitlines()]
    types = [line["type"] for line in lines]
    assert types == ["run_start"] + ["block_start", "block_complete", "block_end"] * 3 + ["run_complete"]
    for line in lines:
        assert set(line) == FIELDS[line["type"]] | {"seq"}, line
    assert [line["seq"] for line in lines] == list(range(1, len(lines) + 1))
    assert lines[0]["documentId"] == release.document_id
    assert lines[0]["runId"] == lines[-1]["runId"]
    assert lines[1] == {"type": "block_start", "blockId": "start-1", "blockType": "start", "seq": 2}
    assert lines[5] == {"type": "block_complete", "blockId": "transform-1", "output": "Hello, hello!", "seq": 6}
    done = lines[-1]
    assert done["globalCtx"][1] == {
        "blockId": "transform-1",
        "blockType": "transform",
        "blockName": "Greet",
        "output": "Hello, hello!",
    }
    assert done["sessions"][2] == {
        "blockId": "end-1",
        "blockType": "end",
        "blockName": "End",
        "status": "completed",
        "output": {"greeting": "Hello, hello!"},
    }
    assert isinstance(done["duration"], int)


async def test_seed_curl_example_without_content_type_streams_ndjson(stack: Stack) -> None:
    """The reference document's NDJSON curl, verbatim but for host, id and key."""
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    proc = await asyncio.create_subprocess_exec(
        "curl",
        "-sS",
        "-X",
        "POST",
        "-H",
        f"Authorization: Bearer {key}",
        "-d",
        '{"inputs": {"text": "hello"}}',
        f"{stack.http_base}{run_path(release.deployment_id)}",
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    assert proc.returncode == 0
    lines = [json.loads(line) for line in stdout.decode().splitlines()]
    assert lines[0]["type"] == "run_start"
    assert lines[-1]["type"] == "run_complete"


async def test_stream_false_returns_one_json_document(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    resp = await post(
        stack,
        run_path(release.deployment_id),
        await stack.key("team-a"),
        '{"inputs": {"text": "hello"}, "stream": false}',
        headers={"Content-Type": "application/json"},
    )
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert set(body) == {"runId", "documentId", "globalCtx", "sessions", "duration", "status", "timedOut"}
    assert body["status"] == "success"
    assert body["timedOut"] is False
    assert body["documentId"] == release.document_id
    assert [c["blockName"] for c in body["globalCtx"]] == ["Start", "Greet", "End"]
    assert [s["status"] for s in body["sessions"]] == ["completed"] * 3
    assert body["globalCtx"][2]["output"] == {"greeting": "Hello, hello!"}


async def test_sse_format_uses_event_lines_and_data_without_type(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    resp = await post(
        stack, run_path(release.deployment_id), await stack.key("team-a"), '{"inputs": {"text": "hi"}, "format": "sse"}'
    )
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "text/event-stream"
    frames = [f for f in resp.text.split("\n\n") if f]
    parsed = []
    for n, frame in enumerate(frames, start=1):
        id_line, event_line, data_line = frame.split("\n")
        assert id_line == f"id: {n}"
        assert event_line.startswith("event: ")
        assert data_line.startswith("data: ")
        parsed.append((event_line[len("event: ") :], json.loads(data_line[len("data: ") :])))
    assert [name for name, _ in parsed] == ["run_start"] + ["block_start", "block_complete", "block_end"] * 3 + [
        "run_complete"
    ]
    for name, data in parsed:
        assert set(data) == FIELDS[name] - {"type"}
    assert parsed[0][1]["documentId"] == release.document_id


@pytest.mark.parametrize("body", [None, "", "{}"])
async def test_an_empty_body_uses_the_defaults(stack: Stack, body: str | None) -> None:
    release = await stack.publish(NO_INPUTS, public=True)
    resp = await post(stack, run_path(release.deployment_id), await stack.key("team-a"), body)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in resp.text.splitlines()]
    assert lines[-1]["type"] == "run_complete"
    assert lines[-1]["globalCtx"][1]["output"] == "constant"


async def test_errors_use_the_documented_status_and_body(stack: Stack) -> None:
    private = await stack.publish(GREETER, public=False)
    path = run_path(private.deployment_id)
    owner, other = await stack.key("team-a"), await stack.key("team-b")
    ok_body = '{"inputs": {"text": "x"}}'

    cases: list[tuple[str, str | None, str, int, dict[str, Any]]] = [
        (path, None, ok_body, 401, {"error": "Unauthorized"}),
        (path, "wn-forged", ok_body, 401, {"error": "Unauthorized"}),
        (run_path("11111111-1111-1111-1111-111111111111"), owner, ok_body, 404, {"error": "Deployment not found"}),
        (
            path,
            owner,
            '{"inputs": {}}',
            400,
            {"error": "Input validation failed", "details": [{"field": "text", "message": "is required"}]},
        ),
        (
            path,
            owner,
            '{"inputs": {"text": "x"}, "format": "xml"}',
            400,
            {
                "error": "Input validation failed",
                "details": [{"field": "format", "message": "must be 'ndjson' or 'sse'"}],
            },
        ),
        (path, owner, '{"inputs": {"text": "x"}, "version": "^9.0"}', 404, {"error": "Deployment not found"}),
    ]
    for url, key, body, status, expected in cases:
        resp = await post(stack, url, key, body)
        assert resp.status_code == status, (url, key, body, resp.text)
        assert resp.headers["content-type"] == "application/json"
        assert resp.json() == expected
        assert not any(h.startswith(("grpc-", "x-error")) for h in resp.headers)

    denied = await post(stack, path, other, ok_body)
    assert denied.status_code == 403
    assert denied.json()["error"].startswith("Permission denied: This is a private app")


async def test_malformed_json_is_a_400_in_the_family_format(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    resp = await post(stack, run_path(release.deployment_id), await stack.key("team-a"), '{"inputs": {"text": ')
    assert resp.status_code == 400
    assert resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert body["error"] == "Input validation failed"
    assert body["details"][0]["field"] == "body"


async def test_a_query_parameter_cannot_replace_the_path_deployment(stack: Stack) -> None:
    mine = await stack.publish(GREETER, public=True, team="team-a")
    theirs = await stack.publish(NO_INPUTS, public=False, team="team-b")
    resp = await post(
        stack,
        run_path(mine.deployment_id) + f"?deploymentId={theirs.deployment_id}&deployment_id={theirs.deployment_id}",
        await stack.key("team-a"),
        '{"inputs": {"text": "q"}}',
    )
    assert resp.status_code == 200, resp.text
    first = json.loads(resp.text.splitlines()[0])
    assert first["documentId"] == mine.document_id


async def test_unknown_routes_and_oversized_bodies_are_refused(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    missing = await post(stack, "/api/released-app/x/y/z/w", key, "{}")
    assert missing.status_code == 404
    big = json.dumps({"inputs": {"text": "x" * (5 * 1024 * 1024)}})
    too_big = await post(stack, run_path(release.deployment_id), key, big)
    assert too_big.status_code == 413
    assert too_big.json() == {"error": "Request body too large"}
