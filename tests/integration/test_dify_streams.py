"""Dify streams that outlive a moment, through the real Envoy: a stop from another
connection ends the stream with `workflow_finished` `stopped` and really stops the run;
a dropped stream leaves the run going; an idle stream carries a ping every 10 s."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from flowgate.engine.blocks import default_registry
from tests.blocks_for_tests import PauseBlock
from tests.eventually import eventually
from tests.harness import Stack, linear, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")


def pausing(seconds: float) -> dict[str, Any]:
    pause = {"id": "pause-1", "type": "pause", "data": {"label": "Wait", "seconds": seconds}}
    return linear(pause, inputs=[{"name": "text", "type": "string"}])


async def app(stack: Stack, seconds: float, name: str) -> tuple[str, dict[str, str]]:
    release = await stack.publish(pausing(seconds), team="dify-streams", name=name)
    _key, secret = await stack.server.teams.create_app_key(release.document_id, "dify", "dify-streams")
    return release.deployment_id, {"authorization": f"Bearer {secret}"}


async def read_until(lines: Any, event: str) -> list[dict[str, Any]]:
    """Frames of the stream (split on blank lines, as Dify's clients do) up to `event`."""
    seen: list[dict[str, Any]] = []
    async for frame in lines:
        if frame.startswith("data: "):
            seen.append(json.loads(frame.removeprefix("data: ")))
            if seen[-1]["event"] == event:
                return seen
    raise AssertionError(f"the stream ended before {event}: {seen}")


async def frames(response: httpx.Response) -> Any:
    buffer = ""
    async for chunk in response.aiter_text():
        buffer += chunk
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            yield frame


async def test_a_stop_from_another_connection_ends_the_stream_stopped(slow_stack: Stack) -> None:
    _deployment, auth = await app(slow_stack, 60, "stoppable")
    body = {"inputs": {"text": "x"}, "response_mode": "streaming", "user": "u-1"}
    async with (
        httpx.AsyncClient(base_url=slow_stack.http_base + "/v1", timeout=30, headers=auth) as client,
        httpx.AsyncClient(base_url=slow_stack.http_base + "/v1", timeout=30, headers=auth) as other,
        client.stream("POST", "/workflows/run", json=body) as response,
    ):
        assert response.status_code == 200
        stream = frames(response)
        started = await read_until(stream, "node_started")
        task_id = started[0]["task_id"]
        await read_until(stream, "node_started")  # the pause block is running
        # Another end user's stop changes nothing (and still says success).
        wrong = await other.post(f"/workflows/tasks/{task_id}/stop", json={"user": "u-2"})
        assert wrong.json() == {"result": "success"}
        detail = (await other.get(f"/workflows/run/{task_id}")).json()
        assert detail["status"] == "running"
        stop = await other.post(f"/workflows/tasks/{task_id}/stop", json={"user": "u-1"})
        assert (stop.status_code, stop.json()) == (200, {"result": "success"})
        rest = await read_until(stream, "workflow_finished")
        finished = rest[-1]["data"]
        assert finished["status"] == "stopped"
        paused = [e["data"] for e in rest if e["event"] == "node_finished" and e["data"]["node_id"] == "pause-1"]
        assert [p["status"] for p in paused] == ["stopped"]

    async def stored_stopped() -> bool:
        async with httpx.AsyncClient(base_url=slow_stack.http_base + "/v1", headers=auth) as c:
            status: str = (await c.get(f"/workflows/run/{task_id}")).json()["status"]
            return status == "stopped"

    assert await eventually(stored_stopped)


async def test_a_dropped_stream_leaves_the_run_going(slow_stack: Stack) -> None:
    _deployment, auth = await app(slow_stack, 1.5, "droppable")
    body = {"inputs": {"text": "x"}, "response_mode": "streaming", "user": "u-1"}
    async with httpx.AsyncClient(base_url=slow_stack.http_base + "/v1", timeout=30, headers=auth) as client:
        async with client.stream("POST", "/workflows/run", json=body) as response:
            started = await read_until(frames(response), "workflow_started")
        run_id = started[0]["workflow_run_id"]  # the connection is closed now, mid-run

        async def succeeded() -> dict[str, Any] | None:
            detail: dict[str, Any] = (await client.get(f"/workflows/run/{run_id}")).json()
            return detail if detail["status"] == "succeeded" else None

        detail = await eventually(succeeded)
        assert detail["total_steps"] == 3


async def test_an_idle_stream_carries_pings(slow_stack: Stack) -> None:
    """Dify's clients keep a stream open by its pings: one at the start, then one after every
    10 s without an event (a run whose block takes 11 s)."""
    _deployment, auth = await app(slow_stack, 11, "quiet")
    body = {"inputs": {"text": "x"}, "response_mode": "streaming", "user": "u-1"}
    async with httpx.AsyncClient(base_url=slow_stack.http_base + "/v1", timeout=60, headers=auth) as client:
        answer = await client.post("/workflows/run", json=body)
    got = [f for f in answer.text.split("\n\n") if f]
    assert got[0] == "event: ping"
    names = [json.loads(f.removeprefix("data: "))["event"] if f.startswith("data: ") else f for f in got]
    pause_started = names.index("node_started", names.index("node_started") + 1)
    between = names[pause_started + 1 : names.index("node_finished", pause_started)]
    assert between == ["event: ping"], names
    assert names[-1] == "workflow_finished"


async def test_an_app_runs_at_most_its_cap_at_once(tmp_path: Path) -> None:
    """Past FLOWGATE_APP_MAX_ACTIVE_RUNS runs going, a run is 429 too_many_requests; a run
    that ended (even one whose stream was dropped) frees its place."""
    stack = await start_stack(
        sqlite_url(tmp_path), with_envoy=True, blocks=default_registry(PauseBlock()), app_max_active_runs=1
    )
    try:
        _deployment, auth = await app(stack, 1.0, "capped")
        body = {"inputs": {"text": "x"}, "response_mode": "streaming", "user": "u-1"}
        async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30, headers=auth) as client:
            async with client.stream("POST", "/workflows/run", json=body) as first:
                await read_until(frames(first), "workflow_started")
                refused = await client.post("/workflows/run", json={**body, "response_mode": "blocking"})
                assert refused.status_code == 429, refused.text
                assert refused.json()["code"] == "too_many_requests"
                assert refused.json()["status"] == 429

            async def admitted() -> httpx.Response | None:
                answer = await client.post("/workflows/run", json={**body, "response_mode": "blocking"})
                return answer if answer.status_code == 200 else None

            assert (await eventually(admitted)).json()["data"]["status"] == "succeeded"
    finally:
        await stop_stack(stack)
