"""The typed Python client (clients/python, betterproto2), pip-installed into a virtualenv of
its own, runs against the real server: stream, resume, read, cancel, errors, deadlines."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from flowgate.engine.blocks import default_registry
from tests.blocks_for_tests import PauseBlock
from tests.harness import GREETER, ROOT, Stack, linear, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

CLIENT = ROOT / "clients" / "python"
EXAMPLE = CLIENT / "examples" / "run_app.py"
# A cold pip cache downloads grpcio and betterproto2 from PyPI.
INSTALL_TIMEOUT = 300
RUN_TIMEOUT = 60


async def _run(*argv: str, seconds: float) -> tuple[int, str, str]:
    """Runs a process without blocking the event loop the server runs on."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    proc = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(seconds):
            out, err = await proc.communicate()
    except TimeoutError:
        proc.kill()
        await proc.wait()
        pytest.fail(f"{' '.join(argv[:3])} did not finish within {seconds}s")
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def client_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh virtualenv where the client was installed with pip (from a copy of
    clients/python, so the build leaves nothing in the tree and no stale build is reused)."""
    base = tmp_path_factory.mktemp("python-client")
    source = base / "src"
    await asyncio.to_thread(
        shutil.copytree,
        CLIENT,
        source,
        ignore=shutil.ignore_patterns(".venv-*", "build", "*.egg-info", "__pycache__"),
    )
    venv = base / "venv"
    code, _, err = await _run(sys.executable, "-m", "venv", str(venv), seconds=RUN_TIMEOUT)
    assert code == 0, err
    python = venv / "bin" / "python"
    code, out, err = await _run(
        str(python),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        str(source),
        seconds=INSTALL_TIMEOUT,
    )
    assert code == 0, f"clients/python is not pip-installable:\n{out}{err}"
    return python


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def client_stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    stack = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("python-client-db")),
        with_envoy=False,
        blocks=default_registry(PauseBlock()),  # the built-in blocks and a slow one
    )
    try:
        yield stack
    finally:
        await stop_stack(stack)


def _events(lines: list[str]) -> list[tuple[int, str, dict[str, Any]]]:
    """`event <seq> <kind> <json>` lines, heartbeats left out (they repeat the last seq)."""
    events = []
    for line in lines:
        if line.startswith("event "):
            _, seq, kind, payload = line.split(" ", 3)
            if kind != "heartbeat":
                events.append((int(seq), kind, json.loads(payload)))
    return events


def _resumed(lines: list[str]) -> list[tuple[int, str]]:
    resumed = []
    for line in lines:
        if line.startswith("resumed "):
            _, seq, kind = line.split(" ")
            if kind != "heartbeat":
                resumed.append((int(seq), kind))
    return resumed


@pytest.mark.timeout(INSTALL_TIMEOUT + RUN_TIMEOUT + 60)
async def test_example_streams_resumes_reads_cancels_and_decodes_errors(
    client_python: Path, client_stack: Stack
) -> None:
    release = await client_stack.publish(GREETER, public=True)
    key = await client_stack.key("team-python-client")  # another team than the author's: the app is public
    code, out, err = await _run(
        str(client_python),
        str(EXAMPLE),
        client_stack.grpc_target,
        key,
        release.deployment_id,
        "typed client",
        seconds=RUN_TIMEOUT,
    )
    assert code == 0, f"the example failed:\n{out}{err}"
    lines = out.splitlines()

    events = _events(lines)
    assert events, f"no events:\n{out}{err}"
    seqs = [seq for seq, _, _ in events]
    kinds = [kind for _, kind, _ in events]
    assert seqs == list(range(1, len(events) + 1)), "seq starts at 1 and grows by one per event"
    assert kinds[0] == "run_started"
    assert kinds[-1] == "run_completed"
    assert kinds.count("run_completed") == 1
    started, done = events[0][2], events[-1][2]
    assert started["deploymentId"] == release.deployment_id
    assert done["runId"] == started["runId"]
    assert done["status"] == "RUN_STATUS_SUCCEEDED"
    assert done["outputs"] == {"greeting": "Hello, typed client!"}

    resumed = _resumed(lines)
    assert resumed, "WatchRun(after_seq=2) printed nothing"
    assert all(seq > 2 for seq, _ in resumed)
    assert resumed == [(seq, kind) for seq, kind, _ in events[2:]], "WatchRun replays every event after seq 2"

    assert "run RUN_STATUS_SUCCEEDED" in lines
    assert "cancel RUN_STATUS_SUCCEEDED" in lines, "cancelling a finished run is a no-op"
    assert "error NOT_FOUND DEPLOYMENT_NOT_FOUND" in lines


# A run that takes a while: it outlives a short deadline and can be cancelled midway.
SLOW = linear(
    {"id": "wait", "type": "pause", "data": {"label": "Wait", "seconds": 5}},
    {"id": "after", "type": "transform", "data": {"label": "After", "template": "late"}},
)

HELPERS = """
import sys

