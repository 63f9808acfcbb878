"""A fake OpenAI-compatible chat-completions server speaking real HTTP/1.1 on 127.0.0.1.

It runs on asyncio: in the test's own event loop (`async with FakeOpenAI() as server`),
in a thread of its own (`FakeOpenAI.in_thread()`, for benchmarks that must not share the
loop they measure), or as a process (`python -m tests.fakes.openai_server --port 8765`).

What each request gets is chosen by its `model`:

- `server.script(model, *replies)`: the replies in order, one per request; the last
  one repeats once the others are used up (`script("m", error(500))` fails forever,
  `script("m", error(429, retry_after=0), answer("hi"))` recovers).
- `server.on(model, handler)`: `handler(request) -> Reply`, for replies that depend on
  what was asked.
- built in, for any model not scripted: `tokens-N` (N tokens as fast as the socket takes
  them; the bytes are built once and cached), `tokens-N-every-Mms` (paced), and anything
  else echoes the last user message back, word by word.

Every request is recorded (`server.requests`: method, path, headers, parsed body), so
tests can check what was sent — the rendered prompt, the `Authorization` header.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

# -- replies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeToolCall:
    name: str
    arguments: str  # JSON text, streamed in pieces
    id: str = ""


@dataclass(frozen=True)
class Reply:
    """One response. Status 200 streams SSE; any other status answers with an error body."""

    status: int = 200
    tokens: Sequence[str] = ()
    """Text deltas, one SSE event each."""
    repeat: tuple[str, int] | None = None
    """(token, n): n copies of token, as one pre-built body (cheap for benchmarks)."""
    tool_calls: Sequence[FakeToolCall] = ()
    finish_reason: str = ""
    """Default: "tool_calls" when there are tool calls, else "stop"."""
    usage: tuple[int, int] | None = None
    """(prompt, completion) tokens; default: counted from the request and the reply."""
    delay: float = 0.0
    """Seconds before each text delta."""
    headers: dict[str, str] = field(default_factory=dict)
    message: str = ""
    """The error message of a non-200 reply."""
    echo_auth: bool = False
    """The error message repeats the request's Authorization header (as careless providers do)."""
    break_after: int | None = None
    """Drop the connection after this many text deltas (no end of the chunked body)."""
    stall_after: int | None = None
    """Go silent after this many text deltas, until the client gives up."""
    as_json: bool = False
    """Answer with one `application/json` completion, as if `stream` had been false."""
    in_stream_error: str = ""
    """After the text deltas, send `data: {"error": …}` and end the stream."""


def _words(text: str) -> list[str]:
    return re.findall(r"\S+\s*|\s+", text) or [text]


def answer(text: str, *, delay: float = 0.0, usage: tuple[int, int] | None = None) -> Reply:
    """`text`, streamed word by word."""
    return Reply(tokens=_words(text), delay=delay, usage=usage)


def tokens(n: int, text: str = "tok ", *, delay: float = 0.0) -> Reply:
    """`n` copies of `text`; without a delay the whole body is built once and written at once."""
    if delay:
        return Reply(tokens=[text] * n, delay=delay)
    return Reply(repeat=(text, n))


def error(status: int, message: str = "", *, retry_after: float | None = None, echo_auth: bool = False) -> Reply:
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    return Reply(status=status, message=message or f"fake error {status}", headers=headers, echo_auth=echo_auth)


def broken(text: str, *, after: int, delay: float = 0.0) -> Reply:
    """A stream that drops the connection after `after` words of `text`."""
    return Reply(tokens=_words(text), break_after=after, delay=delay)


def stall(text: str, *, after: int) -> Reply:
    """A stream that goes silent after `after` words of `text`."""
    return Reply(tokens=_words(text), stall_after=after)


def tool_call(name: str, arguments: Any, *, call_id: str = "") -> FakeToolCall:
    """A tool call; `arguments` is JSON-encoded unless it is already a string (to send broken JSON)."""
    text = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
    return FakeToolCall(name, text, call_id)


def calls(*tool_calls: FakeToolCall, text: str = "") -> Reply:
    """A turn that calls tools (after saying `text`, if any)."""
    return Reply(tokens=_words(text) if text else (), tool_calls=tool_calls)


# -- requests ----------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    """Lower-case names."""
    body: Any

    @property
    def model(self) -> str:
        return str(self.body.get("model", "")) if isinstance(self.body, dict) else ""

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    def last_user_message(self) -> str:
        for m in reversed(self.messages):
            if m.get("role") == "user":
                return str(m.get("content") or "")
        return ""


Handler = Callable[[RecordedRequest], Reply]

_BUILTIN = re.compile(r"tokens-(\d+)(?:-every-(\d+)ms)?")


# -- the wire format -----------------------------------------------------------------------


def _chunk(model: str, delta: dict[str, Any] | None, finish: str | None = None, usage: Any = None) -> bytes:
    """One SSE event in one HTTP chunk."""
    return _frame(_event(model, delta, finish, usage))


