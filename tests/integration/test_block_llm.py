"""The llm block through RunApp over real gRPC, against the fake provider over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.domain.errors import InvalidWorkflow
from flowgate.domain.models import Graph, RunStatus
from flowgate.engine.blocks import default_registry
from flowgate.engine.blocks.agent import AgentBlock
from flowgate.engine.blocks.llm import LlmBlock
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import compile_graph
from flowgate.engine.limits import EngineLimits
from flowgate.engine.llm import OpenAICompatible, ProviderConfig
from flowgate.engine.services import Services
from flowgate.v1 import execution_pb2
from tests.eventually import eventually
from tests.fakes.openai_server import FakeOpenAI, answer, broken, error, tokens
from tests.harness import Stack, linear, run_events, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

KEY = "sk-deepseek-test-5f2c9a1e"
BLOCKS = default_registry(LlmBlock(), AgentBlock())


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def provider() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(provider: FakeOpenAI, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    chat = OpenAICompatible({"deepseek": ProviderConfig(provider.base_url, api_key=KEY)}, trust_env=False)
    s = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("llm")), with_envoy=False, blocks=BLOCKS, services=Services(chat=chat)
    )
    try:
        yield s
    finally:
        await stop_stack(s)
        await chat.close()


def llm(**data: Any) -> dict[str, Any]:
    return {"id": "llm-1", "type": "llm", "data": {"label": "LLM处理", "provider": "deepseek", **data}}


async def run(stack: Stack, graph: dict[str, Any], **inputs: Any) -> list[execution_pb2.RunEvent]:
    release = await stack.publish(graph, public=True)
    return await run_events(stack, await stack.key("team-a"), deploymentId=release.deployment_id, inputs=inputs)


def of(events: list[execution_pb2.RunEvent], kind: str, block_id: str = "llm-1") -> list[Any]:
    """The `kind` payloads of one block's events, in order."""
    found = (getattr(e, kind) for e in events if e.WhichOneof("kind") == kind)
    return [p for p in found if p.block_id == block_id]


def kinds(events: list[execution_pb2.RunEvent], block_id: str = "llm-1") -> list[str]:
    """The kinds of one block's events, in order."""
    out: list[str] = []
    for e in events:
        kind = e.WhichOneof("kind")
        if kind is not None and getattr(getattr(e, kind), "block_id", None) == block_id:
            out.append(kind)
    return out


def chunks(events: list[execution_pb2.RunEvent], block_id: str = "llm-1") -> list[str]:
    return [c.delta for c in of(events, "block_chunk", block_id)]


def output(events: list[execution_pb2.RunEvent], block_id: str = "llm-1") -> Any:
    done = of(events, "block_completed", block_id)
    assert len(done) == 1, f"block {block_id} did not complete"
    return json_format.MessageToDict(done[0].output)


def completed(events: list[execution_pb2.RunEvent]) -> execution_pb2.RunCompleted:
    assert events[-1].WhichOneof("kind") == "run_completed"
    return events[-1].run_completed


async def test_the_reference_config_renders_the_upstream_value(stack: Stack, provider: FakeOpenAI) -> None:
    # The reference's node config, as written; the fake echoes the prompt it got.
    graph = linear(
        {"id": "prep", "type": "transform", "data": {"label": "Prep", "template": "{{ inputs.text | upper }}"}},
        {
            "id": "llm-1",
            "type": "llm",
            "data": {
                "provider": "deepseek",
                "model": "deepseek-chat",
                "prompt": "请回答:{input}",
                "temperature": 0.7,
                "max_tokens": 1000,
            },
        },
        inputs=[{"name": "text", "type": "string", "required": True}],
    )
    events = await run(stack, graph, text="hello")
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert output(events)["text"] == "请回答:HELLO"
    assert "".join(chunks(events)) == "请回答:HELLO"

    sent = provider.requests_for("deepseek-chat")[-1]
    assert sent.body["messages"] == [{"role": "user", "content": "请回答:HELLO"}]
    assert sent.body["temperature"] == 0.7
    assert sent.body["max_tokens"] == 1000
    assert sent.headers["authorization"] == f"Bearer {KEY}"