import grpc

from flowgate_client import call_options, connect, error_details
from flowgate_client.api.flowgate.v1 import (
    CancelRunRequest, ExecutionServiceStub, GetRunRequest, RunAppRequest, WatchRunRequest,
)

address, key, deployment_id, missing_run = sys.argv[1:]


def failure(err):
    d = error_details(err)
    return f"{d.code.name} {d.reason or '-'} {d.http_status}"


with connect(address, "wn-not-a-real-key", timeout=10) as channel:
    try:
        ExecutionServiceStub(channel).get_run(GetRunRequest(run_id=missing_run))
    except grpc.RpcError as err:
        print("bad-key", failure(err))

with connect(address, key, timeout=10) as channel:
    stub = ExecutionServiceStub(channel)
    try:
        stub.get_run(GetRunRequest(run_id=missing_run))
    except grpc.RpcError as err:
        print("missing-run", failure(err))

    seen = []
    try:
        with call_options(timeout=1.0):
            for response in stub.run_app(RunAppRequest(deployment_id=deployment_id)):
                if response.event.heartbeat is None:
                    seen.append(response.event)
    except grpc.RpcError as err:
        print("deadline", err.code().name, [e.seq for e in seen])
    run_id = seen[0].run_started.run_id
    print("cancel", stub.cancel_run(CancelRunRequest(run_id=run_id)).status.proto_name)
    rest = [
        r.event for r in stub.watch_run(WatchRunRequest(run_id=run_id, after_seq=seen[-1].seq))
        if r.event.heartbeat is None
    ]
    print("watched", [e.seq for e in rest], rest[-1].run_completed.status.proto_name)
    print("run", stub.get_run(GetRunRequest(run_id=run_id)).run.status.proto_name)
"""


@pytest.mark.timeout(INSTALL_TIMEOUT + RUN_TIMEOUT + 60)
async def test_connect_sends_the_key_deadlines_end_streams_runs_resume_and_cancel(
    client_python: Path, client_stack: Stack
) -> None:
    release = await client_stack.publish(SLOW, public=True)
    key = await client_stack.key("team-python-client")
    argv = [client_stack.grpc_target, key, release.deployment_id, str(uuid.uuid4())]
    code, out, err = await _run(str(client_python), "-c", HELPERS, *argv, seconds=RUN_TIMEOUT)
    assert code == 0, f"{out}{err}"
    lines = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in out.splitlines()}
    assert lines["bad-key"] == "UNAUTHENTICATED UNAUTHENTICATED 401"
    assert lines["missing-run"] == "NOT_FOUND NOT_FOUND 404", "a valid key gets past authentication"

    # The call's deadline ended the stream mid-run (run_started, block_started…, the pause)…
    code_name, seen = lines["deadline"].split(" ", 1)
    assert code_name == "DEADLINE_EXCEEDED"
    seen_seqs: list[int] = json.loads(seen)
    assert seen_seqs[:1] == [1]
    # …but not the run: it was still running, and WatchRun picked up right after the last seq seen.
    assert lines["cancel"] == "RUN_STATUS_RUNNING"
    watched, status = lines["watched"].rsplit(" ", 1)
    watched_seqs: list[int] = json.loads(watched)
    assert watched_seqs == list(range(seen_seqs[-1] + 1, seen_seqs[-1] + 1 + len(watched_seqs)))
    assert status == "RUN_STATUS_CANCELLED"
    assert lines["run"] == "RUN_STATUS_CANCELLED"
