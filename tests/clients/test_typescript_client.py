"""The TypeScript client (clients/typescript), built with npm and run with Node.js against
the live server over native gRPC: the example's RunApp stream, WatchRun resume, GetRun,
CancelRun and a failed call's code and ErrorInfo reason.

Node runs through asyncio subprocesses: the server shares this test's event loop, so a
blocking subprocess call would stall it."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.harness import GREETER, ROOT, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

CLIENT_DIR = ROOT / "clients" / "typescript"
_BUILT: set[Path] = set()  # client directories built in this session


def node_tools() -> tuple[str, str]:
    """(node, npm), or the test is skipped (failed under CI): the client needs Node.js."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js (node and npm) is not installed: CI must test the TypeScript client")
        pytest.skip("Node.js not found: the TypeScript client was NOT tested")
    return node, npm


async def run(*argv: str, cwd: Path, seconds: float) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *argv, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), seconds)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def build_client() -> str:
    """`npm ci` (when node_modules is missing) and `npm run build`, once per session; node's path."""
    node, npm = node_tools()
    if CLIENT_DIR not in _BUILT:
        if not (CLIENT_DIR / "node_modules").is_dir():
            code, out, err = await run(npm, "ci", "--no-audit", "--no-fund", cwd=CLIENT_DIR, seconds=240)
            assert code == 0, f"npm ci failed:\n{out}\n{err}"
        code, out, err = await run(npm, "run", "build", cwd=CLIENT_DIR, seconds=120)
        assert code == 0, f"npm run build failed:\n{out}\n{err}"
        _BUILT.add(CLIENT_DIR)
    return node


@dataclass
class Event:
    seq: int
    kind: str
    payload: Any


@dataclass
class ExampleOutput:
    events: list[Event]
    resumed: list[tuple[int, str]]
    lines: list[str]

    def value(self, tag: str) -> str:
        found = [line.removeprefix(f"{tag} ") for line in self.lines if line.startswith(f"{tag} ")]
        assert len(found) == 1, f"expected one {tag!r} line in:\n" + "\n".join(self.lines)
        return found[0]


async def run_example(*, address: str, api_key: str, deployment_id: str, text: str, transport: str) -> ExampleOutput:
    node = await build_client()
    code, out, err = await run(
        node,
        "dist/example.js",
        "--address",
        address,
        "--api-key",
        api_key,
        "--deployment",
        deployment_id,
        "--text",
        text,
        "--transport",
        transport,
        "--timeout-ms",
        "20000",
        cwd=CLIENT_DIR,
        seconds=60,
    )
    assert code == 0, f"example failed ({code}):\n{out}\n{err}"
    lines = out.splitlines()
    events, resumed = [], []
    for line in lines:
        tag, _, rest = line.partition(" ")
        if tag == "event":
            seq, kind, payload = rest.split(" ", 2)
            events.append(Event(int(seq), kind, json.loads(payload)))
        elif tag == "resumed":
            seq, kind = rest.split(" ")
            resumed.append((int(seq), kind))
    return ExampleOutput(events, resumed, lines)


def check_example(result: ExampleOutput, *, deployment_id: str, text: str) -> None:
    """What the example must print for one GREETER run."""
    events = result.events
    assert events, "\n".join(result.lines)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert (events[0].kind, events[0].seq) == ("runStarted", 1)
    assert events[0].payload["deploymentId"] == deployment_id
    run_id = events[0].payload["runId"]
    per_block = ["blockStarted", "blockCompleted", "blockEnded"]
    assert [e.kind for e in events] == ["runStarted", *per_block * 3, "runCompleted"]
    done = events[-1].payload
    assert done["runId"] == run_id
    assert done["status"] == "RUN_STATUS_SUCCEEDED"
    assert done["outputs"] == {"greeting": f"Hello, {text}!"}

    # WatchRun(after_seq=2): the rest of the stream, from seq 3 to run_completed.
    assert result.resumed == [(e.seq, e.kind) for e in events if e.seq > 2]
    assert all(seq > 2 for seq, _ in result.resumed)

    assert result.value("run") == "RUN_STATUS_SUCCEEDED"
    assert result.value("cancel") == "RUN_STATUS_SUCCEEDED"
    assert result.value("error") == "NotFound DEPLOYMENT_NOT_FOUND"


@pytest.mark.timeout(420)
async def test_typescript_client_over_native_grpc(tmp_path: Path) -> None:
    node_tools()
    stack = await start_stack(sqlite_url(tmp_path), with_envoy=False)
    try:
        release = await stack.publish(GREETER, public=True)
        key = await stack.key("team-ts")  # another team's key: the app is public
        text = "TypeScript über gRPC"
        result = await run_example(
            address=f"http://{stack.grpc_target}",
            api_key=key,
            deployment_id=release.deployment_id,
            text=text,
            transport="grpc",
        )
        check_example(result, deployment_id=release.deployment_id, text=text)
    finally:
        await stop_stack(stack)
