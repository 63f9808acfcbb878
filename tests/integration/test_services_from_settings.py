"""The server builds its LLM, outbound HTTP and code services from settings alone (as
`FLOWGATE_*` variables would give them): one workflow uses all three."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.config import Settings
from flowgate.v1 import execution_pb2
from tests.fakes.http_server import FakeHttpServer
from tests.fakes.openai_server import FakeOpenAI, answer
from tests.harness import Stack, linear, run_events, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")


@dataclass
class World:
    stack: Stack
    provider: FakeOpenAI
    api: FakeHttpServer


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    provider = await FakeOpenAI().start()
    api = FakeHttpServer()
    api.start()
    env: dict[str, Any] = {
        "llm_providers": {"deepseek": {"base_url": provider.base_url, "api_key": "sk-from-settings"}},
        "outbound_allowed_networks": ["127.0.0.1/32"],
        "code_warm_workers": 1,
    }
    # The same values as the environment would give them, parsed by Settings.
    parsed = Settings.model_validate({**env, "_env_file": None})
    assert parsed.llm_providers["deepseek"].api_key.get_secret_value() == "sk-from-settings"
    assert "sk-from-settings" not in repr(parsed)
    stack = await start_stack(sqlite_url(tmp_path_factory.mktemp("wired")), with_envoy=False, **env)
    try:
        yield World(stack, provider, api)
    finally:
        await stop_stack(stack)
        await provider.stop()
        api.close()


async def test_llm_http_and_code_blocks_work_with_services_built_from_settings(world: World) -> None:
    world.provider.script("deepseek-chat", answer("21"))
    graph = linear(
        {
            "id": "ask",
            "type": "llm",
            "data": {"label": "Ask", "provider": "deepseek", "model": "deepseek-chat", "prompt": "请回答:{q}"},
        },
        {
            "id": "double",
            "type": "code",
            "data": {
                "label": "Double",
                "code": "def main(n):\n    return {'doubled': int(n) * 2}\n",
                "inputs": {"n": "{Ask.text}"},
            },
        },
        {
            "id": "post",
            "type": "http",
            "data": {
                "label": "Post",
                "method": "POST",
                "url": world.api.url("/echo"),
                "body": {"value": "{Double.doubled}"},
            },
        },
        inputs=[{"name": "q", "type": "string", "required": True}],
    )
    release = await world.stack.publish(graph, public=True)
    events = await run_events(
        world.stack, await world.stack.key("team-a"), deploymentId=release.deployment_id, inputs={"q": "半个四十二"}
    )
    done = events[-1].run_completed
    assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED, done.error.message
    outputs: dict[str, Any] = {c.block_id: json_format.MessageToDict(c.output) for c in done.global_ctx}
    assert outputs["ask"]["text"] == "21"
    assert outputs["double"] == {"doubled": 42}
    assert outputs["post"]["status"] == 200
    sent = world.api.requests[-1]
    assert json.loads(sent.body) == {"value": 42}
    [request] = world.provider.requests_for("deepseek-chat")
    assert request.messages[-1]["content"] == "请回答:半个四十二"
    assert request.headers["authorization"] == "Bearer sk-from-settings"