async def test_system_prompt_messages_and_prompt_are_rendered_in_order(stack: Stack, provider: FakeOpenAI) -> None:
    graph = linear(
        llm(
            model="ordered",
            system_prompt="You answer in {inputs.lang}.",
            messages=[{"role": "user", "content": "Say hi"}, {"role": "assistant", "content": "Hi!"}],
            prompt="Now say {{ inputs.word }} to {text}",
        ),
    )
    provider.script("ordered", answer("Bonjour le monde"))
    events = await run(stack, graph, lang="French", word="bye", text="the world")
    assert output(events)["text"] == "Bonjour le monde"
    assert provider.requests_for("ordered")[-1].body["messages"] == [
        {"role": "system", "content": "You answer in French."},
        {"role": "user", "content": "Say hi"},
        {"role": "assistant", "content": "Hi!"},
        {"role": "user", "content": "Now say bye to the world"},
    ]


async def test_output_has_text_usage_and_finish_reason(stack: Stack, provider: FakeOpenAI) -> None:
    provider.script("usage", answer("The answer is 42.", usage=(12, 5)))
    graph = linear(llm(model="usage", prompt="question"))
    events = await run(stack, graph)
    assert output(events) == {
        "text": "The answer is 42.",
        "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17},
        "finish_reason": "stop",
    }
    assert json_format.MessageToDict(completed(events).outputs)["text"] == "The answer is 42."


async def test_fast_tokens_arrive_as_fewer_coalesced_chunks(stack: Stack) -> None:
    graph = linear(llm(model="tokens-3000", prompt="go"))
    events = await run(stack, graph)
    deltas = chunks(events)
    assert "".join(deltas) == "tok " * 3000
    assert 1 <= len(deltas) < 3000
    result = output(events)
    assert result["text"] == "tok " * 3000
    assert result["usage"]["completion_tokens"] == 3000


async def test_paced_tokens_stream_as_several_chunks(stack: Stack, provider: FakeOpenAI) -> None:
    provider.script("paced", tokens(6, "step ", delay=0.06))
    events = await run(stack, linear(llm(model="paced", prompt="go")))
    deltas = chunks(events)
    assert "".join(deltas) == "step " * 6
    assert len(deltas) > 1  # streamed as it came, not only at the end
    order = kinds(events)
    assert order[0] == "block_started"
    assert order[-2:] == ["block_completed", "block_ended"]
    assert set(order[1:-2]) == {"block_chunk"}


async def test_a_429_is_retried_transparently(stack: Stack, provider: FakeOpenAI) -> None:
    provider.script("rate-limited", error(429, "rate limited", retry_after=0), answer("after the wait"))
    events = await run(stack, linear(llm(model="rate-limited", prompt="go")))
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert output(events)["text"] == "after the wait"
    assert "".join(chunks(events)) == "after the wait"
    assert len(provider.requests_for("rate-limited")) == 2


async def test_a_broken_stream_fails_the_block_with_a_clear_message(stack: Stack, provider: FakeOpenAI) -> None:
    provider.script("breaks", broken("the first words and then nothing", after=3))
    events = await run(stack, linear(llm(model="breaks", prompt="go")))
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.reason == "BLOCK_FAILED"
    assert done.error.block_id == "llm-1"
    assert done.error.message.startswith("LLM provider 'deepseek': the answer stream broke off")
    assert "".join(chunks(events)) == "the first words "  # what came before the break was streamed
    ended = [
        e.block_ended for e in events if e.WhichOneof("kind") == "block_ended" and e.block_ended.block_id == "llm-1"
    ]
    assert ended[0].error.message == done.error.message
    assert len(provider.requests_for("breaks")) == 1  # not retried mid-stream


async def test_the_key_never_reaches_events(stack: Stack, provider: FakeOpenAI) -> None:
    provider.script("leaks", error(401, "Incorrect API key provided", echo_auth=True))
    events = await run(stack, linear(llm(model="leaks", prompt="go")))
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.message.startswith("LLM provider 'deepseek' refused the request: HTTP 401: Incorrect API key")
    assert all(KEY not in str(e) for e in events)
    assert provider.requests_for("leaks")[-1].headers["authorization"] == f"Bearer {KEY}"


