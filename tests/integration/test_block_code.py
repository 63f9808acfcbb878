"""The code block through RunApp over real gRPC, with a real SandboxPool."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.engine.blocks import default_registry
from flowgate.engine.blocks.code import CodeBlock
from flowgate.engine.sandbox import SandboxPool
from flowgate.engine.services import CodeLimits, Services
from flowgate.v1 import execution_pb2
from tests.harness import Stack, linear, run_events, sqlite_url, start_stack, stop_stack
from tests.sandbox_bypass import BYPASS

pytestmark = pytest.mark.asyncio(loop_scope="session")

STATS = """
import statistics

def main(numbers, title):
    return {
        "title": title.upper(),
        "mean": statistics.mean(numbers),
        "count": len(numbers),
        "sorted": sorted(numbers),
    }
"""

BROKEN = """
def main(numbers):
    total = sum(numbers)
    if total > 10:
        raise ValueError(f"total too big: {total}")
    return total
"""


@dataclass
class CodeStack:
    stack: Stack
    database: str


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def code_stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[CodeStack]:
    path: Path = tmp_path_factory.mktemp("code")
    url = sqlite_url(path)
    async with SandboxPool(2, temp_dir=str(path)) as pool:
        s = await start_stack(
            url,
            with_envoy=False,
            blocks=default_registry(CodeBlock(CodeLimits(cpu_seconds=5, wall_seconds=20))),
            services=Services(code=pool),
        )
        try:
            yield CodeStack(s, url.removeprefix("sqlite+aiosqlite:///"))
        finally:
            await stop_stack(s)


@pytest.fixture
def stack(code_stack: CodeStack) -> Stack:
    return code_stack.stack


def graph(code: str, inputs: dict[str, str]) -> dict[str, object]:
    return linear(
        {"id": "code-1", "type": "code", "data": {"label": "Stats", "code": code, "inputs": inputs}},
        inputs=[
            {"name": "numbers", "type": "array", "required": True},
            {"name": "title", "type": "string"},
        ],
    )


async def test_the_code_output_is_the_block_output_and_the_run_output(stack: Stack) -> None:
    release = await stack.publish(graph(STATS, {"numbers": "{numbers}", "title": "Stats of {title}"}), public=True)
    events = await run_events(
        stack,
        await stack.key("team-a"),
        deploymentId=release.deployment_id,
        inputs={"numbers": [3, 1, 2], "title": "three"},
    )
    expected = {"title": "STATS OF THREE", "mean": 2, "count": 3, "sorted": [1, 2, 3]}
    completed = [e.block_completed for e in events if e.HasField("block_completed")]
    code_output = next(c for c in completed if c.block_id == "code-1")
    assert json_format.MessageToDict(code_output.output) == expected
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert json_format.MessageToDict(done.outputs) == expected


async def test_a_failing_code_block_fails_the_run_with_the_line(stack: Stack) -> None:
    release = await stack.publish(graph(BROKEN, {"numbers": "{numbers}"}), public=True)
    key = await stack.key("team-a")

    ok = await run_events(stack, key, deploymentId=release.deployment_id, inputs={"numbers": [1, 2]})
    assert ok[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert ok[-1].run_completed.outputs.number_value == 3

    events = await run_events(stack, key, deploymentId=release.deployment_id, inputs={"numbers": [5, 6]})
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.block_id == "code-1"
    assert done.error.message == "line 5: ValueError: total too big: 11"
    ended = [e.block_ended for e in events if e.HasField("block_ended") and e.block_ended.block_id == "code-1"]
    assert ended[0].error.message == "line 5: ValueError: total too big: 11"
    assert (ended[0].error.reason, ended[0].error.block_id) == ("BLOCK_FAILED", "code-1")


async def test_an_escape_attempt_fails_the_run_with_a_clear_error(stack: Stack) -> None:
    source = "def main(numbers):\n    return open('/etc/passwd').read()"
    release = await stack.publish(graph(source, {"numbers": "{numbers}"}), public=True)
    events = await run_events(
        stack, await stack.key("team-a"), deploymentId=release.deployment_id, inputs={"numbers": []}
    )
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.message.startswith("line 2: Forbidden: reading '/etc/passwd' is not allowed in the sandbox")


async def test_with_the_audit_hook_switched_off_the_server_database_is_out_of_reach(code_stack: CodeStack) -> None:
    stack = code_stack.stack
    attempt = "def attempt(path):\n    return open(path, 'rb').read(4096).decode('latin-1')\n"
    graph = linear(
        {
            "id": "code-1",
            "type": "code",
            "data": {"label": "Escape", "code": BYPASS + attempt, "inputs": {"path": "{title}"}},
        },
        inputs=[{"name": "title", "type": "string"}],
    )
    release = await stack.publish(graph, public=True)
    events = await run_events(
        stack, await stack.key("team-a"), deploymentId=release.deployment_id, inputs={"title": code_stack.database}
    )
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED
    report = json_format.MessageToDict(done.outputs)
    assert report["switched_off"] is True
    assert report["outcome"] in ("ENOENT", "EACCES"), report
    assert "SQLite format" not in json.dumps(report)


async def test_on_a_host_lacking_kernel_layers_a_code_block_fails_with_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path: Path = tmp_path_factory.mktemp("refused")
    async with SandboxPool(1, temp_dir=str(path), test_skip_layers=("network", "seccomp")) as pool:
        s = await start_stack(
            sqlite_url(path), with_envoy=False, blocks=default_registry(CodeBlock()), services=Services(code=pool)
        )
        try:
            release = await s.publish(graph(STATS, {"numbers": "{numbers}", "title": "{title}"}), public=True)
            events = await run_events(
                s, await s.key("team-a"), deploymentId=release.deployment_id, inputs={"numbers": [1], "title": "t"}
            )
        finally:
            await stop_stack(s)
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.block_id == "code-1"
    assert done.error.message == (
        "code blocks are disabled: this host lacks a network namespace, seccomp; set FLOWGATE_CODE_SANDBOX=weak to "
        "run them with only the layers it has and the Python audit hook, which is not a security boundary"
    )
