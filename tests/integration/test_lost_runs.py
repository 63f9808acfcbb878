"""Runs whose process died: what a replica that did not run them answers on the first
read (GetRun, cancel, the event stream, an idempotent retry), and what the sweeper ends
and leaves alone. The rows are written as a replica that then died would have left them
(the crash itself, with a real SIGKILL, is test_crash_matrix.py)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import select, update

from flowgate.app.liveness import aware
from flowgate.app.run_rows import LOST_MESSAGE
from flowgate.app.runs import RunTarget, request_fingerprint
from flowgate.domain.errors import NotFound
from flowgate.domain.events import RunStarted
from flowgate.domain.models import Run, RunStatus
from flowgate.engine.blocks import default_registry
from flowgate.store.tables import RunRow
from flowgate.store.uow import UnitOfWork
from flowgate.v1 import execution_pb2, execution_service_pb2, execution_service_pb2_grpc
from tests.blocks_for_tests import PauseBlock
from tests.eventually import eventually
from tests.harness import Stack, linear, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

LOST_AFTER = 600.0
GRAPH = linear(
    {"id": "wait", "type": "pause", "data": {"label": "Wait", "seconds": 60}},
    inputs=[{"name": "kind", "type": "string", "required": False}],
)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """Heartbeats and sweeps far apart: only what a test does ends a run."""
    s = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("lost")),
        with_envoy=True,
        blocks=default_registry(PauseBlock()),
        run_heartbeat_seconds=LOST_AFTER / 2,
        run_lost_after_seconds=LOST_AFTER,
    )
    yield s
    await stop_stack(s)


async def stored_run(stack: Stack, dep: str, team_id: str, silent_for: float, kind: str = "") -> Run:
    """A running row whose heartbeat is `silent_for` seconds old (what a process left)."""
    beat = datetime.now(UTC) - timedelta(seconds=silent_for)
    run = Run(
        id=str(uuid.uuid4()),
        deployment_id=dep,
        document_id="doc",
        team_id=team_id,
        caller_team_id=team_id,
        status=RunStatus.RUNNING,
        inputs={"kind": kind},
        created_at=beat - timedelta(seconds=2),
    )
    async with UnitOfWork(stack.server.factory) as uow:
        await uow.runs.add(run, now=beat)
        await uow.commit()
    return run


async def stored(stack: Stack, run_id: str) -> Run:
    async with UnitOfWork(stack.server.factory) as uow:
        return await uow.runs.get(run_id)


async def app(stack: Stack, team: str) -> tuple[str, str, str]:
    """(deployment id, key, team id) of a fresh app of `team`."""
    release = await stack.publish(GRAPH, team=team)
    key = await stack.key(team)
    team_id = (await stack.server.runs.authenticate(f"Bearer {key}")).team_id
    return release.deployment_id, key, team_id


async def test_a_lost_run_is_ended_on_first_read_and_every_call_answers_its_outcome(stack: Stack) -> None:
    dep, key, team_id = await app(stack, "lost-read")
    auth = {"Authorization": f"Bearer {key}"}
    lost = await stored_run(stack, dep, team_id, LOST_AFTER + 100, "lost")
    alive = await stored_run(stack, dep, team_id, 1.0, "alive")
    body: dict[str, Any] = {"inputs": {"kind": "retried"}}
    fingerprint = request_fingerprint(RunTarget(deployment_id=dep), body["inputs"], {"timeout": None})
    retried = await stored_run(stack, dep, team_id, LOST_AFTER + 100, "retried")
    async with UnitOfWork(stack.server.factory) as uow:
        assert await uow.idempotency.add(team_id, "lost-key", fingerprint, retried.id)
        await uow.commit()

    async with httpx.AsyncClient(base_url=stack.http_base, headers=auth, timeout=30) as c:
        detail = (await c.get(f"/api/released-app/runs/{lost.id}")).json()
        assert (detail["status"], detail["error"], detail["sessions"]) == ("error", LOST_MESSAGE, [])
        assert (await c.get(f"/api/released-app/runs/{alive.id}")).json()["status"] == "running"

        stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
        md = (("authorization", f"Bearer {key}"),)
        got = (await stub.GetRun(execution_service_pb2.GetRunRequest(run_id=lost.id), metadata=md)).run
        assert got.status == execution_pb2.RUN_STATUS_FAILED
        assert (got.error.reason, got.error.message) == ("PROCESS_LOST", LOST_MESSAGE)

        # Another lost run, first touched by cancel: its final state, never "cancelling".
        other = await stored_run(stack, dep, team_id, LOST_AFTER + 100)
        cancel = await c.post(f"/api/released-app/runs/{other.id}:cancel")
        assert cancel.json() == {"runId": other.id, "status": "error"}

        # And one first touched by a resumer: the end of the run, not a 404.
        resumed = await stored_run(stack, dep, team_id, LOST_AFTER + 100)
        events = await c.get(f"/api/released-app/runs/{resumed.id}/events")
        assert events.status_code == 200, events.text
        lines = [json.loads(line) for line in events.text.splitlines()]
        assert [(e["type"], e["seq"]) for e in lines] == [("run_start", 1), ("error", 2), ("run_complete", 2)]
        assert lines[1]["error"] == LOST_MESSAGE

        retry = await c.post(f"/api/released-app/{dep}/run", json=body, headers={"Idempotency-Key": "lost-key"})
        assert retry.status_code == 200, retry.text
        replayed = [json.loads(line) for line in retry.text.splitlines()]
        assert [e["type"] for e in replayed] == ["run_start", "error", "run_complete"]
        assert replayed[0]["runId"] == retried.id

    for run in (lost, other, resumed, retried):
        found = await stored(stack, run.id)
        assert (found.status, found.error_reason, found.ended_at is not None) == (
            RunStatus.FAILED,
            "PROCESS_LOST",
            True,
        )
        assert found.duration_ms == 2000  # created, then alive until its last heartbeat
    assert (await stored(stack, alive.id)).status is RunStatus.RUNNING


async def running_row(stack: Stack, run_id: str) -> Run:
    """The run's stored row, once its process has written it."""

    async def row() -> Run | None:
        async with UnitOfWork(stack.server.factory) as uow:
            with contextlib.suppress(NotFound):
                return await uow.runs.get(run_id)
        return None

    return await eventually(row, timeout=60, interval=0.1)


