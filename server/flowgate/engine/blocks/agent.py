"""agent: a model that calls tools (OpenAI tools protocol) until it has an answer.

Each model turn's text streams as the block's chunks (turns separated by a blank line);
a turn that calls tools is also emitted as an `AgentThought`. Each call is emitted as an
`AgentToolCall` and its outcome as an `AgentToolResult`. Tool failures (bad arguments,
an HTTP error, code that raised, an app that failed, a timeout) go back to the model as
the tool's answer; they do not fail the block. The block fails when the model still
calls tools after `max_iterations` turns.

Tools: `http` (a request through the server's outbound HTTP service), `code` (Python
`main(**arguments)` in the sandbox), `app` (another published app, run on behalf of the
caller's team).

Output: `{"text": final answer, "iterations": model turns, "usage": summed usage}`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import quote, urlencode

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from flowgate.domain.events import AgentThought, AgentToolCall, AgentToolResult
from flowgate.domain.models import JSONValue, RunError
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed
from flowgate.engine.blocks.llm import ModelSettings, add_usage, chat_service, complete, usage_json
from flowgate.engine.references import REFERENCE, ReferenceError, as_text, split_path, walk
from flowgate.engine.services import (
    AppError,
    ChatMessage,
    ChatRequest,
    CodeError,
    CodeLimits,
    HttpError,
    HttpRequest,
    ToolCall,
    ToolSpec,
    Usage,
)

MAX_ITERATIONS = 32


class _Tool(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    """How the model calls it: letters, digits, `_` and `-`, at most 64."""
    description: str = ""
    """What it does and when to use it: the model reads this."""
    parameters: dict[str, JSONValue] = Field(default_factory=lambda: {"type": "object", "properties": {}})
    """JSON Schema (an object) of the arguments."""
    timeout_seconds: float = Field(default=30.0, gt=0, le=600)

    @field_validator("parameters")
    @classmethod
    def _object_schema(cls, value: dict[str, JSONValue]) -> dict[str, JSONValue]:
        if value.get("type", "object") != "object":
            raise ValueError('the arguments schema must have "type": "object"')
        if not isinstance(value.get("properties", {}), dict):
            raise ValueError('"properties" must be an object')
        return {"type": "object", "properties": {}, **value}

    @property
    def argument_names(self) -> frozenset[str]:
        properties = self.parameters.get("properties")
        return frozenset(properties) if isinstance(properties, dict) else frozenset()


class HttpTool(_Tool):
    type: Literal["http"]
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"] = "GET"
    url: str = Field(min_length=1)
    """Template: `{argument}` is an argument (URL-encoded), other `{references}` and
    `{{ jinja }}` render as in any block. Arguments the URL does not use are sent as query
    parameters (GET, DELETE) or as a JSON object body (POST, PUT, PATCH)."""
    headers: dict[str, str] = Field(default_factory=dict)
    """Header templates, rendered like the URL (arguments not encoded)."""

    @field_validator("method", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class CodeTool(_Tool):
    type: Literal["code"]
    code: str = Field(min_length=1)
    """Python defining `main(**arguments)`, which returns a JSON value; runs in the sandbox."""


class AppTool(_Tool):
    type: Literal["app"]
    app: str = Field(min_length=1)
    """A published app: deployment id or document id. The arguments are its inputs."""


AgentTool = Annotated[HttpTool | CodeTool | AppTool, Field(discriminator="type")]


class AgentConfig(ModelSettings):
    prompt: str = Field(min_length=1)
    """Template of the task (the user message)."""
    tools: list[AgentTool] = Field(default_factory=list)
    max_iterations: int = Field(default=8, ge=1, le=MAX_ITERATIONS)
    """Model turns at most; the block fails if the model still calls tools after the last."""
    max_tool_result_chars: int = Field(default=20_000, ge=100, le=1_000_000)
    """A tool result longer than this (as JSON text) is cut before the model sees it."""

    @model_validator(mode="after")
    def _check(self) -> AgentConfig:
        names = [t.name for t in self.tools]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"tool names must be unique: {', '.join(twice)}")
        sources = [self.system_prompt, self.prompt]
        for tool in self.tools:
            if isinstance(tool, HttpTool):
                sources += [tool.url, *tool.headers.values()]
        for source in sources:
            templates.compile_template(source)
        return self


class _ToolFailed(Exception):
    def __init__(self, message: str, result: JSONValue = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result


_SERVICE = {"http": ("http", "outbound HTTP"), "code": ("code", "code sandbox"), "app": ("apps", "app runner")}


class AgentBlock:
    name: ClassVar[str] = "agent"
    config_model: ClassVar[type[BlockConfig]] = AgentConfig

    @staticmethod
    def local_names_of(config: AgentConfig) -> frozenset[str]:
        """Names that `{references}` in this block's config may use besides the run's: the
        tools' argument names (`{city}` in an http tool's URL). For graph validation."""
        return frozenset().union(*(t.argument_names for t in config.tools))

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: AgentConfig = ctx.config
        chat = chat_service(ctx)
        for tool in config.tools:
            attribute, label = _SERVICE[tool.type]
            if getattr(ctx.services, attribute) is None:
                raise BlockFailed(f"tool {tool.name!r} needs the {label} service, which this server does not have")
        tools = {t.name: t for t in config.tools}
        specs = [ToolSpec(t.name, t.description, t.parameters) for t in config.tools]
        messages: list[ChatMessage] = []
        if config.system_prompt.strip():
            messages.append(ChatMessage("system", ctx.render(config.system_prompt)))
        messages.append(ChatMessage("user", ctx.render(config.prompt)))
        usage = Usage()
        stream = _Chunks(ctx)
        for iteration in range(1, config.max_iterations + 1):
            request = ChatRequest(
                provider=config.provider,
                model=config.model,
                messages=messages,
                temperature=config.temperature,
                max_tokens=config.max_tokens,
                tools=specs,
                timeout_seconds=config.request_timeout_seconds,
            )
            stream.next_turn()
            turn = await complete(chat, request, stream)
            usage = add_usage(usage, turn.usage)
            if not turn.tool_calls:
                return {"text": turn.text, "iterations": iteration, "usage": usage_json(usage)}
            if iteration == config.max_iterations:
                break
            if turn.text:
                ctx.emit(AgentThought(ctx.node.id, iteration, turn.text))
            messages.append(ChatMessage("assistant", turn.text, tool_calls=turn.tool_calls))
            messages += await self._call_tools(ctx, config, tools, iteration, turn.tool_calls)
        raise BlockFailed(f"the agent was still calling tools after max_iterations={config.max_iterations} model turns")

    async def _call_tools(
        self,
        ctx: BlockContext,
        config: AgentConfig,
        tools: Mapping[str, HttpTool | CodeTool | AppTool],
        iteration: int,
        calls: tuple[ToolCall, ...],
    ) -> list[ChatMessage]:
        """Run the calls of one turn (several at once when the model asked for several);
        the tool messages that answer them, in order."""
        parsed: list[tuple[JSONValue, str]] = []
        for call in calls:
            arguments, problem = _arguments(call.arguments)
            parsed.append((arguments, problem))
            ctx.emit(AgentToolCall(ctx.node.id, iteration, call.id, call.name, arguments))
        pairs = list(zip(calls, parsed, strict=True))
        if len(pairs) == 1:
            outcomes = [await self._call(ctx, tools, calls[0].name, *parsed[0])]
        else:
            async with asyncio.TaskGroup() as group:
                running = [group.create_task(self._call(ctx, tools, c.name, a, p)) for c, (a, p) in pairs]
            outcomes = [task.result() for task in running]
        replies: list[ChatMessage] = []
        for call, (outcome, error) in zip(calls, outcomes, strict=True):
            result, text = _for_model(outcome, error, config.max_tool_result_chars)
            failure = RunError("TOOL_FAILED", error, ctx.node.id) if error else None
            ctx.emit(AgentToolResult(ctx.node.id, iteration, call.id, call.name, result, failure))
            replies.append(ChatMessage("tool", text, tool_call_id=call.id, name=call.name))
        return replies

    async def _call(
        self,
        ctx: BlockContext,
        tools: Mapping[str, HttpTool | CodeTool | AppTool],
        name: str,
        arguments: JSONValue,
        problem: str,
    ) -> tuple[JSONValue, str]:
        """(result, error) of one call; never raises for a tool's own failure."""
        tool = tools.get(name)
        if tool is None:
            return None, f"there is no tool named {name!r} (tools: {', '.join(sorted(tools)) or 'none'})"
        if problem:
            return None, problem
        if not isinstance(arguments, dict):
            return None, "the arguments must be a JSON object"
        try:
            async with asyncio.timeout(tool.timeout_seconds):
                if isinstance(tool, HttpTool):
                    return await _http(ctx, tool, arguments), ""
                if isinstance(tool, CodeTool):
                    if ctx.services.code is None:
                        raise RuntimeError("code tools need the code sandbox")
                    limits = CodeLimits(wall_seconds=tool.timeout_seconds)
                    return (await ctx.services.code.run(tool.code, arguments, limits)).output, ""
                if ctx.services.apps is None:
                    raise RuntimeError("app tools need the app runner")
                return await ctx.services.apps.run_app(tool.app, arguments, team_id=ctx.team_id), ""
        except _ToolFailed as exc:
            return exc.result, exc.message
        except TimeoutError:
            return None, f"the tool timed out after {tool.timeout_seconds:g}s"
        except CodeError as exc:
            where = f" (line {exc.line})" if exc.line is not None else ""
            return None, f"{exc.kind}: {exc.message}{where}" if exc.kind != "error" else f"{exc.message}{where}"
        except (HttpError, AppError) as exc:
            return None, str(exc) or type(exc).__name__
        except BlockFailed as exc:  # a template of the tool failed to render
            return None, str(exc)


