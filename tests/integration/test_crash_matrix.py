"""Crash matrix: the server is killed (SIGKILL) while each kind of run is mid-run — an
NDJSON stream, an SSE stream, a typed gRPC stream, a blocking one-shot run, a scheduled
run and a management execution — then started again over the same database. Each ends
failed with the reason PROCESS_LOST (none stays running, without anyone asking: the
sweeper), and every way of asking answers that outcome: GetRun, cancel, the event stream
(its terminal events, numbered after the last one the caller saw) and a retry with the
same Idempotency-Key."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf import json_format
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from flowgate.app.executions import LOST_MESSAGE as EXECUTION_LOST
from flowgate.app.run_rows import LOST_MESSAGE as RUN_LOST
from flowgate.app.schedules import ScheduleAdmin
from flowgate.app.teams import TeamAdmin
from flowgate.envoy import EnvoyProcess, render_config
from flowgate.store.db import create_engine, session_factory
from flowgate.store.tables import ExecutionRow, RunRow
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
from tests.eventually import eventually
from tests.harness import (
    ROOT,
    TEST_SECRET,
    free_port,
    fresh_postgres_database,
    linear,
    require_postgres,
    sqlite_url,
)
from tests.integration.mgmt import create_workflow

pytestmark = pytest.mark.asyncio(loop_scope="session")

WAIT = 90.0
"""Generous deadline for each state the test waits for (never asserted as a duration)."""

GRAPH = linear(
    {"id": "wait", "type": "pause", "data": {"label": "Wait", "seconds": 120}},
    inputs=[{"name": "kind", "type": "string", "required": False}],
)
RELEASED_KINDS = ("ndjson", "sse", "grpc", "oneshot", "schedule")


class ServerProcess:
    """`python -m tests.serve_with_test_blocks` with these settings; killed with SIGKILL."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self._env = env
        self._log = log
        self._proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self._log.open("ab") as log:
            self._proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.serve_with_test_blocks",
                cwd=ROOT,
                env=self._env,
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
            )
        assert self._proc.stdout is not None
        line = await asyncio.wait_for(self._proc.stdout.readline(), WAIT)
        assert line.strip() == b"ready", self._log.read_text()[-4000:]

    async def kill(self) -> None:
        assert self._proc is not None
        self._proc.kill()
        await self._proc.wait()

    async def stop(self) -> None:
        if self._proc is not None and self._proc.returncode is None:
            self._proc.terminate()
            try:
                await asyncio.wait_for(self._proc.wait(), 20)
            except TimeoutError:
                self._proc.kill()
                await self._proc.wait()


@dataclass
class Crashable:
    server: ServerProcess
    envoy: EnvoyProcess
    engine: AsyncEngine
    grpc_port: int
    http_port: int

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"


@contextlib.asynccontextmanager
async def crashable(db_url: str, tmp_path: Path) -> AsyncIterator[Crashable]:
    grpc_port, http_port, admin_port, ws_port = free_port(), free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "server"), str(ROOT)]),
        "FLOWGATE_DATABASE_URL": db_url,
        "FLOWGATE_GRPC_PORT": str(grpc_port),
        "FLOWGATE_WS_PORT": str(ws_port),
        "FLOWGATE_SECRET_KEY": TEST_SECRET,
        "FLOWGATE_STATE_DIR": str(tmp_path / "state"),
        "FLOWGATE_LOG_LEVEL": "WARNING",
        "FLOWGATE_CODE_WARM_WORKERS": "0",  # no sandbox process is orphaned by the kill
        "FLOWGATE_SCHEDULER_INTERVAL_SECONDS": "0.5",
        "FLOWGATE_RUN_HEARTBEAT_SECONDS": "0.5",
        "FLOWGATE_RUN_LOST_AFTER_SECONDS": "3",
    }
    server = ServerProcess(env, tmp_path / "server.log")
    await server.start()
    config = render_config(
        ROOT / "envoy.yaml",
        http_host="127.0.0.1",
        http_port=http_port,
        grpc_host="127.0.0.1",
        grpc_port=grpc_port,
        admin_port=admin_port,
        ws_port=ws_port,
    )
    envoy = EnvoyProcess(config, admin_port)
    envoy.start()
    engine = create_engine(db_url)
    try:
        yield Crashable(server, envoy, engine, grpc_port, http_port)
    finally:
        await engine.dispose()
        envoy.stop()
        await server.stop()