async def test_the_sweeper_ends_silent_runs_and_keeps_this_processs_own(stack: Stack) -> None:
    dep, key, team_id = await app(stack, "lost-sweep")
    lost = await stored_run(stack, dep, team_id, LOST_AFTER + 100)
    alive = await stored_run(stack, dep, team_id, 1.0)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as c:
        async with c.stream("POST", f"/api/released-app/{dep}/run", json={}, headers=headers) as live_stream:
            lines = live_stream.aiter_lines()
            live_id = json.loads(await anext(lines))["runId"]
            await running_row(stack, live_id)
            # This process's own run, as if its heartbeat had not been written for long.
            old = datetime.now(UTC) - timedelta(seconds=LOST_AFTER + 100)
            async with stack.server.factory() as session:
                await session.execute(update(RunRow).where(RunRow.id == live_id).values(heartbeat_at=old))
                await session.commit()

            now = datetime.now(UTC)
            assert await stack.server.sweeper.tick(now) == 1

            swept = await stored(stack, lost.id)
            assert (swept.status, swept.error_reason, swept.error_message) == (
                RunStatus.FAILED,
                "PROCESS_LOST",
                LOST_MESSAGE,
            )
            assert (await stored(stack, alive.id)).status is RunStatus.RUNNING
            live = await stored(stack, live_id)
            assert live.status is RunStatus.RUNNING
            assert live.heartbeat_at is not None
            assert aware(live.heartbeat_at) == now  # beaten first, in the same round
            assert await stack.server.sweeper.tick(datetime.now(UTC)) == 0  # the lost one is ended once
            cancel = await c.post(f"/api/released-app/runs/{live_id}:cancel", headers=headers)
            assert cancel.json()["status"] == "cancelling"
            rest = [json.loads(line) async for line in lines if line.strip()]
        assert rest[-1]["type"] == "run_complete"
        assert (await c.get(f"/api/released-app/runs/{live_id}", headers=headers)).json()["status"] == "cancelled"