class _Chunks:
    """Streams every turn's text as the block's chunks, a blank line between turns."""

    __slots__ = ("_ctx", "_said", "_turn_said")

    def __init__(self, ctx: BlockContext) -> None:
        self._ctx = ctx
        self._said = False
        self._turn_said = False

    def next_turn(self) -> None:
        self._turn_said = False

    def __call__(self, text: str) -> None:
        if not self._turn_said and self._said:
            self._ctx.emit_chunk("\n\n")
        self._said = self._turn_said = True
        self._ctx.emit_chunk(text)


def _arguments(text: str) -> tuple[JSONValue, str]:
    """(parsed arguments, "") or (the raw text, what is wrong with it)."""
    if not text.strip():
        return {}, ""
    try:
        return json.loads(text), ""
    except ValueError as exc:
        return text, f"the arguments are not valid JSON ({exc}); call the tool again with a JSON object"


def _for_model(result: JSONValue, error: str, limit: int) -> tuple[JSONValue, str]:
    """(the result as reported, the tool message's text), both cut to `limit` characters."""
    text = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[:limit] + "…[truncated]"
        result = text
    if error:
        payload: dict[str, JSONValue] = {"error": error}
        if result is not None:
            payload["result"] = result
        return result, json.dumps(payload, ensure_ascii=False)
    return result, text


