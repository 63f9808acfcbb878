"""How a transcoded RPC's successful answer looks over HTTP, as its proto declares it.

A method's `flowgate.v1.http_answer` option (proto/flowgate/v1/http_answer.proto) names the
response field whose value alone is the HTTP body (`unwrap`) and the status that replaces
200 (`status`, e.g. 201 Created). Once the handler has answered, the interceptor sends
that as the call's initial metadata, `x-unwrap` and `x-http-status`, which Envoy's Lua
filter applies (envoy/lua/shaping.lua). gRPC callers see the metadata only.

It runs inside `CallLimitsInterceptor`, whose context holds initial metadata until the
answer passed its size check: a refused answer never carries these headers.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

import grpc
from google.protobuf import descriptor_pool

from flowgate.v1 import http_answer_pb2

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"
Metadata: TypeAlias = tuple[tuple[str, str], ...]


@functools.cache
def answer_metadata(method: str) -> Metadata:
    """The initial metadata a successful call of `method` (`/pkg.Service/Method`) sends:
    none when the method declares no `http_answer` or is not in the descriptor pool."""
    try:
        found = descriptor_pool.Default().FindMethodByName(method.strip("/").replace("/", "."))
    except KeyError:
        return ()
    options = found.GetOptions()
    if not options.HasExtension(http_answer_pb2.http_answer):
        return ()
    answer = options.Extensions[http_answer_pb2.http_answer]
    metadata: list[tuple[str, str]] = []
    if answer.unwrap:
        metadata.append(("x-unwrap", answer.unwrap))
    if answer.status not in (0, 200):
        metadata.append(("x-http-status", str(answer.status)))
    return tuple(metadata)


class HttpAnswerInterceptor(grpc.aio.ServerInterceptor):
    """Sends each unary call's declared HTTP answer (`answer_metadata`) once its handler
    returned a response; a call that fails sends none."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler:
        found = await continuation(handler_call_details)
        if found is None or found.unary_unary is None:
            return found  # type: ignore[return-value]
        metadata = answer_metadata(handler_call_details.method)
        if not metadata:
            return found
        inner = found.unary_unary

        async def unary(request: Any, context: Any) -> Any:
            response = await inner(request, context)
            await context.send_initial_metadata(metadata)
            return response

        replaced: Handler = found._replace(unary_unary=unary)  # type: ignore[attr-defined]
        return replaced
