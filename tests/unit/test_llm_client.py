"""The OpenAI-compatible client against the fake provider, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import AsyncGenerator, AsyncIterator
from typing import cast

import pytest
import pytest_asyncio

from flowgate.engine.llm import OpenAICompatible, ProviderConfig, _Provider, _Stream
from flowgate.engine.services import ChatDelta, ChatError, ChatMessage, ChatRequest, ToolCall, ToolSpec, Usage
from tests.fakes.openai_server import (
    FakeOpenAI,
    Reply,
    answer,
    broken,
    calls,
    error,
    stall,
    tokens,
    tool_call,
)
from tests.harness import free_port

pytestmark = pytest.mark.asyncio(loop_scope="session")

KEY = "sk-test-0123456789abcdef"


class Sleeps(list[float]):
    """Stands in for asyncio.sleep: records how long the client wanted to wait."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def server() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as s:
        yield s


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest_asyncio.fixture(loop_scope="session")
async def chat(server: FakeOpenAI, sleeps: Sleeps) -> AsyncIterator[OpenAICompatible]:
    client = OpenAICompatible(
        {"Fake": ProviderConfig(server.base_url, api_key=KEY, headers={"X-Team": "t1"}, max_retries=3)},
        trust_env=False,
        sleep=sleeps,
    )
    yield client
    await client.close()


def ask(model: str, text: str = "hi", **fields: object) -> ChatRequest:
    return ChatRequest(provider="fake", model=model, messages=[ChatMessage("user", text)], **fields)  # type: ignore[arg-type]


async def collect(chat: OpenAICompatible, request: ChatRequest) -> list[ChatDelta]:
    return [d async for d in chat.stream(request)]


async def drain(chat: OpenAICompatible, request: ChatRequest, received: list[str]) -> None:
    """Read the stream into `received` (what arrived before an error stays there)."""
    async for delta in chat.stream(request):
        received.append(delta.text)


async def test_streams_text_then_usage_and_finish_reason(server: FakeOpenAI, chat: OpenAICompatible) -> None:
    server.script("plain", answer("Hello brave new world", usage=(7, 4)))
    deltas = await collect(chat, ask("plain", temperature=0.3, max_tokens=50))
    assert "".join(d.text for d in deltas) == "Hello brave new world"
    assert len([d for d in deltas if d.text]) >= 2  # streamed, not one lump
    last = deltas[-1]
    assert last.usage == Usage(7, 4, 11)
    assert last.finish_reason == "stop"
    assert last.tool_calls == ()

    sent = server.requests_for("plain")[-1]
    assert sent.method == "POST"
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.headers["x-team"] == "t1"
    assert sent.body["stream"] is True
    assert sent.body["stream_options"] == {"include_usage": True}
    assert sent.body["temperature"] == 0.3
    assert sent.body["max_tokens"] == 50
    assert sent.body["messages"] == [{"role": "user", "content": "hi"}]
    assert "response_format" not in sent.body
    assert "tools" not in sent.body