# -- http tools -------------------------------------------------------------------------------


def _fill(
    ctx: BlockContext, source: str, arguments: dict[str, JSONValue], names: frozenset[str], *, encode: bool
) -> tuple[str, set[str]]:
    """`source` with `{argument}` placeholders replaced (URL-encoded when `encode`) and every
    other reference rendered; and the arguments it used. Argument values are put in after
    rendering, so they are never read as template code."""
    marks: dict[str, str] = {}
    used: set[str] = set()

    def argument(m: Any) -> str:
        path = m.group(1)
        parts = split_path(path)
        head = parts[0] if parts else ""
        if not isinstance(head, str) or head not in names:
            return str(m.group(0))
        if head not in arguments:
            raise _ToolFailed(f"missing argument {head!r}")
        try:
            value = as_text(walk(arguments[head], parts[1:], path))
        except ReferenceError as exc:
            raise _ToolFailed(str(exc)) from None
        mark = f"\ue000{len(marks)}\ue001"
        marks[mark] = quote(value, safe="") if encode else value
        used.add(head)
        return mark

    text = ctx.render(REFERENCE.sub(argument, source))
    for mark, value in marks.items():
        text = text.replace(mark, value)
    return text, used


async def _http(ctx: BlockContext, tool: HttpTool, arguments: dict[str, JSONValue]) -> JSONValue:
    fetcher = ctx.services.http
    if fetcher is None:
        raise RuntimeError("http tools need outbound HTTP")
    names = tool.argument_names
    url, used = _fill(ctx, tool.url, arguments, names, encode=True)
    headers: dict[str, str] = {}
    for key, source in tool.headers.items():
        value, _ = _fill(ctx, source, arguments, names, encode=False)
        if "\r" in value or "\n" in value:
            raise _ToolFailed(f"header {key!r} would contain a line break")
        headers[key] = value
    rest = {k: v for k, v in arguments.items() if k not in used}
    body: bytes | None = None
    if tool.method in ("GET", "DELETE"):
        if rest:
            url += ("&" if "?" in url else "?") + urlencode({k: as_text(v) for k, v in rest.items()})
    else:
        body = json.dumps(rest, ensure_ascii=False).encode()
        if not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
    response = await fetcher.fetch(
        HttpRequest(tool.method, url, headers=headers, body=body, timeout_seconds=tool.timeout_seconds)
    )
    content_type = next((v for k, v in response.headers.items() if k.lower() == "content-type"), "")
    text = response.body.decode(errors="replace")
    payload: JSONValue = text
    if "json" in content_type.lower() and not response.truncated:
        try:
            payload = json.loads(text)
        except ValueError:
            payload = text
    result: dict[str, JSONValue] = {"status": response.status, "body": payload}
    if response.truncated:
        result["truncated"] = True
    if response.status >= 400:
        raise _ToolFailed(f"HTTP {response.status}", result)
    return result
