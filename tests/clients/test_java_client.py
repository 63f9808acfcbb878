"""The typed Java client (clients/java): built with Maven, its example run against a live server."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.harness import GREETER, ROOT, Stack, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

JAVA = ROOT / "clients" / "java"
GENERATED = Path("clients") / "java" / "src" / "main" / "java" / "dev" / "flowgate" / "v1"
# A cold ~/.m2 downloads grpc-java and protobuf-java first; a warm build takes ~15 s.
BUILD_TIMEOUT = 540


def _tools() -> tuple[str, str]:
    java, mvn = shutil.which("java"), shutil.which("mvn")
    if java is None or mvn is None:
        if os.environ.get("CI"):
            pytest.fail("Java/Maven not found: CI must test the Java client (install a JDK 17+ and Maven)")
        pytest.skip("Java/Maven not found: the Java client was NOT tested")
    return java, mvn


async def _run(*argv: str, limit: float) -> tuple[int, str, str]:
    """Runs a command, at most `limit` seconds, without blocking the event loop the server shares."""
    proc = await asyncio.create_subprocess_exec(
        *argv, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), limit)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    assert proc.returncode is not None
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


@pytest_asyncio.fixture(loop_scope="session")
async def plain_stack(tmp_path: Path) -> AsyncIterator[Stack]:
    """The gRPC server alone over SQLite: the Java client talks to it directly."""
    stack = await start_stack(sqlite_url(tmp_path), with_envoy=False)
    try:
        yield stack
    finally:
        await stop_stack(stack)


@pytest.mark.timeout(BUILD_TIMEOUT + 120)
async def test_java_example_runs_an_app_event_by_event(plain_stack: Stack) -> None:
    java, mvn = _tools()
    code, out, err = await _run(mvn, "-B", "-q", "-f", str(JAVA / "pom.xml"), "package", limit=BUILD_TIMEOUT)
    assert code == 0, f"mvn package failed:\n{out}\n{err}"

    release = await plain_stack.publish(GREETER, team="team-java", public=True)
    key = await plain_stack.key("team-java")
    classpath = f"{JAVA / 'target' / 'flowgate-client.jar'}{os.pathsep}{JAVA / 'target' / 'lib' / '*'}"
    code, out, err = await _run(
        java,
        "-cp",
        classpath,
        "dev.flowgate.example.Example",
        plain_stack.grpc_target,
        key,
        release.deployment_id,
        "Java client",
        limit=120,
    )
    assert code == 0, f"the Java example failed:\n{out}\n{err}"

    lines = [line.split(" ", 3) for line in out.splitlines()]
    events = [(int(f[1]), f[2], json.loads(f[3])) for f in lines if f[0] == "event" and f[2] != "heartbeat"]
    seqs = [seq for seq, _, _ in events]
    assert seqs == list(range(1, len(events) + 1)), out
    assert events[0][1] == "run_started"
    run_id = events[0][2]["runId"]
    assert events[0][2]["deploymentId"] == release.deployment_id
    assert events[-1][1] == "run_completed"
    done: dict[str, Any] = events[-1][2]
    assert done["status"] == "RUN_STATUS_SUCCEEDED"
    assert done["outputs"] == {"greeting": "Hello, Java client!"}
    assert done["runId"] == run_id

    resumed = [(int(f[1]), f[2]) for f in lines if f[0] == "resumed" and f[2] != "heartbeat"]
    assert resumed == [(seq, kind) for seq, kind, _ in events if seq > 2], out

    assert ["run", "RUN_STATUS_SUCCEEDED"] in lines, out
    assert ["cancel", "RUN_STATUS_SUCCEEDED"] in lines, out
    assert ["error", "NOT_FOUND", "DEPLOYMENT_NOT_FOUND"] in lines, out


@pytest.mark.timeout(BUILD_TIMEOUT)
async def test_committed_java_stubs_match_the_protos(tmp_path: Path) -> None:
    _tools()
    code, out, err = await _run(str(JAVA / "generate.sh"), "--output", str(tmp_path), limit=BUILD_TIMEOUT)
    assert code == 0, f"generate.sh failed:\n{out}\n{err}"
    fresh, committed = tmp_path / GENERATED, ROOT / GENERATED
    made = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file()), (
        "generated Java file set differs: run clients/java/generate.sh and commit"
    )
    drifted = [str(p) for p in made if (fresh / p).read_bytes() != (committed / p).read_bytes()]
    assert not drifted, f"Java stubs drifted from proto/: {drifted}; run clients/java/generate.sh and commit"