@pytest_asyncio.fixture(params=["sqlite", "postgres"], loop_scope="session")
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return

    base = require_postgres()
    name = f"flowgate_crash_{uuid.uuid4().hex[:8]}"
    yield await fresh_postgres_database(base, name)
    conn = await asyncpg.connect(base.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await conn.close()


async def released_rows(engine: AsyncEngine) -> dict[str, tuple[str, str, str]]:
    """kind → (run id, status, error reason) of every stored released-app run."""
    async with session_factory(engine)() as session:
        rows = (await session.execute(select(RunRow.id, RunRow.inputs, RunRow.status, RunRow.error_reason))).all()
    return {inputs.get("kind", ""): (run_id, status, reason) for run_id, inputs, status, reason in rows}


async def execution_status(engine: AsyncEngine, execution_id: str) -> tuple[str, str]:
    async with session_factory(engine)() as session:
        row = await session.get(ExecutionRow, execution_id)
        assert row is not None
        return row.status, row.error_message


async def publish(channel: grpc.aio.Channel, key: str) -> str:
    md = (("authorization", f"Bearer {key}"),)
    wf = workflow_pb2.Workflow(name="crash", graph=json_format.ParseDict(GRAPH, workflow_pb2.Graph()))
    created = await workflow_service_pb2_grpc.WorkflowServiceStub(channel).CreateWorkflow(
        workflow_service_pb2.CreateWorkflowRequest(workflow=wf), metadata=md
    )
    published = await release_service_pb2_grpc.ReleaseServiceStub(channel).PublishRelease(
        release_service_pb2.PublishReleaseRequest(
            workflow_id=created.workflow.id, version="1.0.0", visibility=release_pb2.VISIBILITY_PRIVATE
        ),
        metadata=md,
    )
    return published.release.deployment_id


def sse_frames(text: str) -> list[dict[str, str]]:
    frames = []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if fields:
            frames.append(fields)
    return frames


@dataclass
class Callers:
    """What the callers of the run kinds know: the key, the deployment, what they saw."""

    key: str
    dep: str
    channel: grpc.aio.Channel
    client: httpx.AsyncClient
    mgmt: httpx.AsyncClient | None = None
    execution_id: str = ""

    def __post_init__(self) -> None:
        self.seen: dict[str, list[Any]] = {kind: [] for kind in ("ndjson", "sse", "grpc")}
        self.auth = {"Authorization": f"Bearer {self.key}"}
        self.md = (("authorization", f"Bearer {self.key}"),)

    async def ndjson(self) -> None:
        body = {"inputs": {"kind": "ndjson"}}
        headers = {**self.auth, "Idempotency-Key": "crash-ndjson"}
        async with self.client.stream("POST", f"/api/released-app/{self.dep}/run", json=body, headers=headers) as r:
            async for line in r.aiter_lines():
                if line.strip():
                    self.seen["ndjson"].append(json.loads(line))

    async def sse(self) -> None:
        body = {"inputs": {"kind": "sse"}, "format": "sse"}
        async with self.client.stream("POST", f"/api/released-app/{self.dep}/run", json=body, headers=self.auth) as r:
            text = ""
            async for chunk in r.aiter_text():
                text += chunk
                self.seen["sse"] = sse_frames(text)

    async def typed(self) -> None:
        stub = execution_service_pb2_grpc.ExecutionServiceStub(self.channel)
        request = json_format.ParseDict(
            {"deploymentId": self.dep, "inputs": {"kind": "grpc"}}, execution_service_pb2.RunAppRequest()
        )
        async for response in stub.RunApp(request, metadata=self.md):
            self.seen["grpc"].append(response.event)

    async def oneshot(self) -> None:
        body = {"inputs": {"kind": "oneshot"}, "stream": False}
        headers = {**self.auth, "Idempotency-Key": "crash-oneshot"}
        await self.client.post(f"/api/released-app/{self.dep}/run", json=body, headers=headers)

    async def execution(self, base_url: str) -> None:
        """A management execution of the same graph, by a signed-in user."""
        user = {"username": f"crash{uuid.uuid4().hex[:6]}", "email": "crash@example.com", "password": "password123"}
        assert (await self.client.post("/api/v1/auth/register", json=user)).status_code == 201
        login = await self.client.post("/api/v1/auth/login", data={k: user[k] for k in ("username", "password")})
        token = login.json()["access_token"]
        self.mgmt = httpx.AsyncClient(base_url=base_url, timeout=WAIT, headers={"Authorization": f"Bearer {token}"})
        workflow_id = await create_workflow(self.mgmt, GRAPH)
        ticket = await self.mgmt.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {"kind": "m"}})
        self.execution_id = ticket.json()["id"]

    def streamed(self) -> bool:
        """Every streaming caller has seen the slow block start."""
        return (
            any(e.get("type") == "block_start" and e.get("blockId") == "wait" for e in self.seen["ndjson"])
            and any(f.get("event") == "block_start" for f in self.seen["sse"])
            and any(e.block_started.block_id == "wait" for e in self.seen["grpc"])
        )


