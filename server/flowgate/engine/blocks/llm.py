"""llm: one chat completion from a configured provider, streamed as the block's chunks.

Output: `{"text", "usage": {"prompt_tokens", "completion_tokens", "total_tokens"},
"finish_reason"}`, plus `"json"` (the parsed answer) in JSON mode.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowgate.domain.models import JSONValue
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed
from flowgate.engine.services import ChatError, ChatMessage, ChatModel, ChatRequest, ToolCall, Usage


class MessageTemplate(BaseModel):
    """One message of the conversation; `content` is a template (`{references}`, `{{ jinja }}`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class ModelSettings(BlockConfig):
    """What the llm and agent blocks share: which model, and how to sample it."""

    provider: str = ""
    """A provider configured on the server ("deepseek", "openai", …); empty: the default one."""
    model: str = ""
    """The provider's model name ("deepseek-chat"); empty: the provider's default model."""
    system_prompt: str = ""
    """Template of the system message (none when empty)."""
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)
    """The most tokens one answer may have."""
    request_timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    """The longest the provider may stay silent: before the first token, or between two."""


class LlmConfig(ModelSettings):
    prompt: str = ""
    """Template of the user message, sent last (e.g. "请回答:{input}")."""
    messages: list[MessageTemplate] = Field(default_factory=list)
    """Messages sent after the system prompt and before `prompt` (few-shot examples, history)."""
    json_mode: bool = False
    """Ask for a JSON object (`response_format: json_object`); the output gets `json`, the
    parsed answer, and the block fails when the answer is not valid JSON. Most providers
    also want the word "JSON" somewhere in the prompt."""

    @model_validator(mode="after")
    def _check(self) -> LlmConfig:
        if not self.prompt.strip() and not self.messages:
            raise ValueError("set 'prompt' (or 'messages')")
        for source in (self.system_prompt, self.prompt, *(m.content for m in self.messages)):
            templates.compile_template(source)
        return self


# -- shared with the agent block ---------------------------------------------------------------


def chat_service(ctx: BlockContext) -> ChatModel:
    chat = ctx.services.chat
    if chat is None:
        raise BlockFailed(f"block type {ctx.node.type!r} needs an LLM provider, and none is configured on this server")
    return chat


@dataclass(slots=True)
class Turn:
    """One complete answer of the model."""

    text: str
    tool_calls: tuple[ToolCall, ...]
    usage: Usage
    finish_reason: str


async def complete(chat: ChatModel, request: ChatRequest, on_text: Callable[[str], object]) -> Turn:
    """Stream one answer, handing each text delta to `on_text`; raises BlockFailed."""
    parts: list[str] = []
    tool_calls: tuple[ToolCall, ...] = ()
    usage = Usage()
    finish_reason = ""
    deltas = chat.stream(request)
    try:
        async for delta in deltas:
            if delta.text:
                parts.append(delta.text)
                on_text(delta.text)
            if delta.tool_calls:
                tool_calls = delta.tool_calls
            if delta.usage is not None:
                usage = delta.usage
            if delta.finish_reason:
                finish_reason = delta.finish_reason
    except ChatError as exc:
        raise BlockFailed(str(exc)) from None
    finally:
        aclose = getattr(deltas, "aclose", None)
        if aclose is not None:
            await aclose()  # closes the HTTP stream at once, even when cancelled
    return Turn("".join(parts), tool_calls, usage, finish_reason)


def add_usage(a: Usage, b: Usage) -> Usage:
    return Usage(
        a.prompt_tokens + b.prompt_tokens,
        a.completion_tokens + b.completion_tokens,
        a.total_tokens + b.total_tokens,
    )


def usage_json(usage: Usage) -> dict[str, JSONValue]:
    return {
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "total_tokens": usage.total_tokens,
    }


def parse_json_answer(text: str) -> JSONValue:
    """The answer as JSON (a ```json fence around it is allowed); raises BlockFailed."""
    body = text.strip()
    if body.startswith("```"):
        body = body.removeprefix("```json").removeprefix("```JSON").removeprefix("```")
        body = body.removesuffix("```").strip()
    try:
        return json.loads(body)
    except ValueError as exc:
        raise BlockFailed(f"json_mode: the model's answer is not valid JSON ({exc})") from None


# -- the block ------------------------------------------------------------------------------------


class LlmBlock:
    name: ClassVar[str] = "llm"
    config_model: ClassVar[type[BlockConfig]] = LlmConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: LlmConfig = ctx.config
        chat = chat_service(ctx)
        messages: list[ChatMessage] = []
        if config.system_prompt.strip():
            messages.append(ChatMessage("system", ctx.render(config.system_prompt)))
        messages += [ChatMessage(m.role, ctx.render(m.content)) for m in config.messages]
        if config.prompt.strip():
            messages.append(ChatMessage("user", ctx.render(config.prompt)))
        request = ChatRequest(
            provider=config.provider,
            model=config.model,
            messages=messages,
            temperature=config.temperature,
            max_tokens=config.max_tokens,
            json_mode=config.json_mode,
            timeout_seconds=config.request_timeout_seconds,
        )
        turn = await complete(chat, request, ctx.emit_chunk)
        output: dict[str, JSONValue] = {
            "text": turn.text,
            "usage": usage_json(turn.usage),
            "finish_reason": turn.finish_reason,
        }
        if config.json_mode:
            output["json"] = parse_json_answer(turn.text)
        return output
