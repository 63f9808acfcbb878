"""Limits every call gets, whatever its service: how deeply the JSON values of a request
may nest (checked when the request is parsed), and how large a one-shot answer may be.

The JSON text of HTTP bodies the server parses itself (`dialects.json_limits.json_too_deep`)
and the `google.protobuf.Struct` / `Value` / `ListValue` fields of decoded requests
(`struct_too_deep`) are held to the same depth. An answer over the size limit is
refused (the family's 413) before it is sent: Envoy, whose transcoder buffers one-shot
answers, is configured with the same limit and never sees a larger one. Refusals are in
the call's family's shape (`flowgate.dialects`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

import grpc
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import DecodeError, Message

from flowgate import dialects
from flowgate.api import errors
from flowgate.dialects.json_limits import too_deep_error
from flowgate.dialects.status import http_status
from flowgate.domain.errors import FlowgateError, InvalidArgument, ResponseTooLarge

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"

_STRUCT = "google.protobuf.Struct"
_LIST = "google.protobuf.ListValue"
_VALUE = "google.protobuf.Value"
_JSON_TYPES = (_STRUCT, _LIST, _VALUE)


@functools.cache
def _json_fields(descriptor: Descriptor) -> tuple[FieldDescriptor, ...]:
    """The message fields of `descriptor` that are, or can contain, a JSON value."""
    return tuple(
        f for f in descriptor.fields if f.message_type is not None and _holds_json(f.message_type, frozenset())
    )


def _holds_json(descriptor: Descriptor, seen: frozenset[str]) -> bool:
    if descriptor.full_name in _JSON_TYPES:
        return True
    if descriptor.full_name in seen:
        return False
    inner = seen | {descriptor.full_name}
    return any(f.message_type is not None and _holds_json(f.message_type, inner) for f in descriptor.fields)


def struct_too_deep(message: Message, limit: int) -> str | None:
    """The name of the first field of `message` (at any depth) whose JSON value nests more
    than `limit` levels of objects/arrays; None when every one is within it. Iterative;
    looks only at fields that can hold JSON."""
    stack: list[tuple[Message, int, str]] = [(message, 0, "")]
    while stack:
        msg, depth, name = stack.pop()
        kind = msg.DESCRIPTOR.full_name
        if kind == _VALUE:
            which = msg.WhichOneof("kind")
            if which in ("struct_value", "list_value"):
                stack.append((getattr(msg, which), depth, name))
            continue
        if kind == _STRUCT:
            depth += 1
            if depth > limit:
                return name
            stack.extend((v, depth, name) for v in msg.fields.values())  # type: ignore[attr-defined]
            continue
        if kind == _LIST:
            depth += 1
            if depth > limit:
                return name
            stack.extend((v, depth, name) for v in msg.values)  # type: ignore[attr-defined]
            continue
        for field in _json_fields(msg.DESCRIPTOR):
            value = getattr(msg, field.name)
            if field.is_repeated:
                entry = field.message_type
                if entry is not None and entry.GetOptions().map_entry:
                    stack.extend((v, depth, field.name) for v in value.values() if isinstance(v, Message))
                else:
                    stack.extend((v, depth, field.name) for v in value)
            elif msg.HasField(field.name):
                stack.append((value, depth, field.name))
    return None


# -- the interceptor ------------------------------------------------------------------------


class _Refused:
    """What the request deserializer hands on instead of a request it would not take."""

    __slots__ = ("error",)

    def __init__(self, error: FlowgateError) -> None:
        self.error = error


class _HeldMetadata:
    """The call's context, but initial metadata a handler sends (201, `x-unwrap`) is held
    until its answer passed the size check: a refusal must be the call's first headers,
    or Envoy could not turn it into the family's error."""

    def __init__(self, context: Any) -> None:
        self._context = context
        self._held: Any = None

    async def send_initial_metadata(self, metadata: Any) -> None:
        self._held = metadata

    async def release(self) -> None:
        if self._held is not None:
            await self._context.send_initial_metadata(self._held)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


class CallLimitsInterceptor(grpc.aio.ServerInterceptor):
    """JSON nesting of every request (at parse time: a request nested too deeply is an
    INVALID_ARGUMENT in its family's shape, never a decoder error), and the size of every
    unary answer (over `max_response_bytes` it is refused: RESOURCE_EXHAUSTED, HTTP 413)."""

    def __init__(self, max_json_depth: int, max_response_bytes: int) -> None:
        self._depth = max_json_depth
        self._max_response = max_response_bytes

    def _deserializer(
        self, inner: Callable[[bytes], Any] | None, dialect: dialects.Dialect | None
    ) -> Callable[[bytes], Any]:
        limit = self._depth
        too_deep = dialect.too_deep_error if dialect is not None else too_deep_error

        def parse(raw: bytes) -> Any:
            try:
                message = inner(raw) if inner is not None else raw
            except DecodeError as e:
                if "depth" in str(e).lower():
                    return _Refused(too_deep("", limit))
                return _Refused(InvalidArgument("The request could not be parsed"))
            if isinstance(message, Message):
                field = struct_too_deep(message, limit)
                if field is not None:
                    return _Refused(too_deep(field, limit))
            return message

        return parse

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler:
        found = await continuation(handler_call_details)
        if found is None:
            return found  # type: ignore[return-value]
        handler = found
        if handler.request_streaming:  # (reflection, health watch): not ours
            return handler
        dialect = dialects.of_method(handler_call_details.method)
        render = dialect.error_body if dialect is not None else None
        status_of = dialect.http_status if dialect is not None else http_status
        parse = self._deserializer(handler.request_deserializer, dialect)
        max_response = self._max_response

        if handler.unary_unary is not None:
            inner_unary = handler.unary_unary

            async def unary(request: Any, context: Any) -> Any:
                if isinstance(request, _Refused):
                    await errors.abort(context, request.error, render, status_of)
                deferred = _HeldMetadata(context)
                response = await inner_unary(request, deferred)  # type: ignore[arg-type]
                if isinstance(response, Message) and response.ByteSize() > max_response:
                    await errors.abort(context, ResponseTooLarge(max_response), render, status_of)
                await deferred.release()
                return response

            replaced: Handler = handler._replace(  # type: ignore[attr-defined]
                unary_unary=unary, request_deserializer=parse
            )
            return replaced
        if handler.unary_stream is not None:
            inner_stream: Any = handler.unary_stream

            async def stream(request: Any, context: Any) -> Any:
                if isinstance(request, _Refused):
                    await errors.abort(context, request.error, render, status_of)
                return await inner_stream(request, context)

            if inspect.isasyncgenfunction(inner_stream):

                async def generator(request: Any, context: Any) -> Any:
                    if isinstance(request, _Refused):
                        await errors.abort(context, request.error, render, status_of)
                    async for item in inner_stream(request, context):
                        yield item

                replaced_gen: Handler = handler._replace(  # type: ignore[attr-defined]
                    unary_stream=generator, request_deserializer=parse
                )
                return replaced_gen
            replaced_stream: Handler = handler._replace(  # type: ignore[attr-defined]
                unary_stream=stream, request_deserializer=parse
            )
            return replaced_stream
        return handler
