"""Streams that outlive their connection: resume after a drop (HTTP NDJSON, SSE
Last-Event-ID, gRPC WatchRun), heartbeats on idle streams, cancel and deadlines mid-run."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio

from flowgate.engine.blocks import default_registry
from flowgate.v1 import execution_pb2, execution_service_pb2, execution_service_pb2_grpc
from tests.blocks_for_tests import PauseBlock
from tests.harness import Stack, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

SLOW: dict[str, Any] = {
    "nodes": [
        {"id": "start", "type": "start", "data": {"label": "Start"}},
        {"id": "first", "type": "transform", "data": {"label": "First", "template": "one"}},
        {"id": "wait", "type": "pause", "data": {"label": "Wait", "seconds": 0.8}},
        {"id": "last", "type": "transform", "data": {"label": "Last", "template": "two"}},
        {"id": "end", "type": "end", "data": {"label": "End"}},
    ],
    "edges": [
        {"id": "1", "source": "start", "target": "first"},
        {"id": "2", "source": "first", "target": "wait"},
        {"id": "3", "source": "wait", "target": "last"},
        {"id": "4", "source": "last", "target": "end"},
    ],
}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    s = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("streams")),
        with_envoy=True,
        blocks=default_registry(PauseBlock()),
        heartbeat_seconds=0.2,
    )
    yield s
    await stop_stack(s)


async def deployment(stack: Stack) -> tuple[str, str]:
    release = await stack.publish(SLOW, public=True)
    return release.deployment_id, await stack.key("team-s")


async def test_ndjson_resume_after_a_dropped_connection_misses_nothing(stack: Stack) -> None:
    dep, key = await deployment(stack)
    headers = {"Authorization": f"Bearer {key}"}
    seen: list[dict[str, Any]] = []
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        async with client.stream("POST", f"/api/released-app/{dep}/run", headers=headers, content=b"{}") as resp:
            async for line in resp.aiter_lines():
                seen.append(json.loads(line))
                if seen[-1].get("blockId") == "wait" and seen[-1]["type"] == "block_start":
                    break  # drop the connection mid-run
        run_id = seen[0]["runId"]
        last = seen[-1]["seq"]
        resumed = await client.get(f"/api/released-app/runs/{run_id}/events?afterSeq={last}", headers=headers)
    rest = [json.loads(x) for x in resumed.text.splitlines() if '"heartbeat"' not in x]
    assert resumed.headers["content-type"] == "application/x-ndjson"
    assert [x["seq"] for x in rest] == list(range(last + 1, last + 1 + len(rest)))
    assert rest[-1]["type"] == "run_complete"
    assert [s["blockId"] for s in rest[-1]["sessions"]] == ["start", "first", "wait", "last", "end"]


async def test_sse_resume_with_last_event_id(stack: Stack) -> None:
    dep, key = await deployment(stack)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        done = await client.post(f"/api/released-app/{dep}/run", headers=headers, content=b'{"format": "sse"}')
        frames = [f for f in done.text.split("\n\n") if f and not f.startswith(":")]
        run_id = json.loads(frames[0].split("\ndata: ")[1])["runId"]
        replay = await client.get(
            f"/api/released-app/runs/{run_id}/events?format=sse", headers={**headers, "Last-Event-ID": "3"}
        )
    assert replay.headers["content-type"] == "text/event-stream"
    replayed = [f for f in replay.text.split("\n\n") if f and not f.startswith(":")]
    assert replayed == frames[3:]
    assert replayed[0].startswith("id: 4\n")


async def test_grpc_watch_run_resumes_after_a_dropped_call(stack: Stack) -> None:
    dep, key = await deployment(stack)
    md = (("authorization", f"Bearer {key}"),)
    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    call = stub.RunApp(execution_service_pb2.RunAppRequest(deployment_id=dep), metadata=md)
    first: list[execution_pb2.RunEvent] = []
    async for response in call:
        first.append(response.event)
        if len(first) == 4:
            break
    call.cancel()  # the client goes away; the run goes on
    run_id = first[0].run_started.run_id
    rest = [
        r.event
        async for r in stub.WatchRun(execution_service_pb2.WatchRunRequest(run_id=run_id, after_seq=4), metadata=md)
    ]
    real = [e for e in rest if not e.HasField("heartbeat")]
    assert [e.seq for e in real] == list(range(5, 5 + len(real)))
    assert real[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED
    everything = [
        r.event async for r in stub.WatchRun(execution_service_pb2.WatchRunRequest(run_id=run_id), metadata=md)
    ]
    assert [e.seq for e in everything] == list(range(1, real[-1].seq + 1))
    other = (("authorization", f"Bearer {await stack.key('team-other')}"),)
    stranger = stub.WatchRun(execution_service_pb2.WatchRunRequest(run_id=run_id), metadata=other)
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stranger.read()
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


async def test_idle_streams_carry_heartbeats(stack: Stack) -> None:
    dep, key = await deployment(stack)
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        resp = await client.post(
            f"/api/released-app/{dep}/run", headers={"Authorization": f"Bearer {key}"}, content=b"{}"
        )
        lines = [json.loads(x) for x in resp.text.splitlines()]
        assert {"type": "heartbeat"} in lines
        sse = await client.post(
            f"/api/released-app/{dep}/run", headers={"Authorization": f"Bearer {key}"}, content=b'{"format":"sse"}'
        )
        assert ": ping\n\n" in sse.text
    md = (("authorization", f"Bearer {key}"),)
    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    events = [r.event async for r in stub.RunApp(execution_service_pb2.RunAppRequest(deployment_id=dep), metadata=md)]
    beats = [i for i, e in enumerate(events) if e.HasField("heartbeat")]
    assert beats
    for i in beats:  # a heartbeat repeats the last seq; it takes no new one
        assert events[i].seq == events[i - 1].seq


async def test_cancel_over_http_mid_run(stack: Stack) -> None:
    dep, key = await deployment(stack)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        async with client.stream("POST", f"/api/released-app/{dep}/run", headers=headers, content=b"{}") as resp:
            lines: list[dict[str, Any]] = []
            cancelled = False
            async for line in resp.aiter_lines():
                lines.append(json.loads(line))
                if not cancelled and lines[-1].get("blockId") == "wait":
                    run_id = lines[0]["runId"]
                    ack = await client.post(f"/api/released-app/runs/{run_id}:cancel", headers=headers)
                    assert ack.json() == {"runId": run_id, "status": "cancelling"}
                    cancelled = True
        assert lines[-2] == {"type": "error", "error": "the run was cancelled", "seq": lines[-1]["seq"]}
        assert lines[-1]["type"] == "run_complete"
        detail = await client.get(f"/api/released-app/runs/{run_id}", headers=headers)
        assert detail.json()["status"] == "cancelled"


async def test_a_run_that_hits_its_timeout_reports_timed_out(stack: Stack) -> None:
    dep, key = await deployment(stack)
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        resp = await client.post(
            f"/api/released-app/{dep}/run",
            headers={"Authorization": f"Bearer {key}"},
            content=b'{"stream": false, "timeout": 0.3}',
        )
    body = resp.json()
    assert resp.status_code == 200
    assert body["timedOut"] is True
    assert body["status"] == "error"
    assert {s["blockId"]: s["status"] for s in body["sessions"]}["wait"] == "cancelled"