async def runs_of_team(stack: Stack, team_id: str) -> list[tuple[str, str]]:
    async with stack.server.factory() as session:
        rows = await session.execute(select(RunRow.id, RunRow.status).where(RunRow.caller_team_id == team_id))
        return [(run_id, status) for run_id, status in rows.all()]


async def test_a_run_with_an_idempotency_key_is_stored_from_its_start(stack: Stack) -> None:
    """Its running row is written with its key, before its first event: a process that
    dies in the run's first second still leaves a run the retry can learn the end of."""
    dep, key, team_id = await app(stack, "lost-keyed")
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "keyed-1"}
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as c:
        async with c.stream("POST", f"/api/released-app/{dep}/run", json={}, headers=headers) as answer:
            lines = answer.aiter_lines()
            run_id = json.loads(await anext(lines))["runId"]
            assert await runs_of_team(stack, team_id) == [(run_id, "running")]
            cancel = await c.post(f"/api/released-app/runs/{run_id}:cancel", headers=headers)
            assert cancel.json()["status"] == "cancelling"
            assert [json.loads(line) async for line in lines if line.strip()][-1]["type"] == "run_complete"

        async def ended() -> bool:  # the end updates the row written at the start
            return await runs_of_team(stack, team_id) == [(run_id, "cancelled")]

        await eventually(ended, timeout=60, interval=0.1)

    # A keyed request refused before it runs leaves no row (and its key is free).
    dep, key, team_id = await app(stack, "lost-poor")
    await stack.server.teams.add_credits("lost-poor", -(await stack.server.teams.credits("lost-poor"))[0].credits)
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "keyed-2"}
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as c:
        poor = await c.post(f"/api/released-app/{dep}/run", json={}, headers=headers)
    assert poor.status_code == 402, poor.text
    assert await runs_of_team(stack, team_id) == []
    async with UnitOfWork(stack.server.factory) as uow:
        assert await uow.idempotency.find(team_id, "keyed-2") is None


async def test_a_run_whose_task_fails_inside_the_server_ends_failed(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error the engine does not turn into a run's end (a bug) must not leave the run
    running — its process is alive and would keep its heartbeat fresh for ever."""
    dep, key, team_id = await app(stack, "lost-broken")

    async def broken(_compiled: Any, spec: Any, _inputs: Any, emit: Any) -> Any:
        emit(RunStarted(spec.run_id, spec.document_id, spec.deployment_id, spec.version))
        await asyncio.sleep(0)
        raise RuntimeError("a bug in the engine")

    monkeypatch.setattr(stack.server.runs._executor, "run", broken)
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "broken-1"}
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as c:
        answer = await c.post(f"/api/released-app/{dep}/run", json={}, headers=headers)
        events = [json.loads(line) for line in answer.text.splitlines()]
        assert [e["type"] for e in events] == ["run_start", "error", "run_complete"]
        assert events[1]["error"] == "internal error: the run could not be completed"
        run_id = events[0]["runId"]
        assert (await c.get(f"/api/released-app/runs/{run_id}", headers=headers)).json()["status"] == "error"

    async def stored_failed() -> bool:
        return await runs_of_team(stack, team_id) == [(run_id, "error")]

    await eventually(stored_failed, timeout=60, interval=0.1)
    assert (await stored(stack, run_id)).error_reason == "INTERNAL"


async def test_a_keyed_run_cancelled_before_its_task_ran_ends_cancelled(stack: Stack) -> None:
    """(As at shutdown, when the drain cancels a run that was just started.)"""
    dep, key, team_id = await app(stack, "lost-early")
    principal = await stack.server.runs.authenticate(f"Bearer {key}")
    handle = await stack.server.runs.start_as(principal, RunTarget(deployment_id=dep), {}, idempotency_key="early-1")
    assert stack.server.run_registry.cancel(handle.run_id)  # before the task took its first step
    assert [item.event async for batch in handle.channel.subscribe() for item in batch] == []

    async def stored_cancelled() -> bool:
        return await runs_of_team(stack, team_id) == [(handle.run_id, "cancelled")]

    await eventually(stored_cancelled, timeout=60, interval=0.1)
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as c:
        detail = await c.get(f"/api/released-app/runs/{handle.run_id}", headers={"Authorization": f"Bearer {key}"})
    assert (detail.json()["status"], detail.json()["error"]) == ("cancelled", "the run was cancelled")