async def assert_every_answer_is_the_outcome(callers: Callers, ids: dict[str, str]) -> None:
    client, auth, md = callers.client, callers.auth, callers.md
    # GetRun and cancel: the final state, for every kind.
    for kind, run_id in ids.items():
        detail = (await client.get(f"/api/released-app/runs/{run_id}", headers=auth)).json()
        assert (kind, detail["status"], detail["error"]) == (kind, "error", RUN_LOST)
        assert detail["globalCtx"] == []
        cancel = await client.post(f"/api/released-app/runs/{run_id}:cancel", headers=auth)
        assert cancel.status_code == 200, cancel.text
        assert cancel.json() == {"runId": run_id, "status": "error"}
    stub = execution_service_pb2_grpc.ExecutionServiceStub(callers.channel)
    got = (await stub.GetRun(execution_service_pb2.GetRunRequest(run_id=ids["grpc"]), metadata=md)).run
    assert got.status == execution_pb2.RUN_STATUS_FAILED
    assert (got.error.reason, got.error.message) == ("PROCESS_LOST", RUN_LOST)

    # A resumer learns the end, numbered right after the last event it saw.
    last = callers.seen["ndjson"][-1]["seq"]
    resumed = await client.get(f"/api/released-app/runs/{ids['ndjson']}/events?afterSeq={last}", headers=auth)
    assert resumed.status_code == 200, resumed.text
    lines = [json.loads(line) for line in resumed.text.splitlines()]
    assert [(e["type"], e["seq"]) for e in lines] == [("error", last + 1), ("run_complete", last + 1)]
    assert lines[0]["error"] == RUN_LOST

    last_id = int(callers.seen["sse"][-1]["id"])
    resumed = await client.get(
        f"/api/released-app/runs/{ids['sse']}/events",
        params={"format": "sse"},
        headers={**auth, "Last-Event-ID": str(last_id)},
    )
    frames = sse_frames(resumed.text)
    assert [(f["id"], f["event"]) for f in frames] == [(str(last_id + 1), "error"), (str(last_id + 1), "run_complete")]

    last_seq = callers.seen["grpc"][-1].seq
    request = execution_service_pb2.WatchRunRequest(run_id=ids["grpc"], after_seq=last_seq)
    watched = [r.event async for r in stub.WatchRun(request, metadata=md)]
    assert [e.seq for e in watched] == [last_seq + 1]
    assert watched[0].run_completed.status == execution_pb2.RUN_STATUS_FAILED
    assert watched[0].run_completed.error.reason == "PROCESS_LOST"

    # The same request under the same Idempotency-Key: that run's outcome, not a 404.
    retry = await client.post(
        f"/api/released-app/{callers.dep}/run",
        json={"inputs": {"kind": "ndjson"}},
        headers={**auth, "Idempotency-Key": "crash-ndjson"},
    )
    assert retry.status_code == 200, retry.text
    replayed = [json.loads(line) for line in retry.text.splitlines()]
    assert [e["type"] for e in replayed] == ["run_start", "error", "run_complete"]
    assert replayed[0]["runId"] == ids["ndjson"]
    retry = await client.post(
        f"/api/released-app/{callers.dep}/run",
        json={"inputs": {"kind": "oneshot"}, "stream": False},
        headers={**auth, "Idempotency-Key": "crash-oneshot"},
    )
    assert retry.status_code == 200, retry.text
    outcome = retry.json()
    assert (outcome["runId"], outcome["status"], outcome["error"]) == (ids["oneshot"], "error", RUN_LOST)

    assert callers.mgmt is not None
    detail = (await callers.mgmt.get(f"/api/v1/executions/{callers.execution_id}")).json()
    assert (detail["status"], detail["error_message"]) == ("failed", EXECUTION_LOST)


