"""Server interceptor: a request id per call (from `x-request-id`, which Envoy sets, or new)
in a contextvar for the logs, and one structured log line per finished call."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import inspect
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeAlias

import grpc

from flowgate.logs import request_id

log = logging.getLogger("flowgate.access")

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"


def _rid(details: grpc.HandlerCallDetails) -> str:
    for key, value in details.invocation_metadata or ():
        if key == "x-request-id":
            text = value if isinstance(value, str) else value.decode()
            if 0 < len(text) <= 128:
                return text
    return str(uuid.uuid4())


def _code(context: Any, failed: BaseException | None) -> str:
    code = context.code() if hasattr(context, "code") else None
    if isinstance(code, grpc.StatusCode):
        return code.name
    if failed is None:
        return "OK"
    if isinstance(failed, asyncio.CancelledError):
        return "CANCELLED"
    return "UNKNOWN"


def _reset(token: contextvars.Token[str]) -> None:
    with contextlib.suppress(ValueError):  # a generator finalized in another context
        request_id.reset(token)


class RequestLogInterceptor(grpc.aio.ServerInterceptor):
    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler:
        found = await continuation(handler_call_details)
        if found is None:  # unknown method: grpc answers UNIMPLEMENTED itself
            return found  # type: ignore[return-value]
        handler = found
        method = handler_call_details.method
        rid = _rid(handler_call_details)

        def finish(context: Any, started: float, failed: BaseException | None) -> None:
            log.info(
                "rpc finished",
                extra={
                    "method": method,
                    "code": _code(context, failed),
                    "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                },
            )

        if handler.unary_unary is not None:
            inner_unary = handler.unary_unary

            async def unary(request: Any, context: Any) -> Any:
                token = request_id.set(rid)
                started = time.perf_counter()
                failed: BaseException | None = None
                try:
                    return await inner_unary(request, context)
                except BaseException as exc:
                    failed = exc
                    raise
                finally:
                    finish(context, started, failed)
                    _reset(token)

            replaced: Handler = handler._replace(unary_unary=unary)  # type: ignore[attr-defined]
            return replaced

        if handler.unary_stream is not None:
            inner_stream: Any = handler.unary_stream

            if inspect.isasyncgenfunction(inner_stream):

                async def stream(request: Any, context: Any) -> AsyncIterator[Any]:
                    token = request_id.set(rid)
                    started = time.perf_counter()
                    failed: BaseException | None = None
                    try:
                        async for item in inner_stream(request, context):
                            yield item
                    except BaseException as exc:
                        failed = exc
                        raise
                    finally:
                        finish(context, started, failed)
                        _reset(token)

                wrapped: Any = stream
            else:  # a coroutine that context.write()s: no generator layer per message

                async def writer(request: Any, context: Any) -> None:
                    token = request_id.set(rid)
                    started = time.perf_counter()
                    failed: BaseException | None = None
                    try:
                        await inner_stream(request, context)
                    except BaseException as exc:
                        failed = exc
                        raise
                    finally:
                        finish(context, started, failed)
                        _reset(token)

                wrapped = writer
            replaced_stream: Handler = handler._replace(unary_stream=wrapped)  # type: ignore[attr-defined]
            return replaced_stream
        return handler