def _event(model: str, delta: dict[str, Any] | None, finish: str | None = None, usage: Any = None) -> bytes:
    event: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage is not None:
        event["usage"] = usage
    return b"data: " + json.dumps(event, ensure_ascii=False).encode() + b"\n\n"


def _frame(data: bytes) -> bytes:
    """One HTTP/1.1 chunk."""
    return b"%x\r\n%s\r\n" % (len(data), data)


_DONE = _frame(b"data: [DONE]\n\n")
_END = b"0\r\n\r\n"
_STREAM_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
    b"Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
)


def _usage(prompt: int, completion: int) -> dict[str, int]:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


@functools.lru_cache(maxsize=16)
def _repeated_body(model: str, token: str, n: int, usage: bool) -> bytes:
    """The whole chunked SSE body of `n` copies of `token`, built once. Events are framed
    in HTTP chunks of up to 16 KiB (as a buffering proxy would), so neither side pays
    HTTP framing per token."""
    one = _event(model, {"content": token})
    events = [_event(model, {"role": "assistant", "content": ""}), *([one] * n), _event(model, {}, "stop")]
    if usage:
        events.append(_event(model, None, usage=_usage(1, n)))
    events.append(b"data: [DONE]\n\n")
    per_frame = max(1, 16_384 // len(one))
    frames = [_frame(b"".join(events[i : i + per_frame])) for i in range(0, len(events), per_frame)]
    return b"".join(frames) + _END


def _tool_call_chunks(model: str, tool_calls: Sequence[FakeToolCall]) -> list[bytes]:
    out: list[bytes] = []
    for i, call in enumerate(tool_calls):
        call_id = call.id or f"call_{i}_{call.name}"
        head = {"index": i, "id": call_id, "type": "function", "function": {"name": call.name, "arguments": ""}}
        out.append(_chunk(model, {"tool_calls": [head]}))
        args = call.arguments
        for start in range(0, len(args), 7):  # arguments arrive in pieces, as real servers send them
            out.append(
                _chunk(model, {"tool_calls": [{"index": i, "function": {"arguments": args[start : start + 7]}}]})
            )
    return out


# -- the server ----------------------------------------------------------------------------


class FakeOpenAI:
    """The fake server. Start it with `async with`, `start()`/`stop()`, or `in_thread()`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.requests: list[RecordedRequest] = []
        self.aborted = 0
        """Responses the client walked away from (closed the connection) before they ended."""
        self._abort_seen = asyncio.Event()
        self._scripts: dict[str, list[Reply]] = {}
        self._handlers: dict[str, Handler] = {}
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    # -- scripting ------------------------------------------------------------------------

    def script(self, model: str, *replies: Reply) -> None:
        """Requests for `model` get these replies in order; the last one repeats."""
        if not replies:
            raise ValueError("script at least one reply")
        self._scripts[model] = list(replies)

    def on(self, model: str, handler: Handler) -> None:
        self._handlers[model] = handler

    def requests_for(self, model: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.model == model]

    def reply_for(self, request: RecordedRequest) -> Reply:
        model = request.model
        if model in self._handlers:
            return self._handlers[model](request)
        script = self._scripts.get(model)
        if script:
            return script.pop(0) if len(script) > 1 else script[0]
        builtin = _BUILTIN.fullmatch(model)
        if builtin:
            n, every = int(builtin.group(1)), builtin.group(2)
            return tokens(n, delay=int(every) / 1000 if every else 0.0)
        return answer(request.last_user_message())

    async def wait_aborted(self, count: int = 1) -> None:
        """Until `count` responses were abandoned by their client (same event loop only)."""
        while self.aborted < count:
            self._abort_seen.clear()
            await self._abort_seen.wait()

    def _abort(self) -> None:
        self.aborted += 1
        self._abort_seen.set()

    # -- running ----------------------------------------------------------------------------

    async def start(self) -> Self:
        self._server = await asyncio.start_server(self._connection, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def in_thread(self) -> Self:
        """Start on an event loop of its own in a daemon thread; `stop_thread()` ends it."""
        ready = threading.Event()

        def main() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            loop.run_until_complete(self.start())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self.stop())
            loop.close()

        self._thread = threading.Thread(target=main, name="fake-openai", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop_thread(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._thread = None

    # -- HTTP ---------------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        leftover = b""
        try:
            while True:
                try:
                    head = leftover + await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                leftover = b""
                method, path, headers = _parse_head(head)
                size = int(headers.get("content-length", "0") or 0)
                raw = await reader.readexactly(size) if size else b""
                try:
                    body: Any = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode(errors="replace")
                request = RecordedRequest(method, path, headers, body)
                self.requests.append(request)
                if method != "POST" or not path.endswith("/chat/completions"):
                    await _send_json(writer, 404, {"error": {"message": f"no route {method} {path}"}})
                    continue
                keep, leftover = await self._respond(request, self.reply_for(request), reader, writer)
                if not keep:
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        except asyncio.CancelledError:
            writer.transport.abort()
            raise
        finally:
            self._tasks.discard(task)
            if not writer.is_closing():
                writer.close()
            with contextlib.suppress(ConnectionError, asyncio.CancelledError):
                await writer.wait_closed()

    async def _respond(
        self, request: RecordedRequest, reply: Reply, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> tuple[bool, bytes]:
        """Send `reply`; (keep the connection, bytes of the next request already read)."""
        model = request.model or "fake"
        if reply.status != 200:
            message = reply.message
            if reply.echo_auth:
                message += f" (you sent {request.headers.get('authorization', '')!r})"
            await _send_json(writer, reply.status, {"error": {"message": message, "type": "fake"}}, reply.headers)
            return True, b""
        if reply.as_json:
            await _send_json(writer, 200, _completion(model, reply, request), reply.headers)
            return True, b""
        if reply.repeat is not None:
            token, n = reply.repeat
            writer.write(_STREAM_HEAD + _repeated_body(model, token, n, _wants_usage(request)))
            await writer.drain()
            return True, b""

        watcher = asyncio.ensure_future(reader.read(1))  # done with b"": the client hung up
        complete: bool | None
        try:
            complete = await self._stream(request, reply, model, watcher, writer)
        except ConnectionError:
            complete = False
        finally:
            if not watcher.done():
                watcher.cancel()
            await asyncio.wait({watcher})
        early = b"" if watcher.cancelled() or watcher.exception() else watcher.result()
        if complete is None:  # dropped on purpose
            return False, b""
        if not complete:
            self._abort()
            return False, b""
        if watcher.cancelled():
            return True, b""
        return bool(early), early  # data: the next request began; b"": the client closed

    async def _stream(
        self,
        request: RecordedRequest,
        reply: Reply,
        model: str,
        watcher: asyncio.Future[bytes],
        w: asyncio.StreamWriter,
    ) -> bool | None:
        """Stream `reply`; False when the client walked away, None when dropped on purpose."""
        w.write(_STREAM_HEAD + _chunk(model, {"role": "assistant", "content": ""}))
        for i, token in enumerate(reply.tokens):
            if reply.break_after is not None and i >= reply.break_after:
                break
            if reply.stall_after is not None and i >= reply.stall_after:
                await w.drain()
                await asyncio.wait({watcher}, timeout=300)
                return False
            if reply.delay:
                await w.drain()
                await asyncio.wait({watcher}, timeout=reply.delay)
                if watcher.done():
                    return False
            w.write(_chunk(model, {"content": token}))
        if reply.break_after is not None:
            await w.drain()
            w.transport.abort()
            return None
        if reply.in_stream_error:
            w.write(_frame(b"data: " + json.dumps({"error": {"message": reply.in_stream_error}}).encode() + b"\n\n"))
            w.write(_END)
            await w.drain()
            return True
        for part in _tool_call_chunks(model, reply.tool_calls):
            w.write(part)
        finish = reply.finish_reason or ("tool_calls" if reply.tool_calls else "stop")
        w.write(_chunk(model, {}, finish))
        if _wants_usage(request):
            w.write(_chunk(model, None, usage=_usage(*_counts(reply, request))))
        w.write(_DONE + _END)
        await w.drain()
        return True


def _wants_usage(request: RecordedRequest) -> bool:
    options = request.body.get("stream_options") if isinstance(request.body, dict) else None
    return isinstance(options, dict) and bool(options.get("include_usage"))


def _counts(reply: Reply, request: RecordedRequest) -> tuple[int, int]:
    if reply.usage is not None:
        return reply.usage
    prompt = sum(len(str(m.get("content") or "").split()) for m in request.messages)
    return prompt, len(reply.tokens)


def _completion(model: str, reply: Reply, request: RecordedRequest) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": "".join(reply.tokens)}
    if reply.tool_calls:
        message["tool_calls"] = [
            {"id": c.id or f"call_{i}", "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for i, c in enumerate(reply.tool_calls)
        ]
    finish = reply.finish_reason or ("tool_calls" if reply.tool_calls else "stop")
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": _usage(*_counts(reply, request)),
    }


def _parse_head(head: bytes) -> tuple[str, str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return method, path, headers


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests"}


async def _send_json(
    writer: asyncio.StreamWriter, status: int, payload: Any, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    reason = _REASONS.get(status, "Error")
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n{extra}\r\n"
    )
    writer.write(head.encode("latin-1") + body)
    await writer.drain()


def main() -> None:
    """Serve until interrupted (for benchmarks run as a separate process)."""
    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible chat-completions server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    async def serve() -> None:
        async with FakeOpenAI(args.host, args.port) as server:
            print(server.base_url, flush=True)  # noqa: T201 - the one line a parent process reads
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


if __name__ == "__main__":
    main()
