"""The agent block through RunApp over real gRPC: the fake provider scripts the model's
turns, the tools run through the real outbound HTTP service (against a local API this
module starts) and the real code sandbox."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.domain.errors import InvalidWorkflow
from flowgate.domain.models import Graph, JSONValue, RunStatus
from flowgate.engine.blocks import default_registry
from flowgate.engine.blocks.agent import AgentBlock
from flowgate.engine.blocks.llm import LlmBlock
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import compile_graph
from flowgate.engine.http import OutboundHttp
from flowgate.engine.limits import EngineLimits
from flowgate.engine.llm import OpenAICompatible, ProviderConfig
from flowgate.engine.sandbox import SandboxPool
from flowgate.engine.services import AppError, Services
from flowgate.v1 import execution_pb2
from tests.fakes.openai_server import FakeOpenAI, RecordedRequest, answer, calls, tool_call
from tests.harness import Stack, linear, run_events, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

KEY = "sk-agent-test-77aa01"
BLOCKS = default_registry(LlmBlock(), AgentBlock())
TEMPERATURES = {"Paris": 21, "São Paulo": 28}


# -- a local API for the http tool -------------------------------------------------------------


@dataclass
class Hit:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


@dataclass
class WeatherApi:
    """GET /weather/{city} → {"city", "temp"} (404 for cities it does not know); POST /echo → the body."""

    hits: list[Hit] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            method, target, _ = head[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in head[1:] if ":" in h)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            url = urlsplit(target)
            self.hits.append(Hit(method, url.path, url.query, headers, body))
            status, payload = self._route(method, unquote(url.path), body)
            data = json.dumps(payload, ensure_ascii=False).encode()
            writer.write(
                f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n"
                f"Connection: close\r\n\r\n".encode()
                + data
            )
            await writer.drain()
        finally:
            writer.close()
            await writer.wait_closed()

    @staticmethod
    def _route(method: str, path: str, body: bytes) -> tuple[int, Any]:
        if method == "GET" and path.startswith("/weather/"):
            city = path.removeprefix("/weather/")
            if city in TEMPERATURES:
                return 200, {"city": city, "temp": TEMPERATURES[city]}
            return 404, {"error": f"unknown city {city}"}
        if method == "POST" and path == "/echo":
            return 200, {"received": json.loads(body)}
        return 404, {"error": "no route"}


# -- a test double for the app runner (the real one is the app layer's) -----------------------------


@dataclass
class RecordingAppRunner:
    """Test double of `AppRunner`: records the calls and answers from a table."""

    calls: list[tuple[str, dict[str, JSONValue], str]] = field(default_factory=list)

    async def run_app(self, app: str, inputs: Mapping[str, JSONValue], *, team_id: str) -> JSONValue:
        self.calls.append((app, dict(inputs), team_id))
        if app == "summarizer":
            return {"summary": f"{len(str(inputs.get('text', '')))} characters"}
        raise AppError(f"app {app!r} not found")


# -- fixtures ----------------------------------------------------------------------------------------


@dataclass
class World:
    stack: Stack
    provider: FakeOpenAI
    api: WeatherApi
    apps: RecordingAppRunner


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    api = WeatherApi()
    await api.start()
    provider = await FakeOpenAI().start()
    chat = OpenAICompatible({"deepseek": ProviderConfig(provider.base_url, api_key=KEY)}, trust_env=False)
    http = OutboundHttp(allowed_networks=["127.0.0.1/32"])
    code = SandboxPool(size=1)
    apps = RecordingAppRunner()
    services = Services(chat=chat, http=http, code=code, apps=apps)
    stack = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("agent")), with_envoy=False, blocks=BLOCKS, services=services
    )
    try:
        yield World(stack, provider, api, apps)
    finally:
        await stop_stack(stack)
        await chat.close()
        await http.close()
        await code.close()
        await provider.stop()
        await api.stop()


def agent(model: str, tools: list[dict[str, Any]], **data: Any) -> dict[str, Any]:
    return {
        "id": "agent-1",
        "type": "agent",
        "data": {"label": "Agent 1", "provider": "deepseek", "model": model, "tools": tools, **data},
    }


def weather_tool(api: WeatherApi) -> dict[str, Any]:
    return {
        "type": "http",
        "name": "weather",
        "description": "Current temperature of a city",
        "method": "GET",
        "url": api.base + "/weather/{city}",
        "headers": {"X-Trace": "run for {inputs.user}"},
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["C", "F"]}},
            "required": ["city"],
        },
    }


async def run(world: World, graph: dict[str, Any], team: str = "team-a", **inputs: Any) -> list[execution_pb2.RunEvent]:
    release = await world.stack.publish(graph, public=True)
    key = await world.stack.key(team)
    return await run_events(world.stack, key, deploymentId=release.deployment_id, inputs=inputs)


def steps(events: list[execution_pb2.RunEvent]) -> list[tuple[Any, ...]]:
    """The agent steps, as (iteration, kind, details…)."""
    out: list[tuple[Any, ...]] = []
    for e in events:
        if e.WhichOneof("kind") != "agent_step":
            continue
        s = e.agent_step
        assert s.block_id == "agent-1"
        kind = s.WhichOneof("step")
        if kind == "thought":
            out.append((s.iteration, "thought", s.thought.text))
        elif kind == "tool_call":
            out.append((s.iteration, "call", s.tool_call.name, json_format.MessageToDict(s.tool_call.arguments)))
        else:
            result = json_format.MessageToDict(s.tool_result.result)
            out.append((s.iteration, "result", s.tool_result.name, result, s.tool_result.error.message))
    return out


def completed(events: list[execution_pb2.RunEvent]) -> execution_pb2.RunCompleted:
    assert events[-1].WhichOneof("kind") == "run_completed"
    return events[-1].run_completed


def agent_output(events: list[execution_pb2.RunEvent]) -> Any:
    for e in events:
        if e.WhichOneof("kind") == "block_completed" and e.block_completed.block_id == "agent-1":
            return json_format.MessageToDict(e.block_completed.output)
    raise AssertionError(f"the agent did not complete: {completed(events).error.message}")


def tool_messages(request: RecordedRequest) -> list[Any]:
    return [json.loads(m["content"]) for m in request.messages if m["role"] == "tool"]


# -- tests -----------------------------------------------------------------------------------------


async def test_multi_turn_http_tool(world: World) -> None:
    world.provider.script(
        "weather-agent",
        calls(tool_call("weather", {"city": "Paris", "unit": "C"}, call_id="call_w1"), text="Let me look that up."),
        calls(tool_call("weather", {"city": "São Paulo"}, call_id="call_w2")),
        answer("Paris is 21°C, São Paulo 28°C.", usage=(30, 9)),
    )
    hits_before = len(world.api.hits)
    graph = linear(
        agent(
            "weather-agent",
            [weather_tool(world.api)],
            system_prompt="You are a weather assistant.",
            prompt="Compare the weather in {inputs.a} and {inputs.b}",
        )
    )
    events = await run(world, graph, a="Paris", b="São Paulo", user="ana")
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED, completed(events).error.message

    # the tool calls reached the API: the argument in the path (encoded), the rest as query
    hits = world.api.hits[hits_before:]
    assert [(h.method, h.path, h.query) for h in hits] == [
        ("GET", "/weather/Paris", "unit=C"),
        ("GET", "/weather/S%C3%A3o%20Paulo", ""),
    ]
    assert hits[0].headers["x-trace"] == "run for ana"

    # the steps, in order
    assert steps(events) == [
        (1, "thought", "Let me look that up."),
        (1, "call", "weather", {"city": "Paris", "unit": "C"}),
        (1, "result", "weather", {"status": 200, "body": {"city": "Paris", "temp": 21}}, ""),
        (2, "call", "weather", {"city": "São Paulo"}),
        (2, "result", "weather", {"status": 200, "body": {"city": "São Paulo", "temp": 28}}, ""),
    ]
    kinds = [e.WhichOneof("kind") for e in events]
    assert kinds.index("agent_step") > kinds.index("block_started")
    last_step = len(kinds) - 1 - kinds[::-1].index("agent_step")
    assert last_step < kinds.index("block_completed", last_step)

    # the output, and the chunks (every turn's text)
    output = agent_output(events)
    assert output["text"] == "Paris is 21°C, São Paulo 28°C."
    assert output["iterations"] == 3
    assert output["usage"]["prompt_tokens"] >= 30
    assert output["usage"]["total_tokens"] == output["usage"]["prompt_tokens"] + output["usage"]["completion_tokens"]
    streamed = "".join(e.block_chunk.delta for e in events if e.WhichOneof("kind") == "block_chunk")
    assert streamed == "Let me look that up.\n\nParis is 21°C, São Paulo 28°C."

    # what the model was sent: tools, the prompt, and the results of its calls
    sent = world.provider.requests_for("weather-agent")[-3:]
    assert sent[0].body["tools"][0]["function"]["name"] == "weather"
    assert sent[0].body["tools"][0]["function"]["parameters"]["required"] == ["city"]
    assert sent[0].messages == [
        {"role": "system", "content": "You are a weather assistant."},
        {"role": "user", "content": "Compare the weather in Paris and São Paulo"},
    ]
    assert sent[1].messages[2]["role"] == "assistant"
    assert sent[1].messages[2]["tool_calls"][0]["id"] == "call_w1"
    assert sent[1].messages[3]["tool_call_id"] == "call_w1"
    assert tool_messages(sent[2]) == [
        {"status": 200, "body": {"city": "Paris", "temp": 21}},
        {"status": 200, "body": {"city": "São Paulo", "temp": 28}},
    ]


async def test_tool_errors_go_back_to_the_model(world: World) -> None:
    sneaky = "{{ 7 * 6 }}{inputs.user}"
    world.provider.script(
        "clumsy-agent",
        calls(tool_call("weather", {"city": "Atlantis"}), tool_call("weather", {"city": sneaky})),
        calls(tool_call("weather", '{"city": "Par')),
        calls(tool_call("teleport", {"to": "Mars"}), tool_call("weather", {"unit": "C"})),
        answer("I could not find out, sorry."),
    )
    events = await run(world, linear(agent("clumsy-agent", [weather_tool(world.api)], prompt="weather?")), user="x")
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED
    assert agent_output(events)["iterations"] == 4

    results = [s for s in steps(events) if s[1] == "result"]
    assert [(r[0], r[4]) for r in results] == [
        (1, "HTTP 404"),
        (1, "HTTP 404"),
        (2, results[2][4]),
        (3, "there is no tool named 'teleport' (tools: weather)"),
        (3, "missing argument 'city'"),
    ]
    assert results[0][3] == {"status": 404, "body": {"error": "unknown city Atlantis"}}
    # the model's argument went into the URL as data (encoded), never rendered as a template
    assert results[1][3] == {"status": 404, "body": {"error": f"unknown city {sneaky}"}}
    assert results[2][4].startswith("the arguments are not valid JSON")
    calls_ = [s for s in steps(events) if s[1] == "call"]
    assert calls_[2][3] == '{"city": "Par'  # unparsable arguments are reported as they came

    sent = world.provider.requests_for("clumsy-agent")[-1]
    errors = [m.get("error") for m in tool_messages(sent)]
    assert errors[:2] == ["HTTP 404", "HTTP 404"]
    assert errors[2].startswith("the arguments are not valid JSON")
    assert errors[3:] == ["there is no tool named 'teleport' (tools: weather)", "missing argument 'city'"]


async def test_the_iteration_cap_fails_the_block(world: World) -> None:
    world.provider.script("looping-agent", calls(tool_call("weather", {"city": "Paris"})))
    before_hits = len(world.api.hits)
    before_requests = len(world.provider.requests_for("looping-agent"))
    graph = linear(agent("looping-agent", [weather_tool(world.api)], prompt="forever", max_iterations=3))
    events = await run(world, graph, user="x")
    done = completed(events)
    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert done.error.block_id == "agent-1"
    assert done.error.message == "the agent was still calling tools after max_iterations=3 model turns"
    assert len(world.provider.requests_for("looping-agent")) - before_requests == 3
    assert len(world.api.hits) - before_hits == 2  # the last turn's calls are not run
    assert [s[0] for s in steps(events) if s[1] == "result"] == [1, 2]


async def test_post_tools_send_unused_arguments_as_json(world: World) -> None:
    tool = {
        "type": "http",
        "name": "echo",
        "method": "post",
        "url": world.api.base + "/echo",
        "parameters": {"type": "object", "properties": {"note": {"type": "string"}, "n": {"type": "integer"}}},
    }
    sneaky = {"note": "{{ 7 * 6 }} {inputs.user}", "n": 3}
    world.provider.script("poster", calls(tool_call("echo", sneaky)), answer("ok"))
    events = await run(world, linear(agent("poster", [tool], prompt="post it")), user="eve")
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED
    hit = world.api.hits[-1]
    assert (hit.method, hit.path, hit.headers["content-type"]) == ("POST", "/echo", "application/json")
    # the model's text is data, never a template
    assert json.loads(hit.body) == sneaky


async def test_code_tool_runs_in_the_sandbox(world: World) -> None:
    tool = {
        "type": "code",
        "name": "stats",
        "description": "Mean and max of numbers",
        "code": "def main(numbers):\n    return {'mean': sum(numbers) / len(numbers), 'max': max(numbers)}\n",
        "parameters": {"type": "object", "properties": {"numbers": {"type": "array", "items": {"type": "number"}}}},
    }
    world.provider.script(
        "coder",
        calls(tool_call("stats", {"numbers": [1, 2, 6]})),
        calls(tool_call("stats", {"numbers": []})),
        answer("The mean is 3."),
    )
    events = await run(world, linear(agent("coder", [tool], prompt="stats of 1 2 6")))
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED, completed(events).error.message
    results = [s for s in steps(events) if s[1] == "result"]
    assert results[0] == (1, "result", "stats", {"mean": 3.0, "max": 6}, "")
    assert "division by zero" in results[1][4]  # the code raised: the model hears of it
    assert agent_output(events)["text"] == "The mean is 3."


async def test_app_tools_run_on_behalf_of_the_callers_team(world: World) -> None:
    tool = {
        "type": "app",
        "name": "summarize",
        "description": "Summarizes a text",
        "app": "summarizer",
        "parameters": {"type": "object", "properties": {"text": {"type": "string"}}},
    }
    missing = {**tool, "name": "missing", "app": "nope"}
    world.provider.script(
        "delegator",
        calls(tool_call("summarize", {"text": "hello world"}), tool_call("missing", {"text": "x"})),
        answer("Summarized."),
    )
    events = await run(world, linear(agent("delegator", [tool, missing], prompt="summarize")), team="team-b")
    assert completed(events).status == execution_pb2.RUN_STATUS_SUCCEEDED
    team_b = await world.stack.server.teams.ensure_team("team-b")
    assert world.apps.calls[-2:] == [
        ("summarizer", {"text": "hello world"}, team_b.id),
        ("nope", {"text": "x"}, team_b.id),
    ]
    results = [s for s in steps(events) if s[1] == "result"]
    assert results[0][3:] == ({"summary": "11 characters"}, "")
    assert results[1][4] == "app 'nope' not found"
    tool_errors = [e.agent_step.tool_result.error for e in events if e.agent_step.tool_result.HasField("error")]
    assert [(x.reason, x.block_id) for x in tool_errors] == [("TOOL_FAILED", "agent-1")]


# -- without the gRPC stack ---------------------------------------------------------------------------


async def test_a_tool_whose_service_is_missing_fails_the_block() -> None:
    limits = EngineLimits()
    graph = linear(agent("m", [{"type": "code", "name": "c", "code": "def main(): return 1"}], prompt="hi"))
    compiled = compile_graph(Graph.from_json(graph), BLOCKS, limits)
    services = Services(chat=OpenAICompatible({"x": ProviderConfig("http://127.0.0.1:9")}, trust_env=False))
    try:
        done = await Executor(limits, services).run(compiled, RunSpec("r", "d", "p", "1"), {}, lambda _e: None)
    finally:
        assert isinstance(services.chat, OpenAICompatible)
        await services.chat.close()
    assert done.status is RunStatus.FAILED
    assert done.error_message == "tool 'c' needs the code sandbox service, which this server does not have"


async def test_agent_config_errors_name_the_field() -> None:
    bad = linear(
        agent(
            "m",
            [
                {"type": "http", "name": "has space", "url": "http://x"},
                {"type": "smtp", "name": "mail"},
                {"type": "code", "name": "c", "code": "x", "parameters": {"type": "array"}},
                {"type": "app", "name": "a"},
            ],
            prompt="",
            max_iterations=99,
        )
    )
    with pytest.raises(InvalidWorkflow) as invalid:
        compile_graph(Graph.from_json(bad), BLOCKS, EngineLimits())
    fields = {v.field for v in invalid.value.violations}
    assert {
        "nodes[agent-1].data.prompt",
        "nodes[agent-1].data.max_iterations",
        "nodes[agent-1].data.tools.0.http.name",
        "nodes[agent-1].data.tools.1",
        "nodes[agent-1].data.tools.2.code.parameters",
        "nodes[agent-1].data.tools.3.app.app",
    } <= fields
    twice = linear(agent("m", [{"type": "app", "name": "a", "app": "x"}] * 2, prompt="p"))
    with pytest.raises(InvalidWorkflow) as invalid:
        compile_graph(Graph.from_json(twice), BLOCKS, EngineLimits())
    assert [v.message for v in invalid.value.violations] == ["Value error, tool names must be unique: a"]