async def test_json_mode_parses_the_answer(stack: Stack, provider: FakeOpenAI) -> None:
    provider.script("json", answer('{"city": "Paris", "days": [1, 2]}'))
    events = await run(stack, linear(llm(model="json", prompt="Reply in JSON", json_mode=True)))
    result = output(events)
    assert result["json"] == {"city": "Paris", "days": [1, 2]}
    assert result["text"] == '{"city": "Paris", "days": [1, 2]}'
    assert provider.requests_for("json")[-1].body["response_format"] == {"type": "json_object"}

    provider.script("not-json", answer("Sure! Here it is: city=Paris"))
    events = await run(stack, linear(llm(model="not-json", prompt="Reply in JSON", json_mode=True)))
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.message.startswith("json_mode: the model's answer is not valid JSON")


async def test_an_unknown_provider_fails_the_block(stack: Stack) -> None:
    events = await run(stack, linear(llm(provider="openai", model="gpt", prompt="go")))
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.message == "no LLM provider named 'openai' is configured (configured: deepseek)"


# -- without the gRPC stack ---------------------------------------------------------------------


async def test_without_a_chat_service_the_block_fails_clearly() -> None:
    limits = EngineLimits()
    compiled = compile_graph(Graph.from_json(linear(llm(model="m", prompt="hi"))), BLOCKS, limits)
    done = await Executor(limits, Services()).run(compiled, RunSpec("r", "d", "p", "1"), {}, lambda _e: None)
    assert done.status is RunStatus.FAILED
    assert done.error_block_id == "llm-1"
    assert done.error_message == "block type 'llm' needs an LLM provider, and none is configured on this server"


async def test_config_errors_name_the_field() -> None:
    bad = linear(
        {"id": "llm-1", "type": "llm", "data": {"model": "m", "temperature": 5, "max_tokens": 0}},
        {"id": "llm-2", "type": "llm", "data": {"model": "m", "prompt": "{{ oops", "messages": [{"role": "bot"}]}},
    )
    with pytest.raises(InvalidWorkflow) as invalid:
        compile_graph(Graph.from_json(bad), BLOCKS, EngineLimits())
    fields = {v.field for v in invalid.value.violations}
    assert {
        "nodes[llm-1].data.temperature",
        "nodes[llm-1].data.max_tokens",
        "nodes[llm-2].data.messages.0.role",
        "nodes[llm-2].data.messages.0.content",
    } <= fields
    missing_prompt = linear({"id": "llm-3", "type": "llm", "data": {"model": "m"}})
    with pytest.raises(InvalidWorkflow) as invalid:
        compile_graph(Graph.from_json(missing_prompt), BLOCKS, EngineLimits())
    assert [(v.field, v.message) for v in invalid.value.violations] == [
        ("nodes[llm-3].data", "Value error, set 'prompt' (or 'messages')")
    ]


async def test_a_model_calls_tokens_are_charged_once(stack: Stack, provider: FakeOpenAI) -> None:
    # The end block passes the llm block's output (usage included) on: still one model call.
    provider.script("metered", answer("Counted once.", usage=(1500, 600)))
    team = "metered-team"
    release = await stack.publish(linear(llm(model="metered", prompt="q")), team=team, public=True)
    events = await run_events(stack, await stack.key(team), deploymentId=release.deployment_id, inputs={})
    assert json_format.MessageToDict(completed(events).outputs)["usage"]["total_tokens"] == 2100

    async def charged() -> list[dict[str, Any]]:  # charges are written in batches
        return [e for e in (await stack.server.teams.credits(team))[1] if e["kind"] == "charge"]

    charges = await eventually(charged)
    # 3 blocks + ceil(2100 / 1000) = 6 credits of the 10 reserved: 4 come back (twice counted, 2 would)
    assert [e["amount"] for e in charges] == [4]
