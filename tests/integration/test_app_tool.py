"""Agents calling other published apps, through the real app layer: the caller's team
decides what may be called, and nesting is bounded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.engine.http import OutboundHttp
from flowgate.engine.llm import OpenAICompatible, ProviderConfig
from flowgate.engine.services import Services
from flowgate.v1 import execution_pb2
from tests.fakes.openai_server import FakeOpenAI, answer, calls, tool_call
from tests.harness import GREETER, Stack, linear, run_events, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")


@dataclass
class World:
    stack: Stack
    provider: FakeOpenAI


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    provider = await FakeOpenAI().start()
    chat = OpenAICompatible({"fake": ProviderConfig(provider.base_url, api_key="sk-apps")}, trust_env=False)
    services = Services(chat=chat, http=OutboundHttp())  # apps: the server wires the real PublishedApps
    stack = await start_stack(sqlite_url(tmp_path_factory.mktemp("apps")), with_envoy=False, services=services)
    try:
        yield World(stack, provider)
    finally:
        await stop_stack(stack)
        await chat.close()
        await services.http.close()  # type: ignore[union-attr]
        await provider.stop()


def agent_calling(app: str, model: str) -> dict[str, Any]:
    return linear(
        {
            "id": "agent",
            "type": "agent",
            "data": {
                "label": "Agent",
                "provider": "fake",
                "model": model,
                "prompt": "greet",
                "tools": [
                    {
                        "type": "app",
                        "name": "greeter",
                        "description": "Greets someone",
                        "app": app,
                        "parameters": {"type": "object", "properties": {"text": {"type": "string"}}},
                    }
                ],
            },
        }
    )


def tool_results(events: list[execution_pb2.RunEvent]) -> list[tuple[Any, str]]:
    return [
        (json_format.MessageToDict(e.agent_step.tool_result.result), e.agent_step.tool_result.error.message)
        for e in events
        if e.agent_step.WhichOneof("step") == "tool_result"
    ]


async def test_an_agent_runs_a_public_app_of_another_team(world: World) -> None:
    greeter = await world.stack.publish(GREETER, team="team-owner", public=True)
    world.provider.script(
        "apps-public",
        calls(tool_call("greeter", {"text": "Ada"})),
        answer("done"),
    )
    caller = await world.stack.publish(agent_calling(greeter.deployment_id, "apps-public"), team="team-caller")
    events = await run_events(world.stack, await world.stack.key("team-caller"), deploymentId=caller.deployment_id)
    assert events[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert tool_results(events) == [({"greeting": "Hello, Ada!"}, "")]


async def test_a_private_app_of_another_team_is_refused_to_the_model(world: World) -> None:
    private = await world.stack.publish(GREETER, team="team-owner", public=False)
    world.provider.script("apps-private", calls(tool_call("greeter", {"text": "Ada"})), answer("gave up"))
    caller = await world.stack.publish(agent_calling(private.document_id, "apps-private"), team="team-caller")
    events = await run_events(world.stack, await world.stack.key("team-caller"), deploymentId=caller.deployment_id)
    assert events[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED
    [(_result, error)] = tool_results(events)
    assert "Permission denied" in error
    # The same private app works for its own team, by document id.
    world.provider.script("apps-own", calls(tool_call("greeter", {"text": "Bo"})), answer("ok"))
    own = await world.stack.publish(agent_calling(private.document_id, "apps-own"), team="team-owner")
    events = await run_events(world.stack, await world.stack.key("team-owner"), deploymentId=own.deployment_id)
    assert tool_results(events) == [({"greeting": "Hello, Bo!"}, "")]


async def test_apps_calling_apps_is_bounded(world: World) -> None:
    """A → B → C → D → greeter: the call from the fourth level is refused (at most 3 deep)."""
    target = (await world.stack.publish(GREETER, team="team-chain", public=True)).deployment_id
    for level in ("d", "c", "b", "a"):
        model = f"chain-{level}"
        world.provider.script(model, calls(tool_call("greeter", {"text": level})), answer(f"done {level}"))
        target = (await world.stack.publish(agent_calling(target, model), team="team-chain", public=True)).deployment_id
    events = await run_events(world.stack, await world.stack.key("team-chain"), deploymentId=target)
    assert events[-1].run_completed.status == execution_pb2.RUN_STATUS_SUCCEEDED

    def tool_message(model: str) -> str:
        last = world.provider.requests_for(model)[-1]
        return next(str(m.get("content")) for m in last.messages if m.get("role") == "tool")

    assert "Hello" not in tool_message("chain-a")  # A got B's answer
    assert "levels deep" not in tool_message("chain-c")
    assert "at most 3 levels deep" in tool_message("chain-d")
