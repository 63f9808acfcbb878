"""The typed Go client (clients/go), proven against the real server: its example is built with
`go build` and run as a subprocess, and what it prints is checked."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.harness import GREETER, ROOT, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

GO_CLIENT = ROOT / "clients" / "go"
# A cold module and build cache downloads and compiles grpc-go: give the build room.
BUILD_TIMEOUT = 480
RUN_TIMEOUT = 60


def _go() -> str:
    go = shutil.which("go")
    if go is None:
        if os.environ.get("CI"):
            pytest.fail("Go toolchain not found: CI must install Go to test the Go client")
        pytest.skip("Go toolchain not found: the Go client was NOT tested")
    return go


async def _run(*argv: str, cwd: Path, env: dict[str, str], seconds: float) -> tuple[int, str, str]:
    """Runs a process without blocking the event loop the server runs on."""
    proc = await asyncio.create_subprocess_exec(
        *argv,
        cwd=cwd,
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
        pytest.fail(f"{argv[0]} did not finish within {seconds}s")
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def _build_example(go: str, out_dir: Path) -> Path:
    binary = out_dir / "flowgate-go-example"
    code, out, err = await _run(
        go, "build", "-o", str(binary), "./example", cwd=GO_CLIENT, env=dict(os.environ), seconds=BUILD_TIMEOUT
    )
    assert code == 0, f"go build failed:\n{out}{err}"
    return binary


def _parse_events(lines: list[str]) -> list[tuple[int, str, dict[str, Any]]]:
    """`event <seq> <kind> <json>` lines, heartbeats left out (they repeat the last seq)."""
    events = []
    for line in lines:
        if line.startswith("event "):
            _, seq, kind, payload = line.split(" ", 3)
            if kind != "heartbeat":
                events.append((int(seq), kind, json.loads(payload)))
    return events


@pytest.mark.timeout(BUILD_TIMEOUT + RUN_TIMEOUT + 60)
async def test_go_example_runs_watches_gets_cancels_and_reads_errors(tmp_path: Path) -> None:
    go = _go()
    binary = await _build_example(go, tmp_path)

    stack = await start_stack(sqlite_url(tmp_path), with_envoy=False)
    try:
        release = await stack.publish(GREETER, team="team-go-author", public=True)
        # A public app runs with any valid key: the caller belongs to another team.
        key = await stack.key("team-go-caller")
        env = {**os.environ, "FLOWGATE_API_KEY": key}
        code, out, err = await _run(
            str(binary),
            "-addr",
            stack.grpc_target,
            "-deployment",
            release.deployment_id,
            "-text",
            "Gopher",
            "-timeout",
            "30s",
            cwd=tmp_path,
            env=env,
            seconds=RUN_TIMEOUT,
        )
    finally:
        await stop_stack(stack)

    assert code == 0, f"example exited {code}:\n{out}{err}"
    lines = out.splitlines()

    events = _parse_events(lines)
    assert events, out
    seqs = [seq for seq, _, _ in events]
    assert seqs == list(range(1, len(events) + 1)), out
    assert events[0][1] == "run_started"
    assert events[0][2]["deploymentId"] == release.deployment_id
    assert events[-1][1] == "run_completed"
    assert events[-1][2]["status"] == "RUN_STATUS_SUCCEEDED"
    assert events[-1][2]["outputs"] == {"greeting": "Hello, Gopher!"}
    greeted = [
        payload
        for _, kind, payload in events
        if kind == "block_completed" and payload.get("output") == "Hello, Gopher!"
    ]
    assert greeted, f"no block_completed carries the greeting:\n{out}"

    resumed = [line.split(" ") for line in lines if line.startswith("resumed ")]
    resumed = [r for r in resumed if r[2] != "heartbeat"]
    assert resumed, out
    assert all(int(seq) > 2 for _, seq, _ in resumed), out
    assert [int(seq) for _, seq, _ in resumed] == seqs[2:], out
    assert resumed[-1][2] == "run_completed"

    assert "run RUN_STATUS_SUCCEEDED" in lines, out
    assert "cancel RUN_STATUS_SUCCEEDED" in lines, out
    assert lines[-1] == "error NotFound DEPLOYMENT_NOT_FOUND", out