async def test_tool_call_deltas_are_assembled_by_index(server: FakeOpenAI, chat: OpenAICompatible) -> None:
    server.script(
        "tools",
        calls(
            tool_call("get_weather", {"city": "Paris", "unit": "celsius"}, call_id="call_a"),
            tool_call("lookup", {"q": "a longer query, to be split in many pieces"}),
            text="Let me check.",
        ),
    )
    spec = ToolSpec("get_weather", "Weather of a city", {"type": "object", "properties": {"city": {"type": "string"}}})
    history = [
        ChatMessage("system", "be brief"),
        ChatMessage("user", "weather?"),
        ChatMessage("assistant", "", tool_calls=(ToolCall("call_0", "f", "{}"),)),
        ChatMessage("tool", "42", tool_call_id="call_0", name="f"),
    ]
    deltas = await collect(chat, ChatRequest("fake", "tools", history, tools=[spec]))
    assert "".join(d.text for d in deltas) == "Let me check."
    final = deltas[-1]
    assert final.finish_reason == "tool_calls"
    assert [(c.id, c.name, c.arguments) for c in final.tool_calls] == [
        ("call_a", "get_weather", '{"city": "Paris", "unit": "celsius"}'),
        ("call_1_lookup", "lookup", '{"q": "a longer query, to be split in many pieces"}'),
    ]

    body = server.requests_for("tools")[-1].body
    assert body["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Weather of a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
            },
        }
    ]
    assert body["messages"][2] == {
        "role": "assistant",
        "content": None,
        "tool_calls": [{"id": "call_0", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
    }
    assert body["messages"][3] == {"role": "tool", "content": "42", "tool_call_id": "call_0"}


async def test_json_mode_asks_for_a_json_object(server: FakeOpenAI, chat: OpenAICompatible) -> None:
    server.script("json", answer('{"ok": true}'))
    deltas = await collect(chat, ask("json", json_mode=True))
    assert "".join(d.text for d in deltas) == '{"ok": true}'
    assert server.requests_for("json")[-1].body["response_format"] == {"type": "json_object"}


async def test_429_is_retried_after_the_time_retry_after_gives(
    server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps
) -> None:
    server.script("busy", error(429, "slow down", retry_after=2), answer("made it"))
    deltas = await collect(chat, ask("busy"))
    assert "".join(d.text for d in deltas) == "made it"
    assert len(server.requests_for("busy")) == 2
    assert sleeps == [2.0]


async def test_5xx_is_retried_with_exponential_backoff(
    server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps
) -> None:
    server.script("flaky", error(500), error(503), answer("recovered"))
    deltas = await collect(chat, ask("flaky"))
    assert "".join(d.text for d in deltas) == "recovered"
    assert len(server.requests_for("flaky")) == 3
    # 0.5s then 1s, each with jitter down to half
    assert len(sleeps) == 2
    assert 0.25 <= sleeps[0] <= 0.5
    assert 0.5 <= sleeps[1] <= 1.0


async def test_a_permanent_5xx_fails_after_the_retries(
    server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps
) -> None:
    server.script("down", error(500, "upstream exploded"))
    with pytest.raises(ChatError) as failed:
        await collect(chat, ask("down"))
    assert len(server.requests_for("down")) == 4  # 1 + max_retries
    assert len(sleeps) == 3
    assert all(later >= earlier * 0.99 / 2 for earlier, later in itertools.pairwise(sleeps))
    assert str(failed.value) == "LLM provider 'fake' failed after 4 attempts: HTTP 500: upstream exploded"


async def test_backoff_is_bounded(server: FakeOpenAI, sleeps: Sleeps) -> None:
    config = ProviderConfig(server.base_url, max_retries=6, backoff_seconds=1.0, max_backoff_seconds=3.0)
    async with contextlib.AsyncExitStack() as stack:
        client = OpenAICompatible({"fake": config}, trust_env=False, sleep=sleeps)
        stack.push_async_callback(client.close)
        server.script("bounded", error(502))
        with pytest.raises(ChatError):
            await collect(client, ask("bounded"))
    assert len(sleeps) == 6
    assert max(sleeps) <= 3.0


async def test_a_retry_after_beyond_the_cap_fails_at_once(
    server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps
) -> None:
    server.script("quota", error(429, "quota", retry_after=3600))
    with pytest.raises(ChatError) as failed:
        await collect(chat, ask("quota"))
    assert sleeps == []
    assert "retry after 3600s" in str(failed.value)


async def test_client_errors_are_not_retried(server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps) -> None:
    server.script("bad", error(400, "messages: field required"))
    with pytest.raises(ChatError) as failed:
        await collect(chat, ask("bad"))
    assert str(failed.value) == "LLM provider 'fake' refused the request: HTTP 400: messages: field required"
    assert len(server.requests_for("bad")) == 1
    assert sleeps == []


async def test_a_stream_that_breaks_after_it_began_is_not_retried(
    server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps
) -> None:
    server.script("breaks", broken("one two three four five six", after=3))
    received: list[str] = []
    with pytest.raises(ChatError) as failed:
        await drain(chat, ask("breaks"), received)
    assert "".join(received) == "one two three "
    assert "broke off" in str(failed.value)
    assert len(server.requests_for("breaks")) == 1
    assert sleeps == []


async def test_a_stream_that_breaks_before_any_text_is_retried(
    server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps
) -> None:
    server.script("early-break", broken("never said", after=0), answer("second try"))
    deltas = await collect(chat, ask("early-break"))
    assert "".join(d.text for d in deltas) == "second try"
    assert len(sleeps) == 1


async def test_connection_errors_are_retried_then_reported(sleeps: Sleeps) -> None:
    config = ProviderConfig(f"http://127.0.0.1:{free_port()}/v1", api_key=KEY, max_retries=2)
    client = OpenAICompatible({"gone": config}, trust_env=False, sleep=sleeps)
    try:
        with pytest.raises(ChatError) as failed:
            await collect(client, ChatRequest("gone", "m", [ChatMessage("user", "x")]))
    finally:
        await client.close()
    assert len(sleeps) == 2
    assert str(failed.value).startswith("LLM provider 'gone' failed after 3 attempts: ConnectError")
    assert KEY not in str(failed.value)


async def test_a_stalled_stream_times_out(server: FakeOpenAI, chat: OpenAICompatible, sleeps: Sleeps) -> None:
    server.script("stalls", stall("a b c d", after=2))
    before = server.aborted
    received: list[str] = []
    with pytest.raises(ChatError) as failed:
        await drain(chat, ask("stalls", timeout_seconds=0.3), received)
    assert "".join(received) == "a b "
    assert str(failed.value) == "LLM provider 'fake' stalled: no data for 0.3s after the answer began"
    assert sleeps == []
    async with asyncio.timeout(5):
        await server.wait_aborted(before + 1)  # the client hung up


async def test_no_answer_at_all_times_out_after_retries(server: FakeOpenAI, sleeps: Sleeps) -> None:
    client = OpenAICompatible({"fake": ProviderConfig(server.base_url, max_retries=1)}, trust_env=False, sleep=sleeps)
    server.script("silent", stall("never", after=0))
    try:
        with pytest.raises(ChatError) as failed:
            await collect(client, ask("silent", timeout_seconds=0.2))
    finally:
        await client.close()
    assert str(failed.value) == "LLM provider 'fake' failed after 2 attempts: no answer within 0.2s"


async def test_the_key_is_never_in_errors_or_logs(
    server: FakeOpenAI, chat: OpenAICompatible, caplog: pytest.LogCaptureFixture
) -> None:
    server.script("leaky", error(503, "overloaded", echo_auth=True), error(401, "Incorrect API key", echo_auth=True))
    with caplog.at_level(logging.DEBUG), pytest.raises(ChatError) as failed:
        await collect(chat, ask("leaky"))
    message = str(failed.value)
    assert message.startswith("LLM provider 'fake' refused the request: HTTP 401: Incorrect API key")
    assert "***" in message  # the echoed header, scrubbed
    assert KEY not in message
    assert caplog.records, "the retry was logged"
    assert all(KEY not in r.getMessage() for r in caplog.records)
    assert KEY not in repr(ProviderConfig("http://x", api_key=KEY))
    # and the key did go where it belongs
    assert server.requests_for("leaky")[-1].headers["authorization"] == f"Bearer {KEY}"


async def test_an_error_inside_the_stream_is_reported(server: FakeOpenAI, chat: OpenAICompatible) -> None:
    server.script("in-stream", Reply(tokens=["partial "], in_stream_error=f"content filtered for {KEY}"))
    with pytest.raises(ChatError) as failed:
        await collect(chat, ask("in-stream"))
    assert str(failed.value) == "LLM provider 'fake' reported an error: content filtered for ***"


async def test_cancelling_the_consumer_closes_the_stream(server: FakeOpenAI, chat: OpenAICompatible) -> None:
    server.script("slow", tokens(100, "word ", delay=0.05))
    first = asyncio.Event()

    async def consume() -> None:
        async for delta in chat.stream(ask("slow")):
            if delta.text:
                first.set()

    before = server.aborted
    task = asyncio.create_task(consume())
    await first.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with asyncio.timeout(5):
        await server.wait_aborted(before + 1)


async def test_closing_the_stream_early_closes_the_connection(server: FakeOpenAI, chat: OpenAICompatible) -> None:
    server.script("slow-close", tokens(100, "word ", delay=0.05))
    before = server.aborted
    stream = cast(AsyncGenerator[ChatDelta, None], chat.stream(ask("slow-close")))
    async with contextlib.aclosing(stream):
        async for delta in stream:
            if delta.text:
                break
    async with asyncio.timeout(5):
        await server.wait_aborted(before + 1)


async def test_many_tokens_fast_and_a_server_that_ignores_stream(server: FakeOpenAI, chat: OpenAICompatible) -> None:
    deltas = await collect(chat, ask("tokens-5000"))
    assert "".join(d.text for d in deltas) == "tok " * 5000
    assert deltas[-1].usage == Usage(1, 5000, 5001)
    assert len(deltas) < 5000  # several events per network read make one delta

    server.script("as-json", Reply(tokens=["whole ", "answer"], as_json=True, usage=(3, 2)))
    deltas = await collect(chat, ask("as-json"))
    assert [d.text for d in deltas if d.text] == ["whole answer"]
    assert deltas[-1].usage == Usage(3, 2, 5)


async def test_providers_by_name_and_the_default(server: FakeOpenAI) -> None:
    client = OpenAICompatible(
        {
            "deepseek": ProviderConfig(server.base_url, api_key="k-deepseek-1", default_model="deepseek-chat"),
            "other": ProviderConfig(server.base_url, api_key="k-other-2"),
        },
        trust_env=False,
    )
    try:
        await collect(client, ChatRequest("", "", [ChatMessage("user", "to the default")]))
        assert server.requests[-1].model == "deepseek-chat"
        assert server.requests[-1].headers["authorization"] == "Bearer k-deepseek-1"
        await collect(client, ChatRequest("OTHER", "m2", [ChatMessage("user", "x")]))
        assert server.requests[-1].headers["authorization"] == "Bearer k-other-2"
        with pytest.raises(ChatError) as unknown:
            await collect(client, ChatRequest("nope", "m", [ChatMessage("user", "x")]))
        assert str(unknown.value) == "no LLM provider named 'nope' is configured (configured: deepseek, other)"
        with pytest.raises(ChatError, match="has no default model"):
            await collect(client, ChatRequest("other", "", [ChatMessage("user", "x")]))
    finally:
        await client.close()
    with pytest.raises(ValueError, match="at least one"):
        OpenAICompatible({})
    with pytest.raises(ValueError, match="default LLM provider"):
        OpenAICompatible({"a": ProviderConfig("http://x")}, default_provider="b")


async def test_the_sse_parser_takes_any_framing() -> None:
    provider = _Provider("p", ProviderConfig("http://x"), "http://x/chat/completions", {}, lambda s: s)
    stream = _Stream(provider)
    raw = (
        b": keep-alive\r\n\r\n"
        b'event: message\r\ndata:{"choices":[{"index":0,"delta":{"content":"Hel"}}]}\r\n\r\n'
        b'data: {"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}\n\n'
        b'data: {"choices":[],"usage":{"prompt_tokens":2,"completion_tokens":3}}\n\n'
        b"data: [DONE]\n\n"
    )
    texts = [stream.feed(raw[i : i + 5]) for i in range(0, len(raw), 5)]
    assert "".join(texts) == "Hello"
    assert stream.end() == ""
    final = stream.answer.final()
    assert final.usage == Usage(2, 3, 5)
    assert final.finish_reason == "stop"


async def test_tool_calls_without_an_index_are_assembled_too() -> None:
    provider = _Provider("p", ProviderConfig("http://x"), "http://x/chat/completions", {}, lambda s: s)
    stream = _Stream(provider)
    for part in (
        {"id": "c1", "function": {"name": "a", "arguments": '{"x":'}},
        {"function": {"arguments": " 1}"}},
        {"id": "c2", "function": {"name": "b", "arguments": {"y": 2}}},
    ):
        stream.answer.add_calls([part])
    assert [(c.id, c.name, c.arguments) for c in stream.answer.final().tool_calls] == [
        ("c1", "a", '{"x": 1}'),
        ("c2", "b", '{"y": 2}'),
    ]