async def test_a_killed_server_leaves_no_run_running_and_every_caller_learns_the_outcome(
    db_url: str, tmp_path: Path
) -> None:
    async with crashable(db_url, tmp_path) as stack:
        factory = session_factory(stack.engine)
        teams = TeamAdmin(factory, None, 1_000_000)
        await teams.ensure_team("crash")
        _api_key, key = await teams.create_api_key("crash", "test")
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{stack.grpc_port}")
        dep = await publish(channel, key)
        async with httpx.AsyncClient(base_url=stack.http_base, timeout=WAIT) as client:
            callers = Callers(key, dep, channel, client)
            tasks = [asyncio.create_task(c()) for c in (callers.ndjson, callers.sse, callers.typed, callers.oneshot)]
            await ScheduleAdmin(factory).create(
                "crash", dep, "* * * * *", inputs={"kind": "schedule"}, now=datetime.now(UTC) - timedelta(minutes=2)
            )
            await callers.execution(stack.http_base)
            execution_id = callers.execution_id

            async def all_mid_run() -> bool:
                rows = await released_rows(stack.engine)
                running = all(rows.get(k, ("", "", ""))[1] == "running" for k in RELEASED_KINDS)
                status, _ = await execution_status(stack.engine, execution_id)
                return running and callers.streamed() and status == "running"

            await eventually(all_mid_run, timeout=WAIT, interval=0.2)  # every kind of run is mid-run, its row stored
            await stack.server.kill()  # SIGKILL: no shutdown code runs
            for task in tasks:
                with contextlib.suppress(Exception):
                    await task
            rows = await released_rows(stack.engine)
            assert {k: rows[k][1] for k in RELEASED_KINDS} == dict.fromkeys(RELEASED_KINDS, "running")
            assert (await execution_status(stack.engine, execution_id))[0] == "running"

            await stack.server.start()

            # Nobody asks: the sweeper ends every lost run and execution.
            async def none_running() -> bool:
                rows = await released_rows(stack.engine)
                status, _ = await execution_status(stack.engine, execution_id)
                return all(rows[k][1] != "running" for k in RELEASED_KINDS) and status not in ("pending", "running")

            await eventually(none_running, timeout=WAIT, interval=0.2)  # the sweeper ended every lost run
            rows = await released_rows(stack.engine)
            lost = ("error", "PROCESS_LOST")
            assert {k: rows[k][1:] for k in RELEASED_KINDS} == dict.fromkeys(RELEASED_KINDS, lost)
            assert await execution_status(stack.engine, execution_id) == ("failed", EXECUTION_LOST)
            ids = {k: rows[k][0] for k in RELEASED_KINDS}

            async def served() -> bool:  # Envoy reaches the new process
                try:
                    answer = await client.get(f"/api/released-app/runs/{ids['ndjson']}", headers=callers.auth)
                except httpx.TransportError:
                    return False  # not listening yet
                return answer.status_code == 200

            await eventually(served, timeout=WAIT, interval=0.2)  # the restarted server answers through Envoy
            await assert_every_answer_is_the_outcome(callers, ids)
            if callers.mgmt is not None:
                await callers.mgmt.aclose()
        await channel.close(None)
