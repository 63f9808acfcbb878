"""The code block through RunApp over real gRPC, with a real SandboxPool."""

from __future__ import annotations

from collections.abc import AsyncIterator
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


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    path: Path = tmp_path_factory.mktemp("code")
    async with SandboxPool(2, temp_dir=str(path)) as pool:
        s = await start_stack(
            sqlite_url(path),
            with_envoy=False,
            blocks=default_registry(CodeBlock(CodeLimits(cpu_seconds=5, wall_seconds=20))),
            services=Services(code=pool),
        )
        try:
            yield s
        finally:
            await stop_stack(s)


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
    assert ended[0].error == "line 5: ValueError: total too big: 11"


async def test_an_escape_attempt_fails_the_run_with_a_clear_error(stack: Stack) -> None:
    source = "def main(numbers):\n    return open('/etc/passwd').read()"
    release = await stack.publish(graph(source, {"numbers": "{numbers}"}), public=True)
    events = await run_events(
        stack, await stack.key("team-a"), deploymentId=release.deployment_id, inputs={"numbers": []}
    )
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.message.startswith("line 2: Forbidden: reading '/etc/passwd' is not allowed in the sandbox")
