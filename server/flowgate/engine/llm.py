"""`ChatModel` over the OpenAI-compatible chat-completions protocol (OpenAI, DeepSeek,
Moonshot, Qwen/DashScope compatible mode, vLLM, Ollama, OpenRouter, …).

One pooled `httpx.AsyncClient` serves every configured provider. Each request is a
streamed `POST {base_url}/chat/completions`; the SSE answer is turned into `ChatDelta`s:
text as it comes, then one last delta with the assembled tool calls, the usage and the
finish reason.

Failures before the first delta (429, 5xx, connection errors, timeouts, a stream that
breaks before any text) are retried with exponential backoff; a `Retry-After` header is
honoured when it is within a cap. Once a delta was handed out, a failure is final
(`ChatError`): a half-streamed answer is never replayed. The API key goes into the
`Authorization` header and nowhere else: error messages and log lines are scrubbed of it.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from flowgate.domain.models import JSONValue
from flowgate.engine.services import ChatDelta, ChatError, ChatMessage, ChatRequest, ToolCall, Usage

log = logging.getLogger(__name__)

_RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 529})
_MAX_ERROR_BODY = 4096
_MAX_DETAIL = 300
_decode = json.JSONDecoder().decode


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """One OpenAI-compatible endpoint."""

    base_url: str
    """Up to and without `/chat/completions`, e.g. `https://api.deepseek.com/v1`."""
    api_key: str = field(default="", repr=False)
    """Sent as `Authorization: Bearer …`; empty sends no Authorization header."""
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    """Extra request headers (`api-key` for Azure, `HTTP-Referer` for OpenRouter, …);
    their values are treated as secrets too."""
    default_model: str = ""
    """The model of requests that name none."""
    max_retries: int = 3
    """Extra attempts after a retryable failure before the first delta."""
    backoff_seconds: float = 0.5
    """Wait before the first retry (doubling each time, with jitter), unless Retry-After says otherwise."""
    max_backoff_seconds: float = 8.0
    max_retry_after_seconds: float = 30.0
    """A Retry-After up to this is waited for; a longer one ends the request at once."""
    connect_timeout_seconds: float = 10.0
    include_usage: bool = True
    """Ask for the usage chunk (`stream_options.include_usage`); turn off for servers that reject it."""


def _redactor(secrets: Iterable[str]) -> Callable[[str], str]:
    words = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def redact(text: str) -> str:
        for word in words:
            text = text.replace(word, "***")
        return text

    return redact


@dataclass(slots=True)
class _Provider:
    name: str
    config: ProviderConfig
    url: str
    headers: dict[str, str]
    redact: Callable[[str], str]


class _Retry(Exception):
    """A retryable failure; `after` is the server's Retry-After in seconds, if any."""

    def __init__(self, message: str, after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.after = after


class OpenAICompatible:
    """A `ChatModel` for any number of OpenAI-compatible providers, chosen per request by name.

    `providers` maps names ("deepseek", "openai", …; matched case-insensitively) to their
    configuration; `default_provider` serves requests that name none (default: the first).
    Call `close()` when done.
    """

    def __init__(
        self,
        providers: Mapping[str, ProviderConfig],
        *,
        default_provider: str = "",
        max_connections: int = 200,
        trust_env: bool = True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`trust_env` lets httpx use the HTTPS_PROXY/NO_PROXY environment variables;
        `sleep` is how retries wait (tests pass one that records the delays)."""
        if not providers:
            raise ValueError("configure at least one LLM provider")
        self._providers: dict[str, _Provider] = {}
        for name, config in providers.items():
            key = name.strip().lower()
            if not key:
                raise ValueError("an LLM provider needs a name")
            if not config.base_url.startswith(("http://", "https://")):
                raise ValueError(f"LLM provider {name!r}: base_url must start with http:// or https://")
            headers = {"Accept": "text/event-stream", **config.headers}
            if config.api_key:
                headers["Authorization"] = f"Bearer {config.api_key}"
            self._providers[key] = _Provider(
                name=key,
                config=config,
                url=config.base_url.rstrip("/") + "/chat/completions",
                headers=headers,
                redact=_redactor([config.api_key, *config.headers.values()]),
            )
        default = (default_provider or next(iter(providers))).strip().lower()
        if default not in self._providers:
            raise ValueError(f"default LLM provider {default_provider!r} is not configured")
        self._default = default
        self._sleep = sleep
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(60.0, connect=10.0),  # each request sets its own
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            trust_env=trust_env,
            follow_redirects=False,
        )

    @property
    def providers(self) -> list[str]:
        return sorted(self._providers)

    async def close(self) -> None:
        await self._client.aclose()

    # -- ChatModel --------------------------------------------------------------------

    async def stream(self, request: ChatRequest) -> AsyncIterator[ChatDelta]:
        provider = self._provider(request.provider)
        config = provider.config
        model = request.model or config.default_model
        if not model:
            raise ChatError(f"no model given, and LLM provider {provider.name!r} has no default model")
        body = _request_body(request, model, config.include_usage)
        timeout = httpx.Timeout(
            request.timeout_seconds,
            connect=min(config.connect_timeout_seconds, request.timeout_seconds),
        )
        attempt = 0
        while True:
            started = False
            try:
                async with self._client.stream(
                    "POST", provider.url, json=body, headers=provider.headers, timeout=timeout
                ) as response:
                    if response.status_code != 200:
                        await self._refuse(provider, response)
                    parser = _Stream(provider)
                    if response.headers.get("content-type", "").startswith("application/json"):
                        # A server that ignored `stream: true` answers with one JSON completion.
                        text = parser.event((await response.aread()).strip())
                        parser.answer.done = True
                    else:
                        async for part in response.aiter_bytes():
                            text = parser.feed(part)
                            if text:
                                started = True
                                yield ChatDelta(text=text)
                            if parser.answer.done:
                                break
                        text = parser.end()
                    started = True
                    if text:
                        yield ChatDelta(text=text)
                    yield parser.answer.final()
                return
            except _Retry as exc:
                failure, after = exc.message, exc.after
            except httpx.TimeoutException:
                failure, after = f"no answer within {request.timeout_seconds:g}s", None
                if started:
                    raise ChatError(
                        f"LLM provider {provider.name!r} stalled: no data for {request.timeout_seconds:g}s "
                        "after the answer began"
                    ) from None
            except httpx.HTTPError as exc:
                failure, after = provider.redact(_describe(exc)), None
                if started:
                    raise ChatError(
                        f"LLM provider {provider.name!r}: the answer stream broke off ({failure})"
                    ) from None
            if attempt >= config.max_retries:
                tries = f" after {attempt + 1} attempts" if attempt else ""
                raise ChatError(f"LLM provider {provider.name!r} failed{tries}: {failure}")
            delay = self._delay(config, attempt, after)
            if delay is None:
                raise ChatError(
                    f"LLM provider {provider.name!r} failed: {failure}; it asks to retry after {after:g}s, "
                    f"longer than the {config.max_retry_after_seconds:g}s we wait"
                )
            attempt += 1
            log.warning(
                "LLM provider %s: %s; retry %d of %d in %.2fs",
                provider.name,
                failure,
                attempt,
                config.max_retries,
                delay,
            )
            await self._sleep(delay)

    # -- helpers ----------------------------------------------------------------------

    def _provider(self, name: str) -> _Provider:
        key = name.strip().lower() or self._default
        provider = self._providers.get(key)
        if provider is None:
            raise ChatError(f"no LLM provider named {name!r} is configured (configured: {', '.join(self.providers)})")
        return provider

    @staticmethod
    def _delay(config: ProviderConfig, attempt: int, after: float | None) -> float | None:
        if after is not None:
            return after if after <= config.max_retry_after_seconds else None
        base = min(config.backoff_seconds * 2.0**attempt, config.max_backoff_seconds)
        return base * (0.5 + random.random() / 2)  # noqa: S311 - jitter, not cryptography

    async def _refuse(self, provider: _Provider, response: httpx.Response) -> None:
        """Raise for a non-200 answer: _Retry when it may be retried, else ChatError."""
        status = response.status_code
        detail = provider.redact(await _error_detail(response))
        message = f"HTTP {status}" + (f": {detail}" if detail else "")
        if status in _RETRY_STATUSES:
            raise _Retry(message, _retry_after(response.headers))
        raise ChatError(f"LLM provider {provider.name!r} refused the request: {message}")


def _describe(exc: httpx.HTTPError) -> str:
    text = str(exc).strip()
    kind = type(exc).__name__
    return f"{kind}: {text}" if text else kind


def _retry_after(headers: httpx.Headers) -> float | None:
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


async def _error_detail(response: httpx.Response) -> str:
    raw = b""
    async for part in response.aiter_bytes():
        raw += part
        if len(raw) >= _MAX_ERROR_BODY:
            break
    text = raw[:_MAX_ERROR_BODY].decode(errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        pass
    else:
        if isinstance(data, dict):
            err = data.get("error", data)
            if isinstance(err, dict) and isinstance(err.get("message"), str):
                text = err["message"]
            elif isinstance(err, str):
                text = err
            elif isinstance(data.get("message"), str):
                text = data["message"]
    text = " ".join(text.split())
    return text if len(text) <= _MAX_DETAIL else text[:_MAX_DETAIL] + "…"


# -- the request -----------------------------------------------------------------------


def _message(m: ChatMessage) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {"role": m.role, "content": m.content}
    if m.tool_calls:
        out["content"] = m.content or None
        out["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in m.tool_calls
        ]
    if m.tool_call_id:
        out["tool_call_id"] = m.tool_call_id
    if m.name and m.role != "tool":
        out["name"] = m.name
    return out


def _request_body(request: ChatRequest, model: str, include_usage: bool) -> dict[str, JSONValue]:
    body: dict[str, JSONValue] = {
        "model": model,
        "messages": [_message(m) for m in request.messages],
        "stream": True,
    }
    if include_usage:
        body["stream_options"] = {"include_usage": True}
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.max_tokens is not None:
        body["max_tokens"] = request.max_tokens
    if request.json_mode:
        body["response_format"] = {"type": "json_object"}
    if request.tools:
        body["tools"] = [
            {
                "type": "function",
                "function": {"name": t.name, "description": t.description, "parameters": dict(t.parameters)},
            }
            for t in request.tools
        ]
    return body


# -- the answer ------------------------------------------------------------------------


class _Answer:
    """What a stream has said so far besides text: tool-call parts, usage, finish reason."""

    __slots__ = ("calls", "done", "finish_reason", "usage")

    def __init__(self) -> None:
        self.calls: dict[int, list[str]] = {}  # index → [id, name, arguments…]
        self.usage: Usage | None = None
        self.finish_reason = ""
        self.done = False

    def add_calls(self, parts: list[Any]) -> None:
        for part in parts:
            if not isinstance(part, dict):
                continue
            index = part.get("index")
            call_id = part.get("id") or ""
            if not isinstance(index, int):
                # Some servers leave out the index: a part with a new id starts a call, one
                # without an id continues the last one.
                index = next((i for i, c in self.calls.items() if call_id and c[0] == call_id), None)
                if index is None:
                    last = max(self.calls, default=-1)
                    index = last + 1 if call_id or last < 0 else last
            entry = self.calls.setdefault(index, ["", ""])
            if call_id and not entry[0]:
                entry[0] = str(call_id)
            function = part.get("function")
            if isinstance(function, dict):
                if function.get("name") and not entry[1]:
                    entry[1] = str(function["name"])
                arguments = function.get("arguments")
                if isinstance(arguments, str):
                    entry.append(arguments)
                elif arguments is not None:
                    entry.append(json.dumps(arguments, ensure_ascii=False))

    def set_usage(self, usage: Any) -> None:
        if not isinstance(usage, dict):
            return
        prompt = _int(usage.get("prompt_tokens"))
        completion = _int(usage.get("completion_tokens"))
        total = _int(usage.get("total_tokens")) or prompt + completion
        self.usage = Usage(prompt, completion, total)

    def final(self) -> ChatDelta:
        calls = tuple(
            ToolCall(id=entry[0] or f"call_{i}", name=entry[1], arguments="".join(entry[2:]))
            for i, entry in sorted(self.calls.items())
        )
        return ChatDelta(tool_calls=calls, usage=self.usage, finish_reason=self.finish_reason)


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


class _Stream:
    """Parses an SSE answer (`data:` lines, `[DONE]`) fed in network-sized parts."""

    __slots__ = ("_buffer", "_data", "answer", "provider")

    def __init__(self, provider: _Provider) -> None:
        self.provider = provider
        self.answer = _Answer()
        self._buffer = b""
        self._data: list[bytes] = []

    def feed(self, part: bytes) -> str:
        """The text the events completed by `part` add."""
        lines = (self._buffer + part).split(b"\n")
        self._buffer = lines.pop()
        texts: list[str] = []
        for raw in lines:
            line = raw[:-1] if raw.endswith(b"\r") else raw
            if not line:  # an event ends
                if self._data:
                    texts.append(self.event(b"\n".join(self._data)))
                    self._data.clear()
            elif line.startswith(b"data:"):
                self._data.append(line[6:] if line.startswith(b"data: ") else line[5:])
            # `event:`, `id:`, `retry:` and `: comment` lines carry nothing we use
        return "".join(texts)

    def end(self) -> str:
        """The text of a last event that lacked its blank line; raises if the answer is cut short."""
        text = ""
        if self._buffer.startswith(b"data:"):
            self._data.append(self._buffer[5:].strip())
        if self._data:
            text = self.event(b"\n".join(self._data))
        if not self.answer.done and not self.answer.finish_reason:
            raise httpx.RemoteProtocolError("the stream ended before the answer was complete")
        return text

    def event(self, payload: bytes) -> str:
        """Apply one event's data; the text it adds."""
        answer = self.answer
        if payload == b"[DONE]":
            answer.done = True
            return ""
        try:
            data = _decode(payload.decode())
        except ValueError:
            raise ChatError(f"LLM provider {self.provider.name!r} sent a malformed stream event") from None
        if not isinstance(data, dict):
            return ""
        error = data.get("error")
        if error:
            detail = error.get("message") if isinstance(error, dict) else error
            detail = self.provider.redact(" ".join(str(detail).split()))[:_MAX_DETAIL]
            raise ChatError(f"LLM provider {self.provider.name!r} reported an error: {detail}")
        if data.get("usage"):
            answer.set_usage(data["usage"])
        choices = data.get("choices")
        if not choices or not isinstance(choices, list) or not isinstance(choices[0], dict):
            return ""
        choice = choices[0]
        if choice.get("finish_reason"):
            answer.finish_reason = str(choice["finish_reason"])
        delta = choice.get("delta") or choice.get("message")  # "message": a non-streamed answer
        if not isinstance(delta, dict):
            return ""
        if delta.get("tool_calls"):
            answer.add_calls(delta["tool_calls"])
        content = delta.get("content")
        return content if isinstance(content, str) else ""
